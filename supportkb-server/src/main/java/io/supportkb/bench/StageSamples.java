package io.supportkb.bench;

import java.util.Arrays;

/**
 * Per-request stage times (ns) as the server reports them in each answer's {@code timings}, or as the direct
 * baseline measures them: {@code total} is the server's whole query (for the baseline: embed + search), {@code embed}
 * the query embedding, {@code retrieve} the Lucene search, {@code assemble} turning index hits into the response's
 * hits. Index {@code i} of each array is request {@code i}; {@value #ABSENT} marks a stage that did not run or a
 * request without an answer.
 */
record StageSamples(long[] total, long[] embed, long[] retrieve, long[] assemble) {

    static final long ABSENT = -1;

    static StageSamples absent(int requests) {
        return new StageSamples(filled(requests), filled(requests), filled(requests), filled(requests));
    }

    /** Records request {@code i}'s stage times, given in milliseconds ({@code null}: the stage did not run). */
    void record(int i, Double totalMs, Double embedMs, Double retrieveMs, Double assembleMs) {
        total[i] = nanos(totalMs);
        embed[i] = nanos(embedMs);
        retrieve[i] = nanos(retrieveMs);
        assemble[i] = nanos(assembleMs);
    }

    /** The recorded values of one stage, without the absent ones. */
    static long[] present(long[] stage) {
        return Arrays.stream(stage).filter(v -> v != ABSENT).toArray();
    }

    private static long nanos(Double ms) {
        return ms == null ? ABSENT : Math.round(ms * 1e6);
    }

    private static long[] filled(int n) {
        long[] values = new long[n];
        Arrays.fill(values, ABSENT);
        return values;
    }
}
