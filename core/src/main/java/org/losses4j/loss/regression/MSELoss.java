package org.losses4j.loss.regression;

import org.losses4j.kernel.VectorKernels;
import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.Family;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;

/**
 * Mean squared error, PyTorch's {@code nn.MSELoss} / {@code F.mse_loss}.
 *
 * <p>Per element: ℓ<sub>i</sub> = (x<sub>i</sub> − y<sub>i</sub>)².
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n over all n elements (NaN for an empty input);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of any identical shape (never broadcast).
 * <p>Gradient: ∂ℓ/∂x = 2(x − y), ∂ℓ/∂y = −2(x − y); divided by n for {@code mean}.
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}): 2 everywhere (2/n for {@code mean}).
 * <p>Note: DJL's {@code L2Loss} is ½·MSE; this is PyTorch's MSE, without the ½.
 * <p>Reference: PyTorch {@code torch.nn.MSELoss}.
 */
public final class MSELoss extends ElementwiseLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("mse_loss", Family.REGRESSION,
                    "Mean squared error (x - y)^2 (PyTorch MSELoss).")
            .factory(p -> new MSELoss(p.reduction()));

    /** MSE with reduction {@code mean}. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    /**
     * MSE with the given reduction.
     *
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public MSELoss(Reduction reduction) {
        super(DECLARATION, reduction);
    }

    @Override
    public boolean hasVectorKernel() {
        return true;
    }

    /** Whole vectors on the Vector API kernels (see {@link ElementwiseLoss#vectorKernel}). */
    @Override
    protected double vectorKernel(VectorKernels v, float[] x, float[] y, float[] out, float[] gx, float[] gy,
            float scale, int from, int to) {
        return v.mse(x, y, out, gx, gy, scale, from, to);
    }

    @Override
    protected void values(float[] x, float[] y, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            float d = x[i] - y[i];
            out[i] = d * d;
        }
    }

    @Override
    protected void inputGradient(float[] x, float[] y, float[] gx, float scale, int from, int to) {
        float twoScale = 2f * scale;
        for (int i = from; i < to; i++) {
            gx[i] = (x[i] - y[i]) * twoScale;
        }
    }

    /** The second derivative: 2 everywhere (2/n for {@code mean}), as PyTorch's {@code mse_loss} double backward. */
    @Override
    protected void inputHessian(float[] x, float[] y, float[] hx, float scale, int from, int to) {
        java.util.Arrays.fill(hx, from, to, 2f * scale);
    }
}
