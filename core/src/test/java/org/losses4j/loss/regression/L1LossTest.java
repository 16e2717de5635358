package org.losses4j.loss.regression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.VectorApiRun;

/**
 * L1's gradient where PyTorch's {@code abs} backward, grad·sgn(d), is 0: at d = ±0 and at a NaN d (sgn(NaN) = 0 for
 * real tensors). Checked bit for bit, sign of zero included, for every reduction, both gradients, the fast path and
 * smooth_l1 with β = 0 (which is L1); the conformance tolerance does not see the sign of a zero. Torch 1.13:
 * <pre>
 *   x = [nan, 1, inf, 0, -0., 0, -0., 2, 3], y = [0, nan, inf, 0, 0, -0., -0., 1, 5]
 *   F.l1_loss(x, y, reduction='none').sum().backward()
 *   x.grad = [0, 0, 0, 0, 0, 0, 0, 1, -1]            (every zero +0)
 *   y.grad = [-0., -0., -0., -0., -0., -0., -0., -1, 1]
 * </pre>
 * The arrays are repeated past the length of a vector, so that the Vector API run covers its kernel too.
 */
@Tag(VectorApiRun.TAG)
class L1LossTest {
    private static final float NAN = Float.NaN;
    private static final float INF = Float.POSITIVE_INFINITY;
    private static final float[] X = {NAN, 1f, INF, 0f, -0f, 0f, -0f, 2f, 3f};
    private static final float[] Y = {0f, NAN, INF, 0f, 0f, -0f, -0f, 1f, 5f};
    /** PyTorch's sgn(x − y) for X, Y. */
    private static final float[] SGN = {0f, 0f, 0f, 0f, 0f, 0f, 0f, 1f, -1f};

    private static float[] repeat(float[] base, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = base[i % base.length];
        }
        return a;
    }

    private static void assertBits(float[] expected, float[] actual, String what) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToIntBits(actual[i])).as("%s[%d]: expected %s, got %s", what, i, expected[i],
                    actual[i]).isEqualTo(Float.floatToIntBits(expected[i]));
        }
    }

    private static void gradientIsSgn(ElementwiseLoss loss, Reduction r) {
        for (int n : new int[] {X.length, 45, 1030}) {
            float[] x = repeat(X, n);
            float[] y = repeat(Y, n);
            float scale = r == Reduction.MEAN ? (float) (1.0 / n) : 1f;
            float[] gx = new float[n];
            float[] gy = new float[n];
            for (int i = 0; i < n; i++) {
                gx[i] = SGN[i % SGN.length] * scale;
                gy[i] = SGN[i % SGN.length] * -scale;
            }
            String at = loss + " n=" + n;
            LossResult res = loss.valueAndGradient(Tensor.vector(x), Tensor.vector(y));
            assertBits(gx, res.gradInput().data(), at + " input gradient");
            assertBits(gy, res.gradTarget().data(), at + " target gradient");
            float[] g = new float[n];
            double v = loss.valueAndGradInput(x, y, g, n);
            assertBits(gx, g, at + " fast path");
            if (r != Reduction.NONE) {
                assertThat(v).as(at + " value").isNaN();
            }
        }
    }

    @Test
    void gradientAtNaNAndAtSignedZeroIsPyTorchsSgn() {
        for (Reduction r : new Reduction[] {Reduction.NONE, Reduction.MEAN, Reduction.SUM}) {
            gradientIsSgn(new L1Loss(r), r);
            gradientIsSgn(new SmoothL1Loss(0.0, r), r);
        }
    }

    /** One NaN in the third of several parallel blocks: only its gradient becomes 0, every other one is ±1. */
    @Test
    void aSingleNaNAmongManyBlocks() {
        int n = 3 * org.losses4j.kernel.Parallel.BLOCK + 5;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? 1f : -1f;
        }
        int at = 2 * org.losses4j.kernel.Parallel.BLOCK + 17;
        y[at] = NAN;
        for (Reduction r : new Reduction[] {Reduction.NONE, Reduction.MEAN, Reduction.SUM}) {
            float scale = r == Reduction.MEAN ? (float) (1.0 / n) : 1f;
            float[] g = new L1Loss(r).valueAndGradInput(Tensor.vector(x), Tensor.vector(y)).gradInput().data();
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) {
                expected[i] = i == at ? 0f : x[i] * scale;
            }
            assertBits(expected, g, r + " input gradient");
        }
    }

    /** The value stays NaN where d is NaN; only the gradient is sgn's 0. */
    @Test
    void valueIsNaNWhereTheResidualIs() {
        LossResult r = new L1Loss(Reduction.NONE).valueAndGradInput(Tensor.vector(X), Tensor.vector(Y));
        assertThat(r.value().data()).containsExactly(NAN, NAN, NAN, 0f, 0f, 0f, 0f, 1f, 2f);
    }

    /** d = −0 (x = −0, y = +0): sgn is +0, so the input gradient is +0 and the target's −0, as in PyTorch. */
    @Test
    void negativeZeroResidualGivesPositiveZeroGradient() {
        LossResult r = new L1Loss(Reduction.SUM).valueAndGradient(Tensor.vector(-0f), Tensor.vector(0f));
        assertBits(new float[] {0f}, r.gradInput().data(), "input gradient");
        assertBits(new float[] {-0f}, r.gradTarget().data(), "target gradient");
    }
}
