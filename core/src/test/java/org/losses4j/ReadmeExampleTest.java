package org.losses4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.regression.HuberLoss;
import org.losses4j.loss.regression.L1Loss;
import org.losses4j.tensor.Tensor;

/** Keeps the README's first-screen examples true. */
class ReadmeExampleTest {
    @Test
    void javaExample() {
        Tensor prediction = Tensor.vector(2.5f, 4.75f, 7f, 11f);
        Tensor target = Tensor.vector(3f, 5f, 7f, 9f);
        HuberLoss huber = new HuberLoss(1.5);
        LossResult r = huber.valueAndGradient(prediction, target);
        assertThat(r.item() + " " + r.gradInput()).isEqualTo("0.5078125 tensor([-0.125, -0.0625, 0.0, 0.375])");
    }

    /** The contract's loop with a gradient the caller owns: each step's gradient is that step's, in the same tensor. */
    @Test
    void callerOwnedGradientExample() {
        Tensor prediction = Tensor.vector(2.5f, 4.75f, 7f, 11f);
        Tensor target = Tensor.vector(3f, 5f, 7f, 9f);
        HuberLoss huber = new HuberLoss(1.5);
        Tensor grad = Tensor.zeros(prediction.shape());
        double first = Double.NaN;
        double loss = Double.NaN;
        for (int step = 0; step < 3; step++) {
            LossResult fresh = huber.valueAndGradInput(prediction, target);
            LossResult r = huber.valueAndGradInput(prediction, target, grad);
            loss = r.item();
            assertThat(r.gradInput()).isSameAs(grad);
            assertThat(grad.data()).isEqualTo(fresh.gradInput().data());
            assertThat(loss).isEqualTo(fresh.item());
            if (step == 0) {
                first = loss;
                assertThat(r.item() + " " + r.gradInput()).isEqualTo("0.5078125 tensor([-0.125, -0.0625, 0.0, 0.375])");
            }
            float[] p = prediction.data();
            for (int i = 0; i < p.length; i++) {
                p[i] -= 2 * grad.data()[i];
            }
        }
        assertThat(loss).isLessThan(first);
    }

    @Test
    void seedExampleL1() {
        // The seed's example: L1 of [2.5, 4.8, 6.9, 9.5] against [3, 5, 7, 9] is 0.325 (float32 inputs).
        double v = new L1Loss().forward(Tensor.vector(2.5f, 4.8f, 6.9f, 9.5f), Tensor.vector(3, 5, 7, 9)).item();
        assertThat(v).isCloseTo(0.325, org.assertj.core.data.Offset.offset(1e-6));
    }
}
