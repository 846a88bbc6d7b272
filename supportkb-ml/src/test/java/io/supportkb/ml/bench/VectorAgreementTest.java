package io.supportkb.ml.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VectorAgreementTest {

    @Test
    void countsBitIdenticalPairsAndTheWorstDifference() {
        float[] x = {0.6f, 0.8f};
        float[] y = {0.8f, 0.6f};
        VectorAgreement agreement = VectorAgreement.of(List.of(x, x), List.of(x.clone(), y));
        assertThat(agreement.compared()).isEqualTo(2);
        assertThat(agreement.bitIdentical()).isEqualTo(1);
        assertThat(agreement.maxAbsDiff()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(agreement.minCosine()).isCloseTo(0.96, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void negativeZeroIsNotBitIdenticalToZero() {
        VectorAgreement agreement = VectorAgreement.of(List.of(new float[] {0f, 1f}), List.of(new float[] {-0f, 1f}));
        assertThat(agreement.bitIdentical()).isZero();
        assertThat(agreement.maxAbsDiff()).isZero();
    }

    @Test
    void normalisingGivesUnitLength() {
        float[] unit = VectorAgreement.normalized(new float[] {3, 4});
        assertThat(unit).containsExactly(0.6f, 0.8f);
    }
}
