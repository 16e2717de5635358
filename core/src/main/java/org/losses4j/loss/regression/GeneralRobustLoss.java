package org.losses4j.loss.regression;

import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.Family;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;

/**
 * Barron's general robust loss: one shape parameter α that moves continuously between the common robust losses.
 *
 * <p>With d = x − y, z = d/c (c the {@code scale} &gt; 0) and b = |α − 2|, per element:
 * <pre>
 *   ρ(d, α, c) = ½·z²                           α = 2      (L2, least squares)
 *              = log(½·z² + 1)                  α = 0      (Cauchy / Lorentzian)
 *              = 1 − exp(−½·z²)                 α = −∞     (Welsch / Leclerc)
 *              = exp(½·z²) − 1                  α = +∞
 *              = (b/α)·((z²/b + 1)^(α/2) − 1)   otherwise
 * </pre>
 * α = 1 is the pseudo-Huber / Charbonnier loss √(z² + 1) − 1 (the default), α = −2 Geman–McClure. The loss is
 * quadratic, ½·z², for |z| ≪ 1 whatever α, and grows like |z|<sup>α</sup> for large |z|; for α &lt; 0 it is bounded
 * by b/|α|. The general formula is 0/0 at α = 0 and ∞·0 at α = 2: those points and α = ±∞ are evaluated by their
 * limits exactly, and near them the general formula is evaluated as (b/α)·expm1((α/2)·log1p(z²/b)), which has no
 * cancellation: the evaluation is continuous in α to double precision (for |α| &lt; 1e-100 the α = 0 limit is
 * already exact to double precision and is used).
 * <ul>
 *   <li>{@code none}: the tensor of ρ<sub>i</sub>;</li>
 *   <li>{@code mean} (default): Σρ<sub>i</sub> / n (NaN for an empty input);</li>
 *   <li>{@code sum}: Σρ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of any identical shape (never broadcast). Barron writes ρ of a residual x; here the
 * residual is input − target.
 * <p>Gradient: ∂ρ/∂x = (z/c)·(z²/b + 1)^(α/2 − 1), evaluated as (z/c)·exp((α/2 − 1)·log1p(z²/b)); its limits are
 * z/c (α = 2), (z/c)/(½·z² + 1) (α = 0), (z/c)·exp(∓½·z²) (α = ∓∞). Smooth everywhere, 0 at d = 0. ∂ρ/∂y =
 * −∂ρ/∂x; divided by n for {@code mean}.
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}): (1/c²)·(z²/b + 1)^(α/2 − 2)·(1 + (α −
 * 1)·z²/b) and its limits at α = 2, 0, ±∞; 1/c² at d = 0, <b>negative</b> where the loss is concave (|z| &gt;
 * √(b/(1 − α)) for α &lt; 1); divided by n for {@code mean}.
 * <p>α and c are fixed parameters here: no gradient with respect to them is returned ({@link #learnableParameters()}
 * is empty). Barron's adaptive variant, which learns α and c through a distribution's normaliser, is not offered.
 * <p>Validation: α not NaN (±∞ allowed), c &gt; 0 and finite ({@code general_robust_loss: scale must be > 0, got 0}).
 * <p>Reference: J. T. Barron, "A General and Adaptive Robust Loss Function", CVPR 2019 (arXiv:1701.03077), and its
 * reference implementation {@code robust_loss_pytorch.general.lossfun}.
 */
public final class GeneralRobustLoss extends ElementwiseLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("general_robust_loss", Family.REGRESSION,
                    "Barron's general robust loss with shape alpha and scale (CVPR 2019).")
            .number("alpha", 1.0, Rule.NOT_NAN, "the shape: 2 is L2, 1 pseudo-Huber, 0 Cauchy, -2 Geman-McClure")
            .number("scale", 1.0, Rule.POSITIVE_FINITE, "the size of the quadratic bowl around 0")
            .factory(p -> new GeneralRobustLoss(p.getDouble("alpha"), p.getDouble("scale"), p.reduction()));

    /** Which formula α selects; chosen once, at construction. */
    private enum Form {
        QUADRATIC, CAUCHY, WELSCH, EXPONENTIAL, GENERAL
    }

    /** Below this |α| the α = 0 limit equals the general formula to double precision. */
    private static final double TINY_ALPHA = 1e-100;

    private final double alpha;
    private final double scale;
    private final Form form;

    /** α = 1 (pseudo-Huber / Charbonnier), scale 1, reduction {@code mean}. */
    public GeneralRobustLoss() {
        this(1.0, 1.0, Reduction.MEAN);
    }

    /**
     * The given α and scale, reduction {@code mean}.
     *
     * @param alpha the shape α, any number in [−∞, +∞] (NaN is an error): 2 is L2, 1 pseudo-Huber, 0 Cauchy
     * @param scale c, the size of the quadratic bowl around d = 0, in the residual's unit; &gt; 0 and finite
     */
    public GeneralRobustLoss(double alpha, double scale) {
        this(alpha, scale, Reduction.MEAN);
    }

    /**
     * @param alpha     the shape, any number in [−∞, +∞] (NaN is an error)
     * @param scale     c, the size of the quadratic bowl around d = 0; &gt; 0 and finite
     * @param reduction {@code none}, {@code mean} or {@code sum}
     */
    public GeneralRobustLoss(double alpha, double scale, Reduction reduction) {
        super(DECLARATION, reduction);
        this.alpha = checked("alpha", alpha);
        this.scale = checked("scale", scale);
        if (alpha == 2) {
            form = Form.QUADRATIC;
        } else if (Math.abs(alpha) < TINY_ALPHA) {
            // (b/α)·expm1((α/2)·L) = b·L/2·(1 + O(α·L)): the α = 0 limit to double precision, and b/α would
            // overflow for a subnormal α
            form = Form.CAUCHY;
        } else if (alpha == Double.NEGATIVE_INFINITY) {
            form = Form.WELSCH;
        } else if (alpha == Double.POSITIVE_INFINITY) {
            form = Form.EXPONENTIAL;
        } else {
            form = Form.GENERAL;
        }
    }

    /**
     * α, the shape.
     *
     * @return α, the shape
     */
    public double alpha() {
        return alpha;
    }

    /**
     * c, the scale.
     *
     * @return c, the scale
     */
    public double scale() {
        return scale;
    }

    @Override
    protected double kernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        final Form f = form;
        final double b = Math.abs(alpha - 2);
        final double bOverA = b / alpha;
        final double halfA = 0.5 * alpha;
        final double invB = 1 / b;
        final double invC = 1 / this.scale;
        final double gScale = invC * scale;
        double sum = 0;
        for (int i = from; i < to; i++) {
            double z = ((double) x[i] - y[i]) * invC;
            double t = z * z;
            double rho;
            double slope; // dρ/dz
            switch (f) {
                case QUADRATIC:
                    rho = 0.5 * t;
                    slope = z;
                    break;
                case CAUCHY:
                    rho = Math.log1p(0.5 * t);
                    slope = z / (1 + 0.5 * t);
                    break;
                case WELSCH:
                    rho = -Math.expm1(-0.5 * t);
                    slope = z * Math.exp(-0.5 * t);
                    break;
                case EXPONENTIAL:
                    rho = Math.expm1(0.5 * t);
                    slope = z * Math.exp(0.5 * t);
                    break;
                default: {
                    double lg = Math.log1p(t * invB);
                    rho = bOverA * Math.expm1(halfA * lg);
                    slope = z * Math.exp((halfA - 1) * lg);
                }
            }
            sum += rho;
            if (out != null) {
                out[i] = (float) rho;
            }
            double g = slope * gScale;
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
     * The second derivative: with z = d/c, t = z² and b = |α − 2|, ∂²ρ/∂x² = (1/c²)·(t/b + 1)^(α/2 − 2)·(1 +
     * (α − 1)·t/b), evaluated as exp((α/2 − 2)·log1p(t/b))·(1 + (α − 1)·t/b); its limits are 1/c² (α = 2),
     * (1 − ½t)/(1 + ½t)²/c² (α = 0), (1 ∓ t)·exp(∓½t)/c² (α = ∓∞). 1/c² at d = 0; negative where the loss is
     * concave (|z| &gt; √(b/(1 − α)) for α &lt; 1); divided by n for {@code mean}.
     */
    @Override
    protected void inputHessian(float[] x, float[] y, float[] hx, float scale, int from, int to) {
        final Form f = form;
        final double b = Math.abs(alpha - 2);
        final double invB = 1 / b;
        final double exponent = 0.5 * alpha - 2;
        final double am1 = alpha - 1;
        final double invC = 1 / this.scale;
        final double hScale = invC * invC * scale;
        for (int i = from; i < to; i++) {
            double z = ((double) x[i] - y[i]) * invC;
            double t = z * z;
            double curv; // d²ρ/dz²
            switch (f) {
                case QUADRATIC:
                    curv = 1;
                    break;
                case CAUCHY: {
                    double u = 1 + 0.5 * t;
                    curv = (1 - 0.5 * t) / (u * u);
                    break;
                }
                case WELSCH:
                    curv = (1 - t) * Math.exp(-0.5 * t);
                    break;
                case EXPONENTIAL:
                    curv = (1 + t) * Math.exp(0.5 * t);
                    break;
                default: {
                    double tb = t * invB;
                    curv = Math.exp(exponent * Math.log1p(tb)) * (1 + am1 * tb);
                }
            }
            hx[i] = (float) (curv * hScale);
        }
    }
}
