package org.losses4j.loss.regression;

import org.losses4j.kernel.VectorKernels;
import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.Reduction;

/**
 * Mean absolute error, PyTorch's {@code nn.L1Loss} / {@code F.l1_loss}.
 *
 * <p>Per element: ℓ<sub>i</sub> = |x<sub>i</sub> − y<sub>i</sub>|.
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>, shape of the input;</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n over all n elements (NaN for an empty input);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of any identical shape (never broadcast; see {@link org.losses4j.loss.Check}).
 * <p>Gradient: ∂ℓ/∂x = sgn(x − y), <b>0 where x = y</b> (PyTorch's {@code sgn}), ∂ℓ/∂y = −∂ℓ/∂x; divided by n for
 * {@code mean}.
 * <p>Example: L1 of [2.5, 4.8, 6.9, 9.5] against [3, 5, 7, 9] is 0.325.
 * <p>Reference: PyTorch {@code torch.nn.L1Loss}.
 */
public final class L1Loss extends ElementwiseLoss {
    /** L1 loss with reduction {@code mean}. */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    /** L1 loss with the given reduction ({@code none}, {@code mean} or {@code sum}). */
    public L1Loss(Reduction reduction) {
        super("l1_loss", reduction);
    }

    /** Whole vectors on the Vector API kernels (see {@link ElementwiseLoss#vectorKernel}). */
    @Override
    protected double vectorKernel(VectorKernels v, float[] x, float[] y, float[] out, float[] gx, float[] gy,
            float scale, int from, int to) {
        return v.l1(x, y, out, gx, gy, scale, from, to);
    }

    @Override
    protected void values(float[] x, float[] y, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = Math.abs(x[i] - y[i]);
        }
    }

    @Override
    protected void inputGradient(float[] x, float[] y, float[] gx, float scale, int from, int to) {
        for (int i = from; i < to; i++) {
            gx[i] = sign(x[i] - y[i]) * scale;
        }
    }

    /**
     * sign(d) without a branch, so that the loop vectorises: 0 for ±0 (keeping the sign of zero), ±1 otherwise, NaN
     * for NaN. Scaling by 2<sup>127</sup> twice takes even the smallest subnormal past 1 before the clamp.
     */
    static float sign(float d) {
        return Math.max(-1f, Math.min(1f, d * 0x1p127f * 0x1p127f));
    }
}
