package org.losses4j.loss.regression;

import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.Family;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;

/**
 * Mean absolute percentage error, Keras's {@code keras.losses.MeanAbsolutePercentageError} /
 * {@code mean_absolute_percentage_error}.
 *
 * <p>Per element, with the denominator clipped at eps (Keras's {@code backend.epsilon()}, 1e-7):
 * <pre>
 *   ℓ = 100 · |y − x| / max(|y|, eps)
 * </pre>
 * A percentage (100 for a prediction of 0 against any non-zero target); targets near 0 make it explode, which the
 * clip only bounds (|x|·1e9 at y = 0). torchmetrics' MAPE returns a fraction (no factor 100) with eps = 1.17e-6;
 * PyTorch has none.
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub> (Keras's {@code reduction=None} instead returns the mean over the
 *       last axis, one value per sample);</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n, equal to Keras's default {@code sum_over_batch_size} of the
 *       last-axis means for rectangular inputs. An empty input gives NaN (Keras gives 0);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of any identical shape (never broadcast; Keras squeezes a trailing 1).
 * <p>Gradient (TensorFlow's conventions, which Keras's formula gets from autodiff): with D = max(|y|, eps),
 * ∂ℓ/∂x = 100·sgn(x − y)/D, 0 where x = y ({@code abs}'s gradient is the sign). The target gradient flows through
 * the denominator too: ∂ℓ/∂y = 100·(sgn(y − x)/D − |y − x|·sgn(y)/D²) where |y| ≥ eps (a tie |y| = eps goes to
 * |y|, the first argument of {@code maximum}), and 100·sgn(y − x)/D where |y| &lt; eps. Divided by n for
 * {@code mean}.
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}): <b>0 everywhere</b>, x = y included (the loss
 * is piecewise linear in x).
 * <p>Validation: eps &gt; 0 and finite ({@code mape: eps must be > 0, got 0}; an infinite floor would make the loss
 * 0).
 * <p>Reference: Keras {@code keras.losses.mean_absolute_percentage_error} ({@code keras/src/losses/losses.py}).
 */
public final class MAPELoss extends ElementwiseLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("mape", Family.REGRESSION,
                    "Mean absolute percentage error 100 |y - x| / max(|y|, eps) (Keras).")
            .number("eps", 1e-7, Rule.POSITIVE_FINITE, "the floor of |target| in the denominator")
            .factory(p -> new MAPELoss(p.getDouble("eps"), p.reduction()));

    private final double eps;

    /** eps = 1e-7 (Keras's epsilon), reduction {@code mean}. */
    public MAPELoss() {
        this(1e-7, Reduction.MEAN);
    }

    /**
     * eps = 1e-7 (Keras's epsilon) and the given reduction.
     *
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public MAPELoss(Reduction reduction) {
        this(1e-7, reduction);
    }

    /**
     * The given eps (&gt; 0; the floor of |target|) and reduction.
     *
     * @param eps the floor of |target| in the denominator, &gt; 0 and finite (Keras's 1e-7)
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public MAPELoss(double eps, Reduction reduction) {
        super(DECLARATION, reduction);
        this.eps = checked("eps", eps);
    }

    /**
     * The floor of |target| in the denominator.
     *
     * @return the floor of |target| in the denominator
     */
    public double eps() {
        return eps;
    }

    @Override
    protected double kernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        final double e = eps;
        final double s100 = 100.0 * scale;
        double sum = 0;
        for (int i = from; i < to; i++) {
            double yi = y[i];
            double u = yi - x[i];
            double ay = Math.abs(yi);
            boolean clipped = ay < e;
            double den = clipped ? e : ay;
            double l = 100.0 * Math.abs(u) / den;
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            double su = Math.signum(u);
            if (gx != null) {
                gx[i] = (float) (-su / den * s100);
            }
            if (gy != null) {
                double g = su / den;
                if (!clipped) {
                    g -= Math.abs(u) * Math.signum(yi) / (den * den);
                }
                gy[i] = (float) (g * s100);
            }
        }
        return sum;
    }

    /**
     * The second derivative: 0 everywhere, x = y included (the loss is piecewise linear in x; PyTorch's double
     * backward of {@code abs} is 0).
     */
    @Override
    protected void inputHessian(float[] x, float[] y, float[] hx, float scale, int from, int to) {
        java.util.Arrays.fill(hx, from, to, 0f);
    }
}
