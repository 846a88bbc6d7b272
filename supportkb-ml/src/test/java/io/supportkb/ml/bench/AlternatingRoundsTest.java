package io.supportkb.ml.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportkb.ml.bench.AlternatingRounds.Contender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlternatingRoundsTest {

    @Test
    void evenRoundsRunInOrderAndOddRoundsInReverse() {
        assertThat(AlternatingRounds.order(3, 0)).containsExactly(0, 1, 2);
        assertThat(AlternatingRounds.order(3, 1)).containsExactly(2, 1, 0);
        assertThat(AlternatingRounds.order(3, 2)).containsExactly(0, 1, 2);
    }

    @Test
    void warmsUpEveryContenderOnceThenRecordsEachRoundAndPassesTheRoundIndex() throws Exception {
        List<String> calls = new ArrayList<>();
        Contender a = new Contender("a", r -> {
            calls.add("a" + r);
            return new long[0];
        }, r -> {
            calls.add("a" + r);
            return new long[] {10L * (r + 1)};
        });
        Contender b = new Contender("b", null, r -> {
            calls.add("b" + r);
            return new long[] {1, 2};
        });
        Map<String, AlternatingRounds.Timings> timings = AlternatingRounds.run(List.of(a, b), 3, m -> { });
        assertThat(calls).containsExactly("a-1", "a0", "b0", "b1", "a1", "a2", "b2");
        assertThat(timings.get("a").roundTotals()).containsExactly(10, 20, 30);
        assertThat(timings.get("b").roundTotals()).containsExactly(3, 3, 3);
        assertThat(timings.get("b").allOperations()).containsExactly(1, 2, 1, 2, 1, 2);
    }

    @Test
    void speedRatioIsTheMedianOfPerRoundRatiosSoOneDisturbedRoundDoesNotMoveIt() {
        long[] baseline = {100, 100, 100, 100, 100};
        long[] candidate = {50, 50, 50, 50, 500}; // the last round was hit by other work
        assertThat(AlternatingRounds.medianSpeedRatio(baseline, candidate)).isEqualTo(2.0);
        assertThatThrownBy(() -> AlternatingRounds.medianSpeedRatio(new long[] {1}, new long[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
