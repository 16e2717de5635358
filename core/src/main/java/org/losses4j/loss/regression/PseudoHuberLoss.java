package org.losses4j.loss.regression;

import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.Family;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;

/**
 * Pseudo-Huber loss: a smooth approximation of {@link HuberLoss}, quadratic near 0 and asymptotically linear.
 *
 * <p>With d = x − y, per element:
 * <pre>
 *   ℓ = δ²·(√(1 + (d/δ)²) − 1)
 * </pre>
 * ≈ ½·d² for |d| ≪ δ and ≈ δ·|d| − δ² for |d| ≫ δ (Huber's linear piece is δ·|d| − ½·δ²). Unlike Huber's loss it
 * has derivatives of every order. It is evaluated as d² / (1 + √(1 + (d/δ)²)), which equals the formula above
 * without the cancellation of √(1 + t) − 1 for small d; beyond |d/δ| = 1e150 as δ·|d| − δ².
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n (NaN for an empty input);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of any identical shape (never broadcast).
 * <p>Gradient: ∂ℓ/∂x = d / √(1 + (d/δ)²), smooth, bounded by δ in magnitude, 0 at d = 0; ∂ℓ/∂y = −∂ℓ/∂x;
 * divided by n for {@code mean}. A NaN d gives a NaN value and gradient; d = ±∞ gives ∞ and the limit ±δ (autograd
 * of the formula would give ∞/∞ = NaN there).
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}): (1 + (d/δ)²)<sup>−3/2</sup>, smooth and
 * positive everywhere (1 at d = 0, decaying like (δ/|d|)³); divided by n for {@code mean}.
 * <p>Relations: pseudo-Huber with δ = 1 is the Charbonnier loss √(1 + d²) − 1, and Barron's
 * {@link GeneralRobustLoss} with α = 1 and scale c = δ is pseudo-Huber divided by δ².
 * <p>Validation: δ &gt; 0 ({@code pseudo_huber: delta must be > 0, got 0}).
 * <p>Reference: R. Hartley and A. Zisserman, "Multiple View Geometry in Computer Vision", 2nd ed., Cambridge
 * University Press 2003, appendix A6.8; P. Charbonnier et al., "Two deterministic half-quadratic regularization
 * algorithms for computed imaging", ICIP 1994.
 */
public final class PseudoHuberLoss extends ElementwiseLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("pseudo_huber", Family.REGRESSION,
                    "Smooth Huber: delta^2 (sqrt(1 + (d/delta)^2) - 1).")
            .number("delta", 1.0, Rule.POSITIVE_FINITE, "the scale where the loss turns from quadratic to linear")
            .factory(p -> new PseudoHuberLoss(p.getDouble("delta"), p.reduction()));

    /** Beyond this |d/δ|, (d/δ)² would lose the 1 entirely; the loss is linear to double precision. */
    private static final double LINEAR_BEYOND = 1e150;

    private final double delta;

    /** δ = 1, reduction {@code mean}. */
    public PseudoHuberLoss() {
        this(1.0, Reduction.MEAN);
    }

    /**
     * The given δ, reduction {@code mean}.
     *
     * @param delta the threshold between the quadratic and the linear part
     */
    public PseudoHuberLoss(double delta) {
        this(delta, Reduction.MEAN);
    }

    /**
     * The given δ (&gt; 0) and reduction.
     *
     * @param delta the threshold between the quadratic and the linear part
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public PseudoHuberLoss(double delta, Reduction reduction) {
        super(DECLARATION, reduction);
        this.delta = checked("delta", delta);
    }

    /**
     * δ, the scale where the loss turns from quadratic to linear.
     *
     * @return δ, the scale where the loss turns from quadratic to linear
     */
    public double delta() {
        return delta;
    }

    @Override
    protected double kernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        final double dl = delta;
        double sum = 0;
        for (int i = from; i < to; i++) {
            double d = (double) x[i] - y[i];
            double t = d / dl; // not d·(1/δ): 1/δ is infinite for δ < 5.6e-309, and 0·∞ would be NaN at d = 0
            double l;
            double g;
            if (!(Math.abs(t) >= LINEAR_BEYOND)) { // a NaN d takes this branch: NaN value and gradient
                double s = Math.sqrt(1 + t * t);
                l = d * d / (1 + s);
                g = d / s;
            } else {
                l = dl * Math.abs(d) - dl * dl;
                g = Math.copySign(dl, d);
            }
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            g *= scale;
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
     * The second derivative: ∂²ℓ/∂x² = (1 + (d/δ)²)<sup>−3/2</sup>, smooth, 1 at d = 0, decaying like
     * (δ/|d|)³; 0 where that is below float32's range (|d/δ| beyond about 1e13) and at d = ±∞; NaN where d is
     * NaN; divided by n for {@code mean}.
     */
    @Override
    protected void inputHessian(float[] x, float[] y, float[] hx, float scale, int from, int to) {
        if (delta >= 0x1p-60 && delta <= 0x1p60) {
            // In float32 (vectorised; a few ulp): 1/δ is a normal float, and where t² overflows u is ∞ and the
            // result 0, the limit. Outside that range of δ, the double loop below.
            final float invD = (float) (1 / delta);
            for (int i = from; i < to; i++) {
                float t = (x[i] - y[i]) * invD;
                float u = 1f + t * t;
                hx[i] = scale / (u * (float) Math.sqrt(u));
            }
            return;
        }
        final double dl = delta;
        for (int i = from; i < to; i++) {
            double t = ((double) x[i] - y[i]) / dl;
            double h = 0;
            if (!(Math.abs(t) >= LINEAR_BEYOND)) {
                double u = 1 + t * t;
                h = 1 / (u * Math.sqrt(u));
            }
            hx[i] = (float) (h * scale);
        }
    }
}
