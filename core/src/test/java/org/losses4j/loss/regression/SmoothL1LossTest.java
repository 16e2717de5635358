package org.losses4j.loss.regression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.Allocations;
import org.losses4j.testing.VectorApiRun;

/**
 * Smooth L1 where the factored kernel m·(1/β)·(a − ½m) cannot be used: a subnormal β (1/β overflows float32), an
 * infinite β, a β large enough that scale/β would be subnormal. PyTorch's formula (½d²/β inside β, |d| − ½β outside;
 * gradient d/β inside, ±1 at and beyond ±β) is written out here in double and compared element by element, exactly:
 * the conformance tolerance (2e-5·max(1, |ref|)) cannot see a value of 5e-41 turn into 0, nor a sign of zero.
 * Every array is longer than a vector so that the Vector API run goes through its kernels too.
 */
@Tag(VectorApiRun.TAG)
class SmoothL1LossTest {
    /** PyTorch's smooth_l1_loss of one residual, in double. */
    private static double value(double d, double beta) {
        double a = Math.abs(d);
        return a < beta ? 0.5 * a * a / beta : a - 0.5 * beta;
    }

    /** PyTorch's smooth_l1_loss_backward of one residual (upstream gradient 1), in double. */
    private static double slope(double d, double beta) {
        return d >= beta ? 1 : d <= -beta ? -1 : d / beta;
    }

    /** {@code base} repeated to 40 elements (more than any vector of lanes). */
    private static float[] repeat(float... base) {
        float[] a = new float[40];
        for (int i = 0; i < a.length; i++) {
            a[i] = base[i % base.length];
        }
        return a;
    }

    private static void assertBits(float expected, float actual, String what) {
        assertThat(Float.floatToIntBits(actual)).as("%s: expected %s, got %s", what, expected, actual)
                .isEqualTo(Float.floatToIntBits(expected));
    }

    /** Every reduction, both gradients, against PyTorch's formula on the float32 β. */
    private static void agreesWithPyTorch(double beta, float[] x, float[] y) {
        float b = (float) beta;
        int n = x.length;
        for (Reduction r : new Reduction[] {Reduction.NONE, Reduction.MEAN, Reduction.SUM}) {
            LossResult res = new SmoothL1Loss(beta, r).valueAndGradient(Tensor.vector(x), Tensor.vector(y));
            float scale = r == Reduction.MEAN ? (float) (1.0 / n) : 1f;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double d = (double) x[i] - y[i];
                double l = value(d, b);
                sum += l;
                String at = "beta=" + beta + " " + r + " d=" + d + " [" + i + "]";
                if (r == Reduction.NONE) {
                    assertBits((float) l, res.value().data()[i], at + " value");
                }
                assertBits((float) (slope(d, b) * scale), res.gradInput().data()[i], at + " grad input");
                assertBits((float) (slope(d, b) * -scale), res.gradTarget().data()[i], at + " grad target");
            }
            if (r != Reduction.NONE) {
                double expected = r == Reduction.MEAN ? sum / n : sum;
                assertThat(Double.doubleToLongBits(res.item())).as("beta=%s %s value %s", beta, r, res.item())
                        .isEqualTo(Double.doubleToLongBits(expected));
            }
        }
    }

    /** The audit's case: F.smooth_l1_loss(x, 0, beta=1e-40, reduction='none') is [0.5, 0, 5e-41], grad [1, 0, 1]. */
    @Test
    void subnormalBetaIsFiniteAsInPyTorch() {
        LossResult r = new SmoothL1Loss(1e-40, Reduction.NONE).valueAndGradInput(
                Tensor.vector(0.5f, 0f, 1e-40f), Tensor.vector(0f, 0f, 0f));
        float[] v = r.value().data();
        assertThat(v[0]).isEqualTo(0.5f);
        assertThat(v[1]).isEqualTo(0f);
        assertThat((double) v[2]).isCloseTo(5e-41, org.assertj.core.api.Assertions.within(1e-45));
        assertThat(r.gradInput().data()).containsExactly(1f, 0f, 1f);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-40, 0x1p-140, 2.9e-39, 1e-45, 0x1p-149})
    void subnormalBetaAgreesWithPyTorchElementByElement(double beta) {
        float b = (float) beta;
        float[] x = repeat(0.5f, 0f, b, -b, 0.5f * b, -0.25f * b, Math.nextDown(b), 3f, -1e30f, Float.MIN_VALUE,
                -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
        float[] y = repeat(0f, 0f, 0f, 0f, 0f, 0f, 0f, 1f, 2f, 0f, 0f, 0f, 0f, 0f, 1f);
        agreesWithPyTorch(beta, x, y);
    }

    /**
     * β = ∞ (PyTorch 1.13 accepts it): ℓ = ½d²/∞ = 0 and gradient d/∞ = ±0 for finite d; d = ±∞ is not below β, so
     * ℓ = ∞ − ∞ = NaN and the gradient is ±1 (where the factored kernel gave ∞·0 = NaN).
     */
    @Test
    void infiniteBetaIsPyTorchs() {
        float inf = Float.POSITIVE_INFINITY;
        LossResult r = new SmoothL1Loss(Double.POSITIVE_INFINITY, Reduction.NONE).valueAndGradient(
                Tensor.vector(inf, -inf, 1f, -2f, 0f, Float.NaN, 3e38f), Tensor.vector(0f, 0f, 0f, 0f, 0f, 0f, 0f));
        assertThat(r.value().data()).containsExactly(Float.NaN, Float.NaN, 0f, 0f, 0f, Float.NaN, 0f);
        float[] g = r.gradInput().data();
        assertThat(g).containsExactly(1f, -1f, 0f, -0f, 0f, Float.NaN, 0f);
        assertBits(-0f, g[3], "d = -2: d/inf = -0");
        assertThat(r.gradTarget().data()).containsExactly(-1f, 1f, -0f, 0f, -0f, Float.NaN, -0f);
        agreesWithPyTorch(Double.POSITIVE_INFINITY, repeat(inf, -inf, 1f, -2f, 0f, Float.NaN, 3e38f, -0f),
                repeat(0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, inf));
    }

    /** A huge β: the linear piece is exact and the gradient ±1 (scale/β would be subnormal for a large mean). */
    @ParameterizedTest
    @ValueSource(doubles = {1e20, 3e38})
    void hugeBetaAgreesWithPyTorchElementByElement(double beta) {
        float b = (float) beta;
        agreesWithPyTorch(beta, repeat(b, -b, 0.5f * b, 1f, 0f, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-3f),
                repeat(0f, 0f, 0f, 0f, 0f, -Float.MAX_VALUE, 0f, 0f, 1f));
    }

    /**
     * β &gt; 1 with |d| near the top of the float range: PyTorch's |d| − ½β is finite; the factored kernel's
     * β·(|d| − ½β)·(1/β) overflowed to ∞. Likewise ½d²/β for β = 1e30, d = 1e25 is 5e19, where ½d² overflows.
     */
    @Test
    void largeResidualsDoNotOverflowForBetaAboveOne() {
        float[] x = repeat(1e38f, -3e38f, 1e20f, 2f);
        float[] y = repeat(0f, 0f, 0f, 0f, 0f);
        LossResult r = new SmoothL1Loss(4.0, Reduction.NONE).valueAndGradInput(Tensor.vector(x), Tensor.vector(y));
        for (int i = 0; i < x.length; i++) {
            double expected = value((double) x[i] - y[i], 4.0);
            assertThat((double) r.value().data()[i]).as("d = %s", x[i])
                    .isCloseTo(expected, org.assertj.core.api.Assertions.within(2e-7 * Math.abs(expected)));
        }
        LossResult q = new SmoothL1Loss(1e30, Reduction.NONE).valueAndGradInput(Tensor.vector(repeat(1e25f, -2e29f)),
                Tensor.vector(new float[40]));
        for (int i = 0; i < 40; i++) {
            double d = i % 2 == 0 ? 1e25f : -2e29f;
            double expected = value(d, (float) 1e30);
            assertThat((double) q.value().data()[i]).as("d = %s", d)
                    .isCloseTo(expected, org.assertj.core.api.Assertions.within(4e-7 * expected));
        }
    }

    /** The training fast path takes the same route, allocation-free. */
    @ParameterizedTest
    @ValueSource(doubles = {1e-40, Double.POSITIVE_INFINITY, 1e20})
    void fastPathMatchesTheTensorPathWithoutAllocating(double beta) {
        float[] x = repeat(0.5f, 0f, (float) beta, 3f, -7f, 1e-41f);
        float[] y = repeat(0f, 0f, 0f, 1f, 2f, 0f, 0f);
        SmoothL1Loss loss = new SmoothL1Loss(beta, Reduction.MEAN);
        LossResult expected = loss.valueAndGradInput(Tensor.vector(x), Tensor.vector(y));
        float[] g = new float[x.length];
        assertThat(Double.doubleToLongBits(loss.valueAndGradInput(x, y, g, x.length)))
                .isEqualTo(Double.doubleToLongBits(expected.item()));
        assertThat(Arrays.equals(g, expected.gradInput().data())).isTrue();
        Assumptions.assumeTrue(Allocations.meaningful());
        assertThat(Allocations.leastPerRound(() -> loss.valueAndGradInput(x, y, g, x.length), 100, 200))
                .isLessThan(200);
    }
}
