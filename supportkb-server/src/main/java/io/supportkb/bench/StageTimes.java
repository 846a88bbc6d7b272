package io.supportkb.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Totals of the server's own observation timers, to tell where ingestion time goes: the difference of two
 * snapshots is one phase. Times are summed over threads (two worker threads can each spend the same second), and
 * {@code supportkb.indexing.embed} includes waiting for the model's only session.
 */
record StageTimes(Map<String, Stage> stages) {

    /** A timer's call count and total time. */
    record Stage(long count, double seconds) {

        Stage minus(Stage earlier) {
            return new Stage(count - earlier.count, seconds - earlier.seconds);
        }
    }

    /** The HTTP upload requests, as {@code http.server.requests} sees them. */
    static final String UPLOAD_REQUESTS = "http POST documents";

    /** The ingestion path's observations, in pipeline order. */
    static final List<String> OBSERVATIONS = List.of("supportkb.ingest.store", "supportkb.indexing.index",
            "supportkb.indexing.chunk", "supportkb.indexing.embed", "supportkb.indexing.store");

    static StageTimes of(MeterRegistry meters) {
        Map<String, Stage> stages = new LinkedHashMap<>();
        stages.put(UPLOAD_REQUESTS, sum(meters.find("http.server.requests").tag("method", "POST")
                .tag("uri", "/api/v1/collections/{collection}/documents").timers()));
        for (String name : OBSERVATIONS) {
            stages.put(name, sum(meters.find(name).timers()));
        }
        return new StageTimes(stages);
    }

    private static Stage sum(Iterable<Timer> timers) {
        long count = 0;
        double seconds = 0;
        for (Timer timer : timers) {
            count += timer.count();
            seconds += timer.totalTime(TimeUnit.NANOSECONDS) / 1e9;
        }
        return new Stage(count, seconds);
    }

    StageTimes minus(StageTimes earlier) {
        Map<String, Stage> delta = new LinkedHashMap<>();
        stages.forEach((name, stage) ->
                delta.put(name, stage.minus(earlier.stages.getOrDefault(name, new Stage(0, 0)))));
        return new StageTimes(delta);
    }
}
