package org.losses4j.loss.regression;

import org.losses4j.kernel.VectorKernels;
import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.Family;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;

/**
 * Huber loss, PyTorch's {@code nn.HuberLoss(reduction='mean', delta=1.0)} / {@code F.huber_loss}.
 *
 * <p>With d = x − y and a = |d|, per element:
 * <pre>
 *   ℓ = ½·d²            if a &lt; δ
 *   ℓ = δ·(a − ½·δ)     otherwise
 * </pre>
 * Quadratic near zero (like MSE, so small errors get small, smooth gradients) and linear beyond δ (like L1, so an
 * outlier pulls with a bounded force δ). The two pieces meet with equal value and slope at |d| = δ. The kernel
 * evaluates it branch-free as m = min(a, δ), ℓ = m·(a − m/2).
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n (NaN for an empty input);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of any identical shape (never broadcast).
 * <p>Gradient: ∂ℓ/∂x = clamp(d, −δ, δ): d inside, +δ for d ≥ δ, −δ for d ≤ −δ, 0 at d = 0, as PyTorch's CPU
 * kernel; ∂ℓ/∂y = −∂ℓ/∂x; divided by n for {@code mean}.
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}): 1 where |d| &lt; δ, <b>0 from |d| = δ on</b>
 * (the linear pieces are flat; at |d| = δ PyTorch's double backward takes the linear side), NaN where d is NaN;
 * divided by n for {@code mean}. A Newton step needs a floor or a constant where it is 0.
 * <p>Relations: Huber<sub>δ</sub> = δ·SmoothL1<sub>β=δ</sub>; Keras's {@code Huber} gives the same values (its
 * default reduction averages per sample first, which for equal-size rows is the same mean).
 * <p>Validation: δ must be &gt; 0, also as the float32 the kernel uses ({@code huber_loss: delta must be > 0, got
 * -1.5}; {@code delta must be > 0 in float32, got 1.0E-46 (rounds to 0.0)}). δ = ∞ is accepted, as PyTorch does:
 * the loss is then ½d² everywhere (and NaN at d = ±∞).
 * <p>Reference: P. J. Huber, "Robust Estimation of a Location Parameter", Annals of Mathematical Statistics 35(1),
 * 1964; PyTorch {@code torch.nn.HuberLoss}.
 */
public final class HuberLoss extends ElementwiseLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("huber_loss", Family.REGRESSION,
                    "Quadratic within delta, linear beyond (PyTorch HuberLoss).")
            .number("delta", 1.0, Rule.POSITIVE_FLOAT32, "where the loss turns from quadratic to linear")
            .factory(p -> new HuberLoss(p.getDouble("delta"), p.reduction()));

    private final float delta;

    /** Huber loss with δ = 1 and reduction {@code mean}. */
    public HuberLoss() {
        this(DECLARATION.parameter("delta").defaultDouble());
    }

    /**
     * Huber loss with the given δ and reduction {@code mean}.
     *
     * @param delta the threshold between the quadratic and the linear part
     */
    public HuberLoss(double delta) {
        this(delta, Reduction.MEAN);
    }

    /**
     * Huber loss with the given δ (&gt; 0) and reduction.
     *
     * @param delta the threshold between the quadratic and the linear part
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public HuberLoss(double delta, Reduction reduction) {
        super(DECLARATION, reduction);
        this.delta = checkedFloat32("delta", delta);
    }

    /**
     * δ, the point where the loss turns from quadratic to linear.
     *
     * @return δ, the point where the loss turns from quadratic to linear
     */
    public double delta() {
        return delta;
    }

    @Override
    public boolean hasVectorKernel() {
        return true;
    }

    /** Whole vectors on the Vector API kernels (see {@link ElementwiseLoss#vectorKernel}). */
    @Override
    protected double vectorKernel(VectorKernels v, float[] x, float[] y, float[] out, float[] gx, float[] gy,
            float scale, int from, int to) {
        return v.clampedQuadratic(x, y, out, gx, gy, delta, 1f, scale, from, to);
    }

    @Override
    protected void values(float[] x, float[] y, float[] out, int from, int to) {
        values(x, y, out, delta, from, to);
    }

    @Override
    protected void inputGradient(float[] x, float[] y, float[] gx, float scale, int from, int to) {
        inputGradient(x, y, gx, delta, scale, from, to);
    }

    /** The Huber values of elements {@code [from, to)} for a given δ (shared with {@link AdaptiveHuberLoss}). */
    static void values(float[] x, float[] y, float[] out, float delta, int from, int to) {
        for (int i = from; i < to; i++) {
            float a = Math.abs(x[i] - y[i]);
            float m = Math.min(a, delta);
            out[i] = m * (a - 0.5f * m);
        }
    }

    /**
     * {@code scale · clamp(x − y, −δ, δ)} over {@code [from, to)} (shared with {@link AdaptiveHuberLoss}, and with
     * {@link SmoothL1Loss}, whose gradient is this with scale/β).
     */
    static void inputGradient(float[] x, float[] y, float[] gx, float delta, float scale, int from, int to) {
        for (int i = from; i < to; i++) {
            gx[i] = Math.max(-delta, Math.min(x[i] - y[i], delta)) * scale;
        }
    }

    /**
     * The second derivative: 1 where |d| &lt; δ, 0 from |d| = δ on (PyTorch's {@code huber_loss} double backward:
     * the linear pieces are flat, and the kink at |d| = δ takes the value of the linear side), NaN where d is NaN;
     * divided by n for {@code mean}.
     */
    @Override
    protected void inputHessian(float[] x, float[] y, float[] hx, float scale, int from, int to) {
        inputHessian(x, y, hx, delta, scale, from, to);
    }

    /**
     * {@code scale} where |x − y| &lt; δ, else 0, over {@code [from, to)} (shared with {@link AdaptiveHuberLoss} and
     * {@link SmoothL1Loss}). Branch-free so that the loop vectorises: δ − |d| &gt; 0 is at least the smallest
     * subnormal, which 2<sup>254</sup> takes past 1 before the clamp to [0, 1]; δ − |d| ≤ 0 clamps to +0.
     */
    static void inputHessian(float[] x, float[] y, float[] hx, float delta, float scale, int from, int to) {
        for (int i = from; i < to; i++) {
            float a = Math.abs(x[i] - y[i]);
            hx[i] = Math.max(0f, Math.min(1f, (delta - a) * 0x1p127f * 0x1p127f)) * scale;
        }
    }
}
