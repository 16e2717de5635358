package org.losses4j.loss.regression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.Samples;
import org.losses4j.testing.VectorApiRun;

@Tag(VectorApiRun.TAG)
class AdaptiveHuberLossTest {
    @Test
    void equalsHuberAtEveryDeltaItIsSetTo() {
        Tensor x = Samples.normal(1, 3.0, 50);
        Tensor y = Samples.normal(2, 3.0, 50);
        for (Reduction r : new Reduction[] {Reduction.NONE, Reduction.MEAN, Reduction.SUM}) {
            AdaptiveHuberLoss a = new AdaptiveHuberLoss(1.0, r);
            for (double d : new double[] {0.25, 1.5, 4.0}) {
                a.setDelta(d);
                LossResult got = a.valueAndGradient(x, y);
                LossResult want = new HuberLoss(d, r).valueAndGradient(x, y);
                assertThat(got.value().data()).containsExactly(want.value().data());
                assertThat(got.gradInput().data()).containsExactly(want.gradInput().data());
                assertThat(got.gradTarget().data()).containsExactly(want.gradTarget().data());
                assertThat(a.delta()).isEqualTo((float) d);
            }
        }
    }

    @Test
    void isNotRegistered() {
        assertThat(LossRegistry.standard().contains("adaptive_huber_loss")).isFalse();
        assertThat(new AdaptiveHuberLoss().toString()).isEqualTo("AdaptiveHuberLoss(initial_delta=1.0, reduction=mean)");
    }
}
