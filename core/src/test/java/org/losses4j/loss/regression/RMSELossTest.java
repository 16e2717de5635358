package org.losses4j.loss.regression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/**
 * RMSE's special points: R = 0 has the documented zero gradient, and a NaN error is not mistaken for it (the test
 * {@code R > 0} is false for NaN, which used to send a NaN R down the R = 0 path and zero every gradient).
 */
class RMSELossTest {
    private static final Tensor X = Tensor.vector(1f, Float.NaN, -2f, 0f);
    private static final Tensor Y = Tensor.vector(0f, 0f, 0.5f, 0f);

    @Test
    void aNaNErrorMakesEveryGradientNaNForMeanAndSum() {
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM}) {
            for (double eps : new double[] {0, 0.01}) {
                LossResult res = new RMSELoss(eps, r).valueAndGradient(X, Y);
                assertThat(res.item()).as("%s eps=%s", r, eps).isNaN();
                for (float g : res.gradInput().data()) {
                    assertThat(g).as("%s eps=%s input gradient", r, eps).isNaN();
                }
                for (float g : res.gradTarget().data()) {
                    assertThat(g).as("%s eps=%s target gradient", r, eps).isNaN();
                }
            }
        }
    }

    @Test
    void aNaNErrorMakesItsOwnGradientNaNForNone() {
        LossResult res = new RMSELoss(0, Reduction.NONE).valueAndGradient(X, Y);
        assertThat(res.value().data()).containsExactly(1f, Float.NaN, 2.5f, 0f);
        assertThat(res.gradInput().data()).containsExactly(1f, Float.NaN, -1f, 0f);
        assertThat(res.gradTarget().data()).containsExactly(-1f, Float.NaN, 1f, -0f);
    }

    @Test
    void zeroErrorKeepsTheZeroGradient() {
        Tensor z = Tensor.vector(0.5f, -1f, 2f);
        for (Reduction r : new Reduction[] {Reduction.NONE, Reduction.MEAN, Reduction.SUM}) {
            LossResult res = new RMSELoss(0, r).valueAndGradient(z, z);
            for (int i = 0; i < 3; i++) {
                assertThat(res.gradInput().data()[i] == 0).as("%s input gradient [%d]", r, i).isTrue();
                assertThat(res.gradTarget().data()[i] == 0).as("%s target gradient [%d]", r, i).isTrue();
            }
        }
    }

    @Test
    void theFastPathPropagatesNaNToo() {
        float[] g = new float[4];
        double v = new RMSELoss().valueAndGradInput(X.data(), Y.data(), g, 4);
        assertThat(v).isNaN();
        assertThat(g).containsOnly(Float.NaN);
    }
}
