package io.supportkb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.supportkb.bench.Measurement.Path;

class MeasurementTest {

    private final List<Measurement> all = Measurement.all(List.of(1, 4, 16), List.of(1, 4));

    @Test
    void roundOneRunsTheBaselineThenEveryMissLevelThenEveryHitLevel() {
        assertThat(Measurement.roundOrder(all, 1)).containsExactly(new Measurement(Path.DIRECT, 1),
                new Measurement(Path.MISS, 1), new Measurement(Path.MISS, 4), new Measurement(Path.MISS, 16),
                new Measurement(Path.HIT, 1), new Measurement(Path.HIT, 4));
    }

    @Test
    void eachRoundStartsOneSettingLaterAndEverySettingLeadsOnce() {
        assertThat(Measurement.roundOrder(all, 2)).startsWith(new Measurement(Path.MISS, 1))
                .endsWith(new Measurement(Path.DIRECT, 1)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(java.util.stream.IntStream.rangeClosed(1, all.size())
                .mapToObj(r -> Measurement.roundOrder(all, r).getFirst())).containsExactlyElementsOf(all);
        assertThat(Measurement.roundOrder(all, all.size() + 1)).isEqualTo(all);
    }
}
