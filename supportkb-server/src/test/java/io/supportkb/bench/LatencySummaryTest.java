package io.supportkb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void nearestRankPercentilesAreMeasuredValuesWhateverTheInputOrder() {
        long[] millis = LongStream.rangeClosed(1, 200).map(v -> v * 1_000_000).toArray();
        shuffle(millis, new Random(42));

        LatencySummary summary = LatencySummary.of(millis);

        assertThat(summary.count()).isEqualTo(200);
        assertThat(summary.p50Ms()).isEqualTo(100.0);
        assertThat(summary.p95Ms()).isEqualTo(190.0);
        assertThat(summary.p99Ms()).isEqualTo(198.0);
        assertThat(summary.maxMs()).isEqualTo(200.0);
        assertThat(summary.meanMs()).isCloseTo(100.5, within(1e-9));
    }

    @Test
    void withFewerThanAHundredValuesP99IsTheMaximumAndOneValueIsEveryPercentile() {
        assertThat(LatencySummary.of(new long[] {3_000_000, 1_000_000, 2_000_000}).p99Ms()).isEqualTo(3.0);
        assertThat(LatencySummary.of(new long[] {7_000_000})).extracting(LatencySummary::p50Ms, LatencySummary::p99Ms)
                .containsExactly(7.0, 7.0);
        assertThat(LatencySummary.of(new long[0]).count()).isZero();
    }

    private static void shuffle(long[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
