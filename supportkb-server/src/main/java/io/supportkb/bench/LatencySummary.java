package io.supportkb.bench;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies, in milliseconds. Percentiles are nearest-rank (the smallest value with at
 * least p % of the values at or below it), so every reported value is one that was measured; with fewer than
 * 100 values p99 is simply the maximum.
 *
 * @param count how many latencies
 */
record LatencySummary(int count, double p50Ms, double p95Ms, double p99Ms, double meanMs, double maxMs) {

    static LatencySummary of(long[] nanos) {
        if (nanos.length == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length, ms(percentile(sorted, 50)), ms(percentile(sorted, 95)),
                ms(percentile(sorted, 99)), ms(Arrays.stream(sorted).average().orElseThrow()),
                ms(sorted[sorted.length - 1]));
    }

    /** Nearest-rank percentile {@code p} (0 < p <= 100) of ascending, non-empty {@code sorted}. */
    static long percentile(long[] sorted, double p) {
        assert sorted.length > 0 && p > 0 && p <= 100;
        int rank = (int) Math.ceil(p * sorted.length / 100.0); // p * n first: exact for whole p
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }
}
