package org.losses4j.loss.regression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/** Pseudo-Huber at the points the formula's branches must get right: NaN, ±∞, and 0 with a tiny δ. */
class PseudoHuberLossTest {
    private static final float NAN = Float.NaN;
    private static final float INF = Float.POSITIVE_INFINITY;

    /** A NaN residual is NaN in value and gradient; it used to take the linear branch and get the gradient ±δ. */
    @Test
    void aNaNResidualHasANaNGradient() {
        for (Reduction r : new Reduction[] {Reduction.NONE, Reduction.MEAN, Reduction.SUM}) {
            LossResult res = new PseudoHuberLoss(2.0, r).valueAndGradient(Tensor.vector(NAN, 1f, INF, -INF),
                    Tensor.vector(0f, NAN, INF, -INF));
            for (int i = 0; i < 4; i++) {
                assertThat(res.gradInput().data()[i]).as("%s input gradient [%d]", r, i).isNaN();
                assertThat(res.gradTarget().data()[i]).as("%s target gradient [%d]", r, i).isNaN();
            }
            if (r == Reduction.NONE) {
                assertThat(res.value().data()).containsOnly(NAN);
            } else {
                assertThat(res.item()).isNaN();
            }
        }
        float[] g = new float[1];
        assertThat(new PseudoHuberLoss().valueAndGradInput(new float[] {NAN}, new float[] {0f}, g, 1)).isNaN();
        assertThat(g[0]).isNaN();
    }

    /** d = ±∞: the loss is ∞ and the gradient its limit ±δ. */
    @Test
    void infiniteResidualsHaveTheLinearLimit() {
        LossResult res = new PseudoHuberLoss(0.5, Reduction.NONE).valueAndGradInput(Tensor.vector(INF, -INF),
                Tensor.vector(0f, 0f));
        assertThat(res.value().data()).containsExactly(INF, INF);
        assertThat(res.gradInput().data()).containsExactly(0.5f, -0.5f);
    }

    /** δ below 5.6e-309, where 1/δ overflows double: d = 0 is still 0 with gradient 0, not 0·∞ = NaN. */
    @Test
    void zeroResidualWithATinyDeltaIsZero() {
        LossResult res = new PseudoHuberLoss(1e-310, Reduction.NONE).valueAndGradInput(Tensor.vector(0f, 3f),
                Tensor.vector(0f, 0f));
        assertThat(res.value().data()[0]).isZero();
        assertThat(res.gradInput().data()[0]).isZero();
        assertThat(res.value().data()[1]).isZero(); // δ·|d| − δ² ≈ 3e-310, 0 in float32
        assertThat(res.gradInput().data()[1]).isZero();
    }
}
