package org.losses4j.loss.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

class AdaptiveRobustLossTest {
    /** K₁(1), the modified Bessel function of the second kind (Abramowitz &amp; Stegun table 9.8). */
    private static final double K1_OF_1 = 0.6019072301972346;

    @Test
    void partitionFunctionMatchesClosedForms() {
        // α = 0: ∫ 1/(1 + t²/2) = π√2; α = 1: ∫ exp(1 − √(t² + 1)) = 2e·K₁(1); α = 2: ∫ exp(−t²/2) = √(2π)
        assertThat(AdaptiveRobustLoss.logPartition(0)).isCloseTo(Math.log(Math.PI * Math.sqrt(2)), within(1e-9));
        assertThat(AdaptiveRobustLoss.logPartition(1)).isCloseTo(Math.log(2 * Math.E * K1_OF_1), within(1e-9));
        assertThat(AdaptiveRobustLoss.logPartition(2)).isCloseTo(0.5 * Math.log(2 * Math.PI), within(1e-9));
    }

    @Test
    void partitionDerivativeMatchesItsFiniteDifference() {
        for (double a : new double[] {0.05, 0.5, 1.0, 1.7, 3.0, 6.0}) {
            double h = 1e-4;
            double fd = (AdaptiveRobustLoss.logPartition(a + h) - AdaptiveRobustLoss.logPartition(a - h)) / (2 * h);
            assertThat(AdaptiveRobustLoss.logPartitionDerivative(a)).as("alpha %s", a).isCloseTo(fd, within(1e-6));
        }
        // heavier tails need a larger normaliser: log Z falls as α grows
        assertThat(AdaptiveRobustLoss.logPartitionDerivative(1.0)).isNegative();
    }

    @Test
    void rhoSpecialCases() {
        assertThat(AdaptiveRobustLoss.rho(3, 2, 1)).isEqualTo(4.5);
        assertThat(AdaptiveRobustLoss.rho(3, 0, 1)).isCloseTo(Math.log(5.5), within(1e-15));
        assertThat(AdaptiveRobustLoss.rho(3, 1, 1)).isCloseTo(Math.sqrt(10) - 1, within(1e-14));
        // continuity at the special points
        assertThat(AdaptiveRobustLoss.rho(3, 1e-9, 1)).isCloseTo(Math.log(5.5), within(1e-7));
        assertThat(AdaptiveRobustLoss.rho(3, 2 - 1e-9, 1)).isCloseTo(4.5, within(1e-6));
    }

    @Test
    void nllIsRhoPlusLogScalePlusLogZ() {
        AdaptiveRobustLoss loss = new AdaptiveRobustLoss(Reduction.NONE);
        LossResult r = loss.valueAndGradient(Tensor.vector(2f), Tensor.vector(0.5f), Tensor.scalar(1f),
                Tensor.scalar(0.5f));
        double want = AdaptiveRobustLoss.rho(1.5, 1, 0.5) + Math.log(0.5) + AdaptiveRobustLoss.logPartition(1);
        assertThat(r.value().data()[0]).isCloseTo((float) want, within(1e-6f));
        assertThatThrownBy(() -> loss.valueAndGradient(Tensor.vector(1f), Tensor.vector(1f), Tensor.scalar(-0.5f),
                Tensor.scalar(1f))).hasMessage("adaptive_robust_loss: alpha must be in [0, 10], got -0.5");
    }
}
