package io.supportkb.search;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.supportkb.ml.index.SearchResult;

/**
 * The steps inside one index search as timers: {@code supportkb.search.index} with tags {@code step} (vector,
 * keyword, fetch, fuse) and {@code mode}. The index measures them itself (it is plain Java), so they are recorded
 * after the fact rather than observed; the enclosing {@code supportkb.search.retrieve} observation spans them all.
 */
final class IndexSteps {

    private final Map<QueryMode, Timer[]> timers = new EnumMap<>(QueryMode.class);

    IndexSteps(MeterRegistry meters) {
        for (QueryMode mode : QueryMode.values()) {
            Timer[] steps = new Timer[4];
            String[] names = {"vector", "keyword", "fetch", "fuse"};
            for (int i = 0; i < names.length; i++) {
                steps[i] = Timer.builder("supportkb.search.index").description("one step of the Lucene search")
                        .tag("step", names[i]).tag("mode", mode.wireName()).register(meters);
            }
            timers.put(mode, steps);
        }
    }

    void record(SearchResult.Timings timings, QueryMode mode) {
        Timer[] steps = timers.get(mode);
        if (timings.vectorNanos() > 0) {
            steps[0].record(timings.vectorNanos(), TimeUnit.NANOSECONDS);
        }
        if (timings.keywordNanos() > 0) {
            steps[1].record(timings.keywordNanos(), TimeUnit.NANOSECONDS);
        }
        steps[2].record(timings.fetchNanos(), TimeUnit.NANOSECONDS);
        steps[3].record(timings.fuseNanos(), TimeUnit.NANOSECONDS);
    }
}
