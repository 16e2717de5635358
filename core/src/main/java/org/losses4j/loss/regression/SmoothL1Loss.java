package org.losses4j.loss.regression;

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
        this.l1 = beta == 0 ? new L1Loss(reduction) : null;
        param("beta", beta);
    }

    /** β, the point where the loss turns from quadratic to linear. */
    public double beta() {
        return beta;
    }

    @Override
    protected double kernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        if (l1 != null) {
            return l1.kernel(x, y, out, gx, gy, scale, from, to);
        }
        final float b = beta;
        final float invB = 1f / b;
        final float gscale = scale * invB;
        double sum = 0;
        for (int i = from; i < to; i++) {
            float d = x[i] - y[i];
            float a = Math.abs(d);
            float l = a < b ? 0.5f * d * d / b : a - 0.5f * b;
            sum += l;
            if (out != null) {
                out[i] = l;
            }
            float g = Math.max(-b, Math.min(d, b)) * gscale;
            if (gx != null) {
                gx[i] = g;
            }
            if (gy != null) {
                gy[i] = -g;
            }
        }
        return sum;
    }
}
