package io.supportkb.ml.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EqualLengthGroupsTest {

    private static final long[][] IDS = {new long[3], new long[5], new long[3], new long[3], new long[4], new long[5]};

    @Test
    void onnxCallsAreOnePerBatchOfEqualLengthSequences() {
        EqualLengthGroups groups = EqualLengthGroups.of(IDS);
        assertThat(groups.calls(1)).isEqualTo(6);
        assertThat(groups.calls(2)).isEqualTo(4); // 3,3 | 3 | 4 | 5,5
        assertThat(groups.calls(8)).isEqualTo(3);
        assertThat(groups.sharingALength()).isEqualTo(5);
    }

    @Test
    void sampleBatchesTakeSharedLengthsShortestFirstInInputOrder() {
        assertThat(EqualLengthGroups.of(IDS).sampleBatches(5, 2)).containsExactly(List.of(0, 2), List.of(1, 5));
        assertThat(EqualLengthGroups.of(IDS).sampleBatches(1, 8)).containsExactly(List.of(0, 2, 3));
    }
}
