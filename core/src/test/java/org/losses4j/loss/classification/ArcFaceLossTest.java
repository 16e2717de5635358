package org.losses4j.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.Samples;

class ArcFaceLossTest {

    @Test
    void specWorkedCheckOfTheTargetLogit() {
        // worked by hand: cos θ = 0.8, −0.95, 0.3 -> target logit / s = 0.414411, −1.189713, −0.194068.
        // With classes e1, e2 and s = 1, ℓ = log(1 + exp(cos θ₂ − t)), so t = cos θ₂ − log(exp(ℓ) − 1).
        double[] cos = {0.8, -0.95, 0.3};
        double[] want = {0.414411, -1.189713, -0.194068};
        float[] x = new float[6];
        for (int i = 0; i < 3; i++) {
            x[2 * i] = (float) cos[i];
            x[2 * i + 1] = (float) Math.sqrt(1 - cos[i] * cos[i]);
        }
        Tensor w = Tensor.matrix(new float[][] {{1, 0}, {0, 1}});
        float[] l = new ArcFaceLoss(1.0, 0.5, false, Reduction.NONE)
                .forward(Tensor.wrap(x, 3, 2), w, Tensor.indices(0, 0, 0)).data();
        for (int i = 0; i < 3; i++) {
            double cos2 = x[2 * i + 1] / Math.hypot(x[2 * i], x[2 * i + 1]);
            assertThat(cos2 - Math.log(Math.expm1(l[i]))).isCloseTo(want[i], within(2e-6));
        }
    }

    @Property(tries = 40)
    void zeroMarginIsCrossEntropyOnScaledCosines(@ForAll @LongRange(min = 1, max = 10_000) long seed) {
        Tensor x = Samples.normal(seed, 1.0, 4, 3);
        Tensor w = Samples.normal(seed + 1, 1.0, 5, 3);
        Tensor y = Tensor.indices(0, 4, 2, 2);
        double s = 7.0;
        double want = 0;
        for (int i = 0; i < 4; i++) {
            double[] z = new double[5];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 5; k++) {
                double dot = 0;
                double nx = 0;
                double nw = 0;
                for (int q = 0; q < 3; q++) {
                    double a = x.get(i, q);
                    double b = w.get(k, q);
                    dot += a * b;
                    nx += a * a;
                    nw += b * b;
                }
                z[k] = s * dot / Math.sqrt(nx * nw);
                max = Math.max(max, z[k]);
            }
            double sum = 0;
            for (double v : z) {
                sum += Math.exp(v - max);
            }
            want += max + Math.log(sum) - z[(int) y.longData()[i]];
        }
        assertThat(new ArcFaceLoss(s, 0.0, false, Reduction.SUM).valueAndGradient(x, w, y).item())
                .isCloseTo(want, within(1e-5 * Math.max(1, want)));
    }

    @Property(tries = 40)
    void gradientsAreOrthogonalToEachRow(@ForAll @LongRange(min = 1, max = 10_000) long seed,
            @ForAll boolean easy) {
        // features and class centres are normalised, so scaling a row changes nothing: x_i · ∂ℓ/∂x_i = 0
        Tensor x = Samples.normal(seed, 2.0, 5, 4);
        Tensor w = Samples.normal(seed + 1, 0.5, 3, 4);
        LossResult r = new ArcFaceLoss(64, 0.5, easy, Reduction.MEAN).valueAndGradient(x, w,
                Tensor.indices(0, 1, 2, 0, 1));
        assertRowsOrthogonal(x, r.gradInput());
        assertRowsOrthogonal(w, r.grad("weight"));
    }

    private static void assertRowsOrthogonal(Tensor t, Tensor g) {
        int d = t.size(1);
        for (int i = 0; i < t.size(0); i++) {
            double dot = 0;
            double mag = 0;
            for (int q = 0; q < d; q++) {
                dot += t.get(i, q) * g.get(i, q);
                mag += Math.abs(t.get(i, q) * g.get(i, q));
            }
            assertThat(Math.abs(dot)).isLessThanOrEqualTo(1e-5 * Math.max(1, mag));
        }
    }

    @Test
    void featureExactlyOnItsClassCentreHasAFiniteGradient() {
        // PyTorch's autograd of the reference gives inf/NaN here (d sinθ / d cosθ at sinθ = 0); we floor sinθ
        Tensor x = Tensor.matrix(new float[][] {{2, 0}, {0, 1}});
        Tensor w = Tensor.matrix(new float[][] {{1, 0}, {0, 3}});
        LossResult r = new ArcFaceLoss().valueAndGradient(x, w, Tensor.indices(0, 1));
        assertThat(Double.isFinite(r.item())).isTrue();
        for (float v : r.gradInput().data()) {
            assertThat(Float.isFinite(v)).isTrue();
        }
        for (float v : r.grad("weight").data()) {
            assertThat(Float.isFinite(v)).isTrue();
        }
    }

    @Test
    void messagesNameTheArgumentValueAndRule() {
        Tensor x = Tensor.matrix(new float[][] {{1, 0}, {0, 1}});
        Tensor w = Tensor.matrix(new float[][] {{1, 0}, {0, 1}, {0.6f, 0.8f}});
        assertThatThrownBy(() -> new ArcFaceLoss().forward(x, w, Tensor.indices(1, 3)))
                .hasMessage("arcface_loss: target 3 at index 1 is out of range for C = 3 classes (must be in [0, 3))");
        assertThatThrownBy(() -> new ArcFaceLoss(0, 0.5, false, Reduction.MEAN))
                .hasMessage("arcface_loss: s must be > 0, got 0");
        assertThatThrownBy(() -> new ArcFaceLoss(64, Math.PI / 2, false, Reduction.MEAN))
                .hasMessageStartingWith("arcface_loss: m must be in [0, 1.5707963267948966)");
        assertThatThrownBy(() -> new ArcFaceLoss().forward(x, Tensor.matrix(new float[][] {{1, 0, 0}}),
                Tensor.indices(0, 0)))
                .hasMessage("arcface_loss: weight shape [1, 3] must be (C, D) with the input's D = 2 (input [2, 2])");
    }

    @Test
    void toStringAndRegistry() {
        assertThat(new ArcFaceLoss()).hasToString("ArcFaceLoss(s=64.0, m=0.5, easy_margin=false, mode=classic, reduction=mean)");
        assertThat(LossRegistry.standard().create("arcface_loss", Map.of("s", 30, "easy_margin", true), null))
                .hasToString("ArcFaceLoss(s=30.0, m=0.5, easy_margin=true, mode=classic, reduction=mean)");
    }
}
