package org.losses4j.loss.regression;

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

    @Override
    protected double kernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            float d = x[i] - y[i];
            float l = Math.abs(d);
            sum += l;
            if (out != null) {
                out[i] = l;
            }
            float g = Math.signum(d) * scale;
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
