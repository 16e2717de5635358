package org.losses4j.loss.regression;

import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.Family;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;

/**
 * Mean squared logarithmic error, Keras's {@code keras.losses.MeanSquaredLogarithmicError} /
 * {@code mean_squared_logarithmic_error}.
 *
 * <p>Per element, with values below eps (Keras's {@code backend.epsilon()}, 1e-7) clipped to eps:
 * <pre>
 *   ℓ = (log(max(x, eps) + 1) − log(max(y, eps) + 1))²
 * </pre>
 * The squared error of log(1 + ·): it measures ratios rather than differences, and penalises under-estimation more
 * than over-estimation. Zero and negative values count as eps. The logs are evaluated with {@code log1p}.
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub> (Keras's {@code reduction=None} instead returns the mean over the
 *       last axis, one value per sample);</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n, equal to Keras's default {@code sum_over_batch_size} of the
 *       last-axis means for rectangular inputs. An empty input gives NaN (Keras gives 0);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of any identical shape (never broadcast; Keras squeezes a trailing 1).
 * <p>Gradient (TensorFlow's conventions): with L<sub>x</sub> = log(max(x, eps) + 1) and L<sub>y</sub> likewise,
 * ∂ℓ/∂x = 2·(L<sub>x</sub> − L<sub>y</sub>)/(max(x, eps) + 1) where x ≥ eps and <b>0 where x &lt; eps</b> (the
 * clipped region is flat); at x = eps exactly the gradient passes, as TensorFlow's {@code maximum} gives a tie to
 * its first argument, x (JAX's would split it ½/½). ∂ℓ/∂y = −2·(L<sub>x</sub> − L<sub>y</sub>)/(max(y, eps) + 1)
 * where y ≥ eps, else 0. Divided by n for {@code mean}.
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}): 2·(1 − (L<sub>x</sub> − L<sub>y</sub>))/(1 +
 * max(x, eps))² where x ≥ eps, <b>0 in the clipped region x &lt; eps</b>; negative where log(1 + x) exceeds
 * log(1 + y) by more than 1 (the loss is not convex there); divided by n for {@code mean}.
 * <p>Validation: eps finite and &gt; 0 ({@code msle: eps must be > 0, got -1},
 * {@code msle: eps must be a finite number, got Infinity}).
 * <p>Reference: Keras {@code keras.losses.mean_squared_logarithmic_error} ({@code keras/src/losses/losses.py}).
 */
public final class MSLELoss extends ElementwiseLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("msle", Family.REGRESSION,
                    "Mean squared logarithmic error of log(max(., eps) + 1) (Keras).")
            .number("eps", 1e-7, Rule.POSITIVE_FINITE, "the floor of input and target before the log")
            .factory(p -> new MSLELoss(p.getDouble("eps"), p.reduction()));

    private final double eps;

    /** eps = 1e-7 (Keras's epsilon), reduction {@code mean}. */
    public MSLELoss() {
        this(1e-7, Reduction.MEAN);
    }

    /**
     * eps = 1e-7 (Keras's epsilon) and the given reduction.
     *
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public MSLELoss(Reduction reduction) {
        this(1e-7, reduction);
    }

    /**
     * The given eps (&gt; 0; the floor of input and target) and reduction.
     *
     * @param eps the floor of input and target before the log, &gt; 0 and finite (Keras's 1e-7)
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public MSLELoss(double eps, Reduction reduction) {
        super(DECLARATION, reduction);
        // An infinite eps would floor both sides to infinity and make every element ∞ − ∞ = NaN.
        this.eps = checked("eps", eps);
    }

    /**
     * The floor of input and target.
     *
     * @return the floor of input and target
     */
    public double eps() {
        return eps;
    }

    @Override
    protected double kernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        final double e = eps;
        final double s2 = 2.0 * scale;
        double sum = 0;
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double yi = y[i];
            boolean xClipped = xi < e; // NaN is not clipped: it propagates
            boolean yClipped = yi < e;
            double mx = xClipped ? e : xi;
            double my = yClipped ? e : yi;
            double diff = Math.log1p(mx) - Math.log1p(my);
            double l = diff * diff;
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            if (gx != null) {
                gx[i] = xClipped ? 0f : (float) (diff / (1 + mx) * s2);
            }
            if (gy != null) {
                gy[i] = yClipped ? 0f : (float) (-diff / (1 + my) * s2);
            }
        }
        return sum;
    }

    /**
     * The second derivative: with m = max(x, eps), ∂²ℓ/∂x² = 2·(1 − (L<sub>x</sub> − L<sub>y</sub>))/(1 + m)² where
     * x ≥ eps, and 0 in the clipped region x &lt; eps (flat), as autograd of the formula with the gradient's
     * conventions; divided by n for {@code mean}. It is negative where log(1 + x) exceeds log(1 + y) by more than 1:
     * the loss is not convex in x there.
     */
    @Override
    protected void inputHessian(float[] x, float[] y, float[] hx, float scale, int from, int to) {
        final double e = eps;
        final double s2 = 2.0 * scale;
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double yi = y[i];
            if (xi < e) {
                hx[i] = 0f;
                continue;
            }
            double my = yi < e ? e : yi;
            double diff = Math.log1p(xi) - Math.log1p(my);
            double p = 1 + xi;
            hx[i] = (float) ((1 - diff) / (p * p) * s2);
        }
    }
}
