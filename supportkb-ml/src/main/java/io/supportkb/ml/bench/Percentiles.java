package io.supportkb.ml.bench;

import java.util.Arrays;

/**
 * Order statistics used in the reports. Percentiles use the <em>nearest-rank</em> definition: the
 * p-th percentile of n values is the value at 1-based rank {@code ceil(p/100 * n)} in sorted order, so
 * it is always an observed value and p99 of 200 latencies is the 198th fastest (the two slowest are
 * outliers beyond it). The median of an even count is the mean of the two middle values.
 */
public final class Percentiles {

    private Percentiles() {}

    /** Nearest-rank percentile, {@code 0 < p <= 100}, of a non-empty array (not modified). */
    public static double nearestRank(double[] values, double p) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** Median of a non-empty array (not modified). */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
