package org.losses4j.loss.regression;

import org.losses4j.kernel.VectorKernels;
import org.losses4j.loss.Check;
import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.Reduction;

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
 * <p>Relations: SmoothL1<sub>β</sub> = Huber<sub>δ=β</sub>/β; DQN's "Huber loss" is SmoothL1 with β = 1.
 * <p>Validation: β must be ≥ 0 ({@code smooth_l1_loss: beta must be >= 0, got -1}).
 * <p>Reference: R. Girshick, "Fast R-CNN", ICCV 2015; PyTorch {@code torch.nn.SmoothL1Loss}.
 */
public final class SmoothL1Loss extends ElementwiseLoss {
    private final float beta;
    private final L1Loss l1;

    /** Smooth L1 with β = 1 and reduction {@code mean}. */
    public SmoothL1Loss() {
        this(1.0);
    }

    /** Smooth L1 with the given β and reduction {@code mean}. */
    public SmoothL1Loss(double beta) {
        this(beta, Reduction.MEAN);
    }

    /** Smooth L1 with the given β (≥ 0; 0 means L1) and reduction. */
    public SmoothL1Loss(double beta, Reduction reduction) {
        super("smooth_l1_loss", reduction);
        this.beta = (float) Check.nonNegative("smooth_l1_loss", "beta", beta);
        // A β that rounds to 0 in float32 (1e-300) is L1 too, as in PyTorch's float32 kernel; without this the
        // kernel's 1/β would be infinite and 0·∞ would give NaN.
        this.l1 = this.beta == 0f ? new L1Loss(reduction) : null;
        param("beta", beta);
    }

    /** β, the point where the loss turns from quadratic to linear. */
    public double beta() {
        return beta;
    }

    /** Whole vectors on the Vector API kernels (see {@link ElementwiseLoss#vectorKernel}). */
    @Override
    protected double vectorKernel(VectorKernels v, float[] x, float[] y, float[] out, float[] gx, float[] gy,
            float scale, int from, int to) {
        return (l1 != null ? v.l1(x, y, out, gx, gy, scale, from, to)
                : v.clampedQuadratic(x, y, out, gx, gy, beta, 1f / beta, scale / beta, from, to));
    }

    @Override
    protected void values(float[] x, float[] y, float[] out, int from, int to) {
        if (l1 != null) {
            l1.values(x, y, out, from, to);
            return;
        }
        // ½d²/β inside β and a − ½β outside, both as m·(a − ½m)/β with m = min(a, β): one expression, no branch.
        final float b = beta;
        final float invB = 1f / b;
        for (int i = from; i < to; i++) {
            float a = Math.abs(x[i] - y[i]);
            float m = Math.min(a, b);
            out[i] = m * (a - 0.5f * m) * invB;
        }
    }

    @Override
    protected void inputGradient(float[] x, float[] y, float[] gx, float scale, int from, int to) {
        if (l1 != null) {
            l1.inputGradient(x, y, gx, scale, from, to);
            return;
        }
        final float b = beta;
        final float gscale = scale / b;
        for (int i = from; i < to; i++) {
            gx[i] = Math.max(-b, Math.min(x[i] - y[i], b)) * gscale;
        }
    }
}
