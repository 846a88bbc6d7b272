package io.supportkb.ml.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankPicksTheObservedValueAtRankCeilPTimesN() {
        double[] hundred = IntStream.rangeClosed(1, 100).mapToDouble(i -> i).toArray();
        assertThat(Percentiles.nearestRank(hundred, 50)).isEqualTo(50);
        assertThat(Percentiles.nearestRank(hundred, 99)).isEqualTo(99);
        assertThat(Percentiles.nearestRank(hundred, 100)).isEqualTo(100);
        assertThat(Percentiles.nearestRank(hundred, 0.1)).isEqualTo(1);
        // 200 latencies: p99 is the 198th, so the two slowest are beyond it
        double[] twoHundred = IntStream.rangeClosed(1, 200).mapToDouble(i -> i).toArray();
        assertThat(Percentiles.nearestRank(twoHundred, 99)).isEqualTo(198);
    }

    @Test
    void percentilesIgnoreInputOrderAndLeaveTheInputAlone() {
        double[] values = IntStream.rangeClosed(1, 37).mapToDouble(i -> i).toArray();
        double[] shuffled = values.clone();
        Random random = new Random(7);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        double[] before = shuffled.clone();
        assertThat(Percentiles.nearestRank(shuffled, 90)).isEqualTo(Percentiles.nearestRank(values, 90)).isEqualTo(34);
        assertThat(shuffled).containsExactly(before);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Percentiles.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(Percentiles.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Percentiles.median(new double[] {7})).isEqualTo(7);
    }

    @Test
    void rejectsEmptyInputAndPercentilesOutsideZeroToHundred() {
        assertThatThrownBy(() -> Percentiles.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.nearestRank(new double[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.nearestRank(new double[] {1}, 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latencySummaryReportsMillisecondsFromNanoseconds() {
        long[] nanos = IntStream.rangeClosed(1, 100).mapToLong(i -> i * 1_000_000L).toArray();
        LatencySummary summary = LatencySummary.ofNanos(nanos);
        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50Ms()).isEqualTo(50);
        assertThat(summary.p90Ms()).isEqualTo(90);
        assertThat(summary.p99Ms()).isEqualTo(99);
        assertThat(summary.maxMs()).isEqualTo(100);
        assertThat(summary.meanMs()).isEqualTo(50.5);
    }
}
