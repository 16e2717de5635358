package org.losses4j.loss.regression;

import org.losses4j.kernel.FastMath;
import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.Family;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;

/**
 * Log-cosh loss, Keras's {@code keras.losses.LogCosh} / {@code log_cosh}; optax's {@code log_cosh}.
 *
 * <p>With d = x − y, per element:
 * <pre>
 *   ℓ = log(cosh(d)) = d + softplus(−2d) − log 2
 * </pre>
 * ≈ ½·d² for small d and ≈ |d| − log 2 for large |d|, smooth everywhere. The naive log(cosh(d)) overflows for
 * |d| &gt; ~89 in float32 (~710 in double); the stable form, evaluated as |d| + log1p(exp(−2|d|)) − log 2 (log cosh
 * is even), is finite and accurate for every finite d (ℓ(1000) = 1000 − log 2). Below |d| = 1 that form loses the
 * small value to cancellation against log 2 (ℓ(1e−6) = 5e−13 would come out with an absolute error of ~1e−16, and
 * ℓ(1e−9) as 0), so there ℓ = log1p(2·sinh²(d/2)) (cosh d − 1 = 2·sinh²(d/2)) is used: relative accuracy everywhere.
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub> (Keras's {@code reduction=None} instead returns the mean over the
 *       last axis, one value per sample);</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n, equal to Keras's default {@code sum_over_batch_size} of the
 *       last-axis means for rectangular inputs. An empty input gives NaN (PyTorch's convention; Keras gives 0);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub> (Keras's {@code sum} adds the last-axis means: ours is that times the size of
 *       the last axis).</li>
 * </ul>
 * <p>Shapes: input and target of any identical shape (never broadcast; Keras squeezes a trailing 1).
 * <p>Gradient: ∂ℓ/∂x = tanh(d), ∂ℓ/∂y = −tanh(d); divided by n for {@code mean}.
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}): sech²(d) = 1 − tanh²(d), smooth and positive
 * (1 at d = 0, about 4e<sup>−2|d|</sup> in the tails, evaluated without cancellation); divided by n for
 * {@code mean}.
 * <p>Example (Keras's documentation): y = [[0, 1], [0, 0]], x = [[1, 1], [0, 0]] gives 0.108.
 * <p>Reference: Keras {@code keras.losses.log_cosh} ({@code keras/src/losses/losses.py}).
 */
public final class LogCoshLoss extends ElementwiseLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("log_cosh", Family.REGRESSION,
                    "log(cosh(x - y)), evaluated stably (Keras log_cosh).")
            .factory(p -> new LogCoshLoss(p.reduction()));

    private static final double LOG2 = Math.log(2);

    /** Log-cosh with reduction {@code mean}. */
    public LogCoshLoss() {
        this(Reduction.MEAN);
    }

    /**
     * Log-cosh with the given reduction.
     *
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public LogCoshLoss(Reduction reduction) {
        super(DECLARATION, reduction);
    }

    @Override
    protected double kernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double d = (double) x[i] - y[i];
            double a = Math.abs(d);
            double l;
            if (a < 1) {
                double h = Math.sinh(0.5 * a);
                l = Math.log1p(2 * h * h); // cosh a − 1 = 2·sinh²(a/2): no cancellation for tiny a
            } else {
                l = a + Math.log1p(Math.exp(-2 * a)) - LOG2;
            }
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            double g = Math.tanh(d) * scale;
            if (gx != null) {
                gx[i] = (float) g;
            }
            if (gy != null) {
                gy[i] = (float) -g;
            }
        }
        return sum;
    }

    /**
     * The second derivative: ∂²ℓ/∂x² = 1 − tanh²(d) = sech²(d), evaluated as 4e/(1 + e)² with e = e<sup>−2|d|</sup>
     * (no cancellation for large |d|, where it decays like 4e<sup>−2|d|</sup>); 1 at d = 0, 0 at d = ±∞, NaN where d
     * is NaN; divided by n for {@code mean}.
     */
    @Override
    protected void inputHessian(float[] x, float[] y, float[] hx, float scale, int from, int to) {
        // in float32, e by FastMath.exp in place in hx: vectorised loops, a few ulp
        for (int i = from; i < to; i++) {
            hx[i] = -2f * Math.abs(x[i] - y[i]);
        }
        FastMath.exp(hx, from, hx, from, to - from);
        final float s4 = 4f * scale;
        for (int i = from; i < to; i++) {
            float e = hx[i];
            float p = 1f + e;
            hx[i] = e / (p * p) * s4;
        }
    }
}
