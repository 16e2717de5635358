package org.losses4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.losses4j.kernel.Parallel;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.Allocations;
import org.losses4j.testing.VectorApiRun;

/** The allocation-free fast path gives exactly the numbers of the tensor path, for every element-wise loss. */
@Tag(VectorApiRun.TAG)
class ElementwiseFastPathTest {
    private static float[] random(Random r, int n, float scale) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) (r.nextGaussian() * scale);
        }
        return f;
    }

    private static float[] unit(Random r, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = r.nextFloat();
        }
        return f;
    }

    @Test
    void sameValueAndGradientAsTheTensorPath() {
        Random r = new Random(11);
        int checked = 0;
        for (LossInfo info : LossRegistry.standard().list()) {
            boolean bce = info.name().equals("binary_cross_entropy");
            boolean bceLogits = info.name().equals("binary_cross_entropy_with_logits");
            if (!(LossRegistry.standard().create(info.name()) instanceof ElementwiseLoss) && !bce && !bceLogits) {
                continue;
            }
            for (String red : new String[] {"mean", "sum"}) {
                InputTargetLoss loss = (InputTargetLoss) LossRegistry.standard().create(info.name(), Map.of(), red);
                for (int n : new int[] {1, 7, 1000, Parallel.BLOCK + 3}) {
                    float[] x = bce ? unit(r, n) : random(r, n, 3);
                    float[] y = bce || bceLogits ? unit(r, n) : random(r, n, 3);
                    LossResult expected = loss.valueAndGradInput(Tensor.wrap(x.clone(), n), Tensor.wrap(y.clone(), n));
                    float[] g = new float[n + 2];
                    g[n] = 42f;
                    g[n + 1] = 43f;
                    double v = loss.valueAndGradInput(x, y, g, n);
                    assertThat(v).as("%s %s n=%d", info.name(), red, n).isEqualTo(expected.item());
                    assertThat(Arrays.copyOf(g, n)).isEqualTo(expected.gradInput().data());
                    assertThat(g[n]).as("only the first n gradient elements are written").isEqualTo(42f);
                    assertThat(g[n + 1]).isEqualTo(43f);
                }
                checked++;
            }
            InputTargetLoss none = (InputTargetLoss) LossRegistry.standard().create(info.name(), Map.of(), "none");
            InputTargetLoss sum = (InputTargetLoss) LossRegistry.standard().create(info.name(), Map.of(), "sum");
            float[] x = bce ? unit(r, 9) : random(r, 9, 2);
            float[] y = bce || bceLogits ? unit(r, 9) : random(r, 9, 2);
            float[] g1 = new float[9];
            float[] g2 = new float[9];
            assertThat(none.valueAndGradInput(x, y, g1, 9)).isEqualTo(sum.valueAndGradInput(x, y, g2, 9));
            assertThat(g1).isEqualTo(none.valueAndGradInput(Tensor.wrap(x, 9), Tensor.wrap(y, 9)).gradInput().data());
        }
        assertThat(checked).isGreaterThanOrEqualTo(12);
    }

    @Test
    void elementValuesAreThoseOfReductionNoneWhateverTheReduction() {
        Random r = new Random(13);
        int checked = 0;
        for (LossInfo info : LossRegistry.standard().list()) {
            if (!(LossRegistry.standard().create(info.name()) instanceof ElementwiseLoss)) {
                continue;
            }
            InputTargetLoss none = (InputTargetLoss) LossRegistry.standard().create(info.name(), Map.of(), "none");
            ElementwiseLoss mean = (ElementwiseLoss) LossRegistry.standard().create(info.name(), Map.of(), "mean");
            for (int n : new int[] {0, 1, 37, 2 * Parallel.BLOCK + 5}) {
                float[] x = random(r, n, 3);
                float[] y = random(r, n, 3);
                float[] out = new float[n + 1];
                out[n] = 42f;
                mean.elementValues(x, y, out, n);
                assertThat(Arrays.copyOf(out, n)).as("%s n=%d", info.name(), n)
                        .isEqualTo(none.forward(Tensor.wrap(x, n), Tensor.wrap(y, n)).data());
                assertThat(out[n]).as("only the first n elements are written").isEqualTo(42f);
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
        ElementwiseLoss l1 = (ElementwiseLoss) LossRegistry.standard().create("l1_loss");
        assertThatThrownBy(() -> l1.elementValues(new float[3], new float[3], new float[2], 3))
                .hasMessageStartingWith("l1_loss: fast path needs n >= 0 and arrays of at least n elements");
    }

    @Test
    void meanOfNothingIsNaNAsTheTensorPath() {
        ElementwiseLoss l1 = (ElementwiseLoss) LossRegistry.standard().create("l1_loss");
        assertThat(l1.valueAndGradInput(new float[0], new float[0], new float[0], 0)).isNaN();
    }

    @Test
    void shortArraysAreRefused() {
        ElementwiseLoss l1 = (ElementwiseLoss) LossRegistry.standard().create("l1_loss");
        assertThatThrownBy(() -> l1.valueAndGradInput(new float[3], new float[2], new float[3], 3))
                .hasMessageStartingWith("l1_loss: fast path needs n >= 0 and arrays of at least n elements");
    }

    /** A loss with a data check: the fast path must run it too. */
    static final class PositiveTargets extends ElementwiseLoss {
        PositiveTargets() {
            super("positive_targets", Reduction.MEAN);
        }

        @Override
        protected void validate(Tensor input, Tensor target) {
            for (float v : target.data()) {
                if (!(v > 0)) {
                    throw error("target must be > 0, got " + v);
                }
            }
        }

        @Override
        protected double kernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
                int to) {
            double s = 0;
            for (int i = from; i < to; i++) {
                s += x[i] / y[i];
                if (gx != null) {
                    gx[i] = scale / y[i];
                }
            }
            return s;
        }

        @Override
        protected void inputHessian(float[] x, float[] y, float[] hx, float scale, int from, int to) {
            java.util.Arrays.fill(hx, from, to, 0f); // x/y is linear in x
        }
    }

    @Test
    void dataChecksOfASubclassStillRun() {
        PositiveTargets p = new PositiveTargets();
        float[] g = new float[4];
        assertThat(p.valueAndGradInput(new float[] {1, 2, 9}, new float[] {1, 2, 7, -1}, g, 2)).isEqualTo(1.0);
        assertThatThrownBy(() -> p.valueAndGradInput(new float[] {1, 2}, new float[] {1, -2}, g, 2))
                .hasMessage("positive_targets: target must be > 0, got -2.0");
        float[] h = new float[4];
        assertThat(p.valueGradHess(new float[] {1, 2, 9}, new float[] {1, 2, 7, -1}, g, h, 2)).isEqualTo(1.0);
        assertThatThrownBy(() -> p.valueGradHess(new float[] {1, 2}, new float[] {1, -2}, g, h, 2))
                .hasMessage("positive_targets: target must be > 0, got -2.0");
        assertThatThrownBy(() -> p.valueGradHess(Tensor.vector(1, 2), Tensor.vector(1, -2)))
                .hasMessage("positive_targets: target must be > 0, got -2.0");
    }

    /** Whether the loss's class declares a data check (the fast path then copies the data into tensors). */
    private static boolean checksData(Object loss) {
        for (Class<?> c = loss.getClass(); c != ElementwiseLoss.class && c != Object.class; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod("validate", Tensor.class, Tensor.class);
                return true;
            } catch (NoSuchMethodException e) {
                // not here
            }
        }
        return false;
    }

    @Test
    void aTrainingStepAllocatesNothing() {
        Assumptions.assumeTrue(Allocations.meaningful());
        Random r = new Random(5);
        int n = 1000;
        float[] x = random(r, n, 3);
        float[] p = unit(r, n);
        float[] y = random(r, n, 3);
        float[] t = unit(r, n);
        float[] g = new float[n];
        int checked = 0;
        for (LossInfo info : LossRegistry.standard().list()) {
            boolean bce = info.name().equals("binary_cross_entropy");
            boolean bceLogits = info.name().equals("binary_cross_entropy_with_logits");
            Object created = LossRegistry.standard().create(info.name());
            if (!(created instanceof ElementwiseLoss) && !bce && !bceLogits || checksData(created)) {
                continue;
            }
            InputTargetLoss loss = (InputTargetLoss) created;
            float[] in = bce ? p : x;
            float[] tg = bce || bceLogits ? t : y;
            long least = Allocations.leastPerRound(() -> loss.valueAndGradInput(in, tg, g, n), 100, 200);
            assertThat(least).as("bytes allocated by 200 fast-path calls of %s", info.name()).isLessThan(200);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
    }
}
