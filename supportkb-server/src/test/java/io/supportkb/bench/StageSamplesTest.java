package io.supportkb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StageSamplesTest {

    @Test
    void keepsMillisecondsAsNanosAndLeavesStagesThatDidNotRunOutOfTheirPercentiles() {
        StageSamples stages = StageSamples.absent(3);
        stages.record(0, 12.5, 10.0, 2.0, 0.25);
        stages.record(2, 0.17, null, null, null); // a cache hit: no embedding, no retrieval, no assembly

        assertThat(StageSamples.present(stages.total())).containsExactly(12_500_000L, 170_000L);
        assertThat(StageSamples.present(stages.embed())).containsExactly(10_000_000L);
        assertThat(StageSamples.present(stages.assemble())).containsExactly(250_000L);
        assertThat(stages.retrieve()[1]).isEqualTo(StageSamples.ABSENT);
    }
}
