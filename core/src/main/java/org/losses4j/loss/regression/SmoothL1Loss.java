package org.losses4j.loss.regression;

import org.losses4j.kernel.VectorKernels;
import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.Family;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;

/**
 * Smooth L1 loss, PyTorch's {@code nn.SmoothL1Loss(reduction='mean', beta=1.0)} / {@code F.smooth_l1_loss}.
 *
 * <p>With d = x − y and a = |d|, per element:
 * <pre>
 *   ℓ = ½·d²/β      if a &lt; β
 *   ℓ = a − ½·β     otherwise
 * </pre>
 * With <b>β = 0</b> it is exactly {@link L1Loss} (value |d|, gradient sgn(d), 0 at d = 0), as PyTorch's functional
 * front end dispatches it; the β-kernel is never run with β = 0.
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n (NaN for an empty input);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of any identical shape (never broadcast).
 * <p>Gradient (β &gt; 0): ∂ℓ/∂x = clamp(d, −β, β)/β: d/β inside, +1 for d ≥ β, −1 for d ≤ −β; ∂ℓ/∂y = −∂ℓ/∂x;
 * divided by n for {@code mean}.
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}): 1/β where |d| &lt; β, <b>0 from |d| = β on</b>
 * (PyTorch's double backward), NaN where d is NaN; <b>0 everywhere for β = 0</b> (L1); divided by n for {@code mean}.
 * <p>Arithmetic: for 2<sup>−126</sup> ≤ β ≤ 2<sup>64</sup> the kernel evaluates ℓ = (m·(1/β))·(a − ½m) with
 * m = min(a, β) in float32, branch-free (shared with {@link HuberLoss}, Vector API kernel included). That is not
 * PyTorch's float32 expression ({@code 0.5·z·z/β}, a division, whose ½z² overflows for |d| &gt; 2.6e19) but agrees
 * with the float64 reference to a few ulp and stays finite wherever the loss is (m/β ≤ 1). Outside that range 1/β
 * or scale/β is not a normal float32 (a subnormal β makes 1/β infinite), so PyTorch's formula is evaluated directly
 * in double: ½d²/β or |d| − ½β, gradient d/β or ±1. That also gives PyTorch's answer for β = ∞: ℓ = 0 and gradient
 * ±0 for finite d, while d = ±∞ is not below β: ℓ = ∞ − ∞ = NaN and gradient ±1.
 * <p>Relations: SmoothL1<sub>β</sub> = Huber<sub>δ=β</sub>/β; DQN's "Huber loss" is SmoothL1 with β = 1.
 * <p>Validation: β must be ≥ 0 ({@code smooth_l1_loss: beta must be >= 0, got -1}); β = ∞ is accepted, as
 * PyTorch does.
 * <p>Reference: R. Girshick, "Fast R-CNN", ICCV 2015; PyTorch {@code torch.nn.SmoothL1Loss}.
 */
public final class SmoothL1Loss extends ElementwiseLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("smooth_l1_loss", Family.REGRESSION,
                    "Huber divided by beta; beta=0 is L1 (PyTorch SmoothL1Loss).")
            .number("beta", 1.0, Rule.NON_NEGATIVE_FLOAT32, "where the loss turns from quadratic to linear; 0 is L1")
            .factory(p -> new SmoothL1Loss(p.getDouble("beta"), p.reduction()));

    /** The β range of the factored float32 kernel: 1/β and scale/β (scale ≥ 2<sup>−31</sup>) are normal floats. */
    private static final float FACTORED_MIN = Float.MIN_NORMAL;
    private static final float FACTORED_MAX = 0x1p64f;

    private final float beta;
    private final L1Loss l1;
    /** β outside [{@link #FACTORED_MIN}, {@link #FACTORED_MAX}] (subnormal or huge or infinite): the double loop. */
    private final boolean direct;

    /** Smooth L1 with β = 1 and reduction {@code mean}. */
    public SmoothL1Loss() {
        this(DECLARATION.parameter("beta").defaultDouble());
    }

    /**
     * Smooth L1 with the given β and reduction {@code mean}.
     *
     * @param beta the threshold of the quadratic part
     */
    public SmoothL1Loss(double beta) {
        this(beta, Reduction.MEAN);
    }

    /**
     * Smooth L1 with the given β (≥ 0; 0 means L1) and reduction.
     *
     * @param beta the threshold of the quadratic part
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public SmoothL1Loss(double beta, Reduction reduction) {
        super(DECLARATION, reduction);
        this.beta = checkedFloat32("beta", beta);
        // A β that rounds to 0 in float32 (1e-300) is L1 too, as in PyTorch's float32 kernel; without this the
        // kernel's 1/β would be infinite and 0·∞ would give NaN.
        this.l1 = this.beta == 0f ? new L1Loss(reduction) : null;
        this.direct = this.beta != 0f && !(this.beta >= FACTORED_MIN && this.beta <= FACTORED_MAX);
    }

    /**
     * β, the point where the loss turns from quadratic to linear.
     *
     * @return β, the point where the loss turns from quadratic to linear
     */
    public double beta() {
        return beta;
    }

    /**
     * {@link L1Loss}'s kernel for β = 0 (its sgn, NaN rule included); PyTorch's formula in double for a β outside the
     * factored kernel's range; the split loops otherwise.
     */
    @Override
    protected double kernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        if (l1 != null) {
            return l1.kernel(x, y, out, gx, gy, scale, from, to);
        }
        return direct ? directKernel(x, y, out, gx, gy, beta, scale, from, to)
                : super.kernel(x, y, out, gx, gy, scale, from, to);
    }

    /**
     * ℓ = ½d²/β if |d| &lt; β, else |d| − ½β; ∂ℓ/∂x = 1 if d ≥ β, −1 if d ≤ −β, else d/β (NaN for NaN); in double
     * on d = x − y exact. PyTorch's {@code smooth_l1_loss} and its backward, for any β &gt; 0 including subnormal
     * and infinite ones.
     */
    private static double directKernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, double b,
            float scale, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double d = (double) x[i] - y[i];
            double a = Math.abs(d);
            double l = a < b ? 0.5 * a * a / b : a - 0.5 * b;
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            double g = d >= b ? 1 : d <= -b ? -1 : d / b;
            if (gx != null) {
                gx[i] = (float) (g * scale);
            }
            if (gy != null) {
                gy[i] = (float) (g * -scale);
            }
        }
        return sum;
    }

    @Override
    public boolean hasVectorKernel() {
        return true;
    }

    /** Whole vectors on the Vector API kernels (see {@link ElementwiseLoss#vectorKernel}). */
    @Override
    protected double vectorKernel(VectorKernels v, float[] x, float[] y, float[] out, float[] gx, float[] gy,
            float scale, int from, int to) {
        return v.clampedQuadratic(x, y, out, gx, gy, beta, 1f / beta, scale / beta, from, to);
    }

    @Override
    protected void values(float[] x, float[] y, float[] out, int from, int to) {
        // ½d²/β inside β and a − ½β outside, both as (m/β)·(a − ½m) with m = min(a, β): one expression, no branch.
        // m/β ≤ 1 first, so that the product overflows only where the loss does (m·(a − ½m) overflowed for β > 1).
        final float b = beta;
        final float invB = 1f / b;
        for (int i = from; i < to; i++) {
            float a = Math.abs(x[i] - y[i]);
            float m = Math.min(a, b);
            out[i] = m * invB * (a - 0.5f * m);
        }
    }

    /** Huber's clamp(d, −β, β), scaled by scale/β: (1/β)·clamp is the derivative of ½d²/β inside β and ±1 outside. */
    @Override
    protected void inputGradient(float[] x, float[] y, float[] gx, float scale, int from, int to) {
        HuberLoss.inputGradient(x, y, gx, beta, scale / beta, from, to);
    }

    /**
     * The second derivative: 1/β where |d| &lt; β, 0 from |d| = β on (PyTorch's {@code smooth_l1_loss} double
     * backward), NaN where d is NaN; 0 everywhere for β = 0, which is {@link L1Loss}; divided by n for {@code mean}.
     */
    @Override
    protected void inputHessian(float[] x, float[] y, float[] hx, float scale, int from, int to) {
        final float b = beta;
        if (l1 != null) {
            java.util.Arrays.fill(hx, from, to, 0f);
        } else if (direct) {
            final double h = (double) scale / b;
            for (int i = from; i < to; i++) {
                double a = Math.abs((double) x[i] - y[i]);
                hx[i] = a < b ? (float) h : a >= b ? 0f : Float.NaN;
            }
        } else {
            // Huber's second derivative for δ = β (1 inside β, +0 outside), scaled by scale/β
            HuberLoss.inputHessian(x, y, hx, b, scale / b, from, to);
        }
    }
}
