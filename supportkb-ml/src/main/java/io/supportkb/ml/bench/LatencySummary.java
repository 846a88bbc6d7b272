package io.supportkb.ml.bench;

import java.util.Arrays;

/**
 * Latencies of one kind of operation, in milliseconds; percentiles by nearest rank (see {@link
 * Percentiles}).
 */
public record LatencySummary(int count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double maxMs) {

    public static LatencySummary ofNanos(long[] nanos) {
        double[] ms = Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray();
        return new LatencySummary(ms.length, Arrays.stream(ms).average().orElseThrow(),
                Percentiles.nearestRank(ms, 50), Percentiles.nearestRank(ms, 90),
                Percentiles.nearestRank(ms, 99), Arrays.stream(ms).max().orElseThrow());
    }
}
