package org.losses4j.loss.regression;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.losses4j.loss.AbstractLoss;
import org.losses4j.loss.Check;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/**
 * Barron's adaptive robust loss: the negative log-likelihood of his general robust distribution, so that the shape
 * α and the scale c can be learned with the model instead of being tuned (the "adaptive" loss of Barron 2019, §3).
 *
 * <p>With r = x − y, z = (r/c)², b = |α − 2|, the general robust loss is
 * <pre>
 *   ρ(r, α, c) = log(½·z + 1)                        α = 0   (Cauchy / Lorentzian)
 *   ρ(r, α, c) = ½·z                                 α = 2   (L2)
 *   ρ(r, α, c) = (b/α)·((z/b + 1)^(α/2) − 1)         otherwise (α = 1: pseudo-Huber / Charbonnier)
 * </pre>
 * and this loss, per element, is the NLL of p(r | α, c) = exp(−ρ(r, α, c)) / (c·Z(α)):
 * <pre>
 *   ℓ = ρ(r, α, c) + log c + log Z(α),     Z(α) = ∫ exp(−ρ(t, α, 1)) dt over ℝ
 * </pre>
 * Without the normaliser, minimising over α would always pick the most forgiving shape; log Z(α) grows as α falls
 * (heavier tails), which balances it. Z is finite only for α ≥ 0 (for α &lt; 0, ρ is bounded and the integral
 * diverges), so α must be ≥ 0 here; the plain ρ for every α is {@code general_robust_loss}.
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>; {@code mean} (default): Σℓ<sub>i</sub>/n (NaN for an empty
 *       input); {@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of any identical shape (never broadcast); {@code alpha} and {@code scale} 0-d tensors
 * (one shape and one scale for all elements; Barron's {@code AdaptiveLossFunction} has one per output dimension —
 * call this loss per dimension for that).
 * <p>Gradients: ∂ρ/∂r = (r/c²)·(z/b + 1)^(α/2 − 1) (r/c² at α = 2); ∂ℓ/∂y = −∂ℓ/∂x; ∂ℓ/∂c = −(r/c)·∂ρ/∂r + 1/c;
 * ∂ℓ/∂α = ∂ρ/∂α + d log Z/dα, with ∂ρ/∂α in closed form, except within 10⁻³ of α = 0 and α = 2, where it is the
 * central difference of ρ over α ± 10⁻³ (relative error ~10⁻⁶); d log Z/dα = −E[∂ρ/∂α] under p(· | α, 1), by the
 * same quadrature. Summed over the elements for the 0-d α and c, divided by n for {@code mean}.
 * <p>The partition function: Barron tabulates log Z(α) and fits a cubic spline. Here it is computed when α changes
 * (cached for the last α) by adaptive Simpson quadrature of 2·∫₀^∞ exp(−ρ(t, α, 1)) dt after the substitution
 * t = u/(1 − u), u ∈ [0, 1), which maps the heavy α = 0 tail (∝ 1/t²) to a bounded integrand; tolerance 10⁻¹¹
 * absolute. Checked against the closed forms Z(0) = π·√2, Z(1) = 2e·K₁(1), Z(2) = √(2π) to 10⁻⁹ and against an
 * independent numpy Gauss–Legendre quadrature in the fixtures for α ∈ [0, 4]. Very large α (&gt; 10) is refused:
 * the quadrature is only validated up to there.
 * <p>Validation: c must be &gt; 0, α in [0, 10] ({@code adaptive_robust_loss: alpha must be in [0, 10], got -1}).
 * <p>Reference: J. T. Barron, "A General and Adaptive Robust Loss Function", CVPR 2019 (eq. 1, 16, 17); reference
 * code google-research/robust_loss_pytorch ({@code general.lossfun}, {@code distribution.Distribution}).
 */
public final class AdaptiveRobustLoss extends AbstractLoss {
    static final String NAME = "adaptive_robust_loss";

    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of(NAME, Family.REGRESSION,
                    "Barron's general robust loss as an NLL; inputs input, target, alpha (0 <= alpha <= 10) and scale, "
                            + "both learnable (CVPR 2019).")
            .inputs(InputSpec.differentiable("input"), InputSpec.differentiable("target"),
                    InputSpec.differentiable("alpha"), InputSpec.differentiable("scale"))
            .factory(p -> new AdaptiveRobustLoss(p.reduction()));

    /** The largest α accepted. */
    public static final double MAX_ALPHA = 10;
    private static final double SINGULAR = 1e-3;
    private static final double QUAD_TOL = 1e-11;

    private record Partition(double alpha, double logZ, double dLogZ) {
    }

    private volatile Partition cache;

    /** Reduction {@code mean}. */
    public AdaptiveRobustLoss() {
        this(Reduction.MEAN);
    }

    /**
     * The given reduction.
     *
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public AdaptiveRobustLoss(Reduction reduction) {
        super(DECLARATION, reduction);
    }

    /**
     * ρ(r, α, c), the general robust loss (any real α, including negative; c &gt; 0).
     *
     * @param r the residual x − y
     * @param alpha the shape α, any real (at α = 0 and 2 the limits are used)
     * @param c the scale c &gt; 0, in the residual's unit
     * @return ρ ≥ 0 (0 at r = 0)
     */
    public static double rho(double r, double alpha, double c) {
        double z = (r / c) * (r / c);
        if (alpha == 0) {
            return Math.log1p(0.5 * z);
        }
        if (alpha == 2) {
            return 0.5 * z;
        }
        double b = Math.abs(alpha - 2);
        return (b / alpha) * Math.expm1(0.5 * alpha * Math.log1p(z / b));
    }

    /** ∂ρ/∂r. */
    static double rhoDr(double r, double alpha, double c) {
        if (alpha == 2) {
            return r / (c * c);
        }
        double b = Math.abs(alpha - 2);
        double z = (r / c) * (r / c);
        return r / (c * c) * Math.exp((0.5 * alpha - 1) * Math.log1p(z / b));
    }

    /** ∂ρ/∂α (central difference near the removable singularities α = 0 and α = 2). */
    static double rhoDalpha(double r, double alpha, double c) {
        if (Math.abs(alpha) < SINGULAR || Math.abs(alpha - 2) < SINGULAR) {
            return (rho(r, alpha + SINGULAR, c) - rho(r, alpha - SINGULAR, c)) / (2 * SINGULAR);
        }
        double z = (r / c) * (r / c);
        double b = Math.abs(alpha - 2);
        double s = Math.signum(alpha - 2);
        double l = Math.log1p(z / b);
        double em1 = Math.expm1(0.5 * alpha * l);
        double dl = -(z * s / (b * b)) / (1 + z / b);
        return (s / alpha - b / (alpha * alpha)) * em1 + (b / alpha) * (em1 + 1) * (0.5 * l + 0.5 * alpha * dl);
    }

    /**
     * log Z(α) = log ∫ exp(−ρ(t, α, 1)) dt, for 0 ≤ α ≤ {@link #MAX_ALPHA}.
     *
     * @param alpha the shape α, in [0, {@link #MAX_ALPHA}]
     * @return log Z(α), by quadrature (cached for the last α)
     * @throws IllegalArgumentException for α outside [0, {@link #MAX_ALPHA}]
     */
    public static double logPartition(double alpha) {
        return partition(alpha).logZ();
    }

    /**
     * d log Z/dα = −E[∂ρ/∂α].
     *
     * @param alpha the shape α, in [0, {@link #MAX_ALPHA}]
     * @return d log Z/dα at α (negative: Z shrinks as the tails get lighter)
     * @throws IllegalArgumentException for α outside [0, {@link #MAX_ALPHA}]
     */
    public static double logPartitionDerivative(double alpha) {
        return partition(alpha).dLogZ();
    }

    private static Partition partition(double alpha) {
        if (!(alpha >= 0 && alpha <= MAX_ALPHA)) {
            throw Check.error(NAME, "alpha must be in [0, " + Check.fmt(MAX_ALPHA) + "], got " + Check.fmt(alpha));
        }
        double z = 2 * simpson(u -> density(u, alpha), 0, 1);
        double m = 2 * simpson(u -> u >= 1 ? 0 : density(u, alpha) * rhoDalpha(u / (1 - u), alpha, 1), 0, 1);
        return new Partition(alpha, Math.log(z), -m / z);
    }

    /** exp(−ρ(t, α, 1))·dt/du at t = u/(1 − u). */
    private static double density(double u, double alpha) {
        if (u >= 1) {
            // the limit: 2/t²·(1 + t)² → 2 for α = 0, 0 for α > 0
            return alpha == 0 ? 2 : 0;
        }
        double t = u / (1 - u);
        return Math.exp(-rho(t, alpha, 1)) / ((1 - u) * (1 - u));
    }

    private interface F {
        double at(double u);
    }

    private static double simpson(F f, double a, double b) {
        double fa = f.at(a);
        double fb = f.at(b);
        double m = 0.5 * (a + b);
        double fm = f.at(m);
        double whole = (b - a) / 6 * (fa + 4 * fm + fb);
        return adapt(f, a, b, fa, fm, fb, whole, QUAD_TOL, 50);
    }

    private static double adapt(F f, double a, double b, double fa, double fm, double fb, double whole, double tol,
            int depth) {
        double m = 0.5 * (a + b);
        double lm = 0.5 * (a + m);
        double rm = 0.5 * (m + b);
        double flm = f.at(lm);
        double frm = f.at(rm);
        double left = (m - a) / 6 * (fa + 4 * flm + fm);
        double right = (b - m) / 6 * (fm + 4 * frm + fb);
        double delta = left + right - whole;
        if (depth <= 0 || Math.abs(delta) <= 15 * tol) {
            return left + right + delta / 15;
        }
        return adapt(f, a, m, fa, flm, fm, left, tol / 2, depth - 1)
                + adapt(f, m, b, fm, frm, fb, right, tol / 2, depth - 1);
    }

    private Partition cachedPartition(double alpha) {
        Partition p = cache;
        if (p == null || p.alpha() != alpha) {
            p = partition(alpha);
            cache = p;
        }
        return p;
    }

    /**
     * The value and the gradients of (input, target, alpha, scale).
     *
     * @param input the input (the prediction)
     * @param target the target, of the input's shape
     * @param alpha the shape α, a 0-d tensor in [0, {@link #MAX_ALPHA}]
     * @param scale the scale c, a 0-d tensor &gt; 0
     * @return the value and the gradients with respect to input, target, alpha and scale
     */
    public LossResult valueAndGradient(Tensor input, Tensor target, Tensor alpha, Tensor scale) {
        return compute(Map.of("input", input, "target", target, "alpha", alpha, "scale", scale),
                Set.of("input", "target", "alpha", "scale"));
    }

    @Override
    protected LossResult evaluate(Map<String, Tensor> inputs, Set<String> wrt) {
        Tensor in = inputs.get("input");
        Tensor tg = inputs.get("target");
        Check.sameShape(NAME, "input", in, "target", tg);
        double alpha = scalar("alpha", inputs.get("alpha"));
        double c = scalar("scale", inputs.get("scale"));
        if (!(c > 0) || Double.isInfinite(c)) {
            throw error("scale must be > 0 and finite, got " + Check.fmt(c));
        }
        Partition part = cachedPartition(alpha);
        float[] x = in.data();
        float[] y = tg.data();
        int n = x.length;
        Reduction red = reduction();
        double w = 1 / red.divisor(n);
        float[] out = red == Reduction.NONE ? new float[n] : null;
        float[] gx = wrt.contains("input") ? new float[n] : null;
        float[] gy = wrt.contains("target") ? new float[n] : null;
        boolean wantA = wrt.contains("alpha");
        boolean wantC = wrt.contains("scale");
        double logC = Math.log(c);
        double sum = 0;
        double ga = 0;
        double gc = 0;
        for (int i = 0; i < n; i++) {
            double r = (double) x[i] - (double) y[i];
            double l = rho(r, alpha, c) + logC + part.logZ();
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            double dr = gx != null || gy != null || wantC ? rhoDr(r, alpha, c) : 0;
            if (gx != null) {
                gx[i] = (float) (dr * w);
            }
            if (gy != null) {
                gy[i] = (float) (-dr * w);
            }
            if (wantC) {
                gc += -(r / c) * dr + 1 / c;
            }
            if (wantA) {
                ga += rhoDalpha(r, alpha, c) + part.dLogZ();
            }
        }
        Map<String, Tensor> grads = new LinkedHashMap<>();
        putGradient(grads, "input", gx, in.shape());
        putGradient(grads, "target", gy, in.shape());
        if (wantA) {
            grads.put("alpha", Tensor.scalar(n == 0 ? 0f : (float) (ga * w)));
        }
        if (wantC) {
            grads.put("scale", Tensor.scalar(n == 0 ? 0f : (float) (gc * w)));
        }
        return reduced(sum, n, out, in.shape(), grads);
    }

    private double scalar(String name, Tensor t) {
        if (t.dim() != 0) {
            throw error(name + " must be a 0-d tensor (one value for all elements), got shape " + t.shapeString());
        }
        return t.data()[0];
    }
}
