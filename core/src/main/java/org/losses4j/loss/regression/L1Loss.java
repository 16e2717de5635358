package org.losses4j.loss.regression;

import org.losses4j.kernel.VectorKernels;
import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.Family;
import org.losses4j.loss.LossDeclaration;
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
 * {@code mean}. As PyTorch's {@code abs} backward, sgn is +0 at d = ±0 <em>and at a NaN d</em> (a NaN input or
 * target, or ∞ − ∞): the value is NaN there, the gradient +0 for the input and −0 for the target.
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}): <b>0 everywhere</b>, the kink at d = 0
 * included (PyTorch's double backward of {@code abs}: the derivative of sgn is 0).
 * <p>Example: L1 of [2.5, 4.8, 6.9, 9.5] against [3, 5, 7, 9] is 0.325.
 * <p>Reference: PyTorch {@code torch.nn.L1Loss}.
 */
public final class L1Loss extends ElementwiseLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("l1_loss", Family.REGRESSION,
                    "Mean absolute error |x - y| (PyTorch L1Loss).")
            .factory(p -> new L1Loss(p.reduction()));

    /** L1 loss with reduction {@code mean}. */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    /**
     * L1 loss with the given reduction ({@code none}, {@code mean} or {@code sum}).
     *
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public L1Loss(Reduction reduction) {
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
        return v.l1(x, y, out, gx, gy, scale, from, to);
    }

    @Override
    protected void values(float[] x, float[] y, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = Math.abs(x[i] - y[i]);
        }
    }

    /**
     * The split loops, and then, in a block whose sum is NaN (so some d is NaN: |d| is never −∞), the gradient set
     * to PyTorch's sgn(NaN)·scale = +0 (−0 for the target) at the NaN elements. The loops themselves stay
     * branch-free: no vectorisable float operation turns a NaN into a number, and the ternary that would (a
     * conditional move on JDK 17, not SIMD code) made value and gradient about 2.5 times slower on the plain path
     * (KernelBenchmark, 10,000 elements).
     */
    @Override
    protected double kernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        double sum = super.kernel(x, y, out, gx, gy, scale, from, to);
        if (sum != sum && (gx != null || gy != null)) {
            zeroGradientAtNaN(x, y, gx, gy, scale, from, to);
        }
        return sum;
    }

    private static void zeroGradientAtNaN(float[] x, float[] y, float[] gx, float[] gy, float scale, int from,
            int to) {
        for (int i = from; i < to; i++) {
            float d = x[i] - y[i];
            if (d != d) {
                if (gx != null) {
                    gx[i] = 0f * scale;
                }
                if (gy != null) {
                    gy[i] = 0f * -scale;
                }
            }
        }
    }

    @Override
    protected void inputGradient(float[] x, float[] y, float[] gx, float scale, int from, int to) {
        for (int i = from; i < to; i++) {
            gx[i] = sign(x[i] - y[i]) * scale;
        }
    }

    /**
     * sign(d) without a branch, so that the loop vectorises: ±1 for d ≷ 0, +0 for ±0 (PyTorch's sgn: the + 0 turns
     * −0 into +0), NaN for NaN ({@link #kernel} makes that +0 afterwards). Scaling by 2<sup>127</sup> twice takes
     * even the smallest subnormal past 1 before the clamp.
     */
    static float sign(float d) {
        return Math.max(-1f, Math.min(1f, d * 0x1p127f * 0x1p127f)) + 0f;
    }

    /**
     * The second derivative: 0 everywhere, the kink at d = 0 included, as PyTorch's double backward of
     * {@code abs} (the derivative of sgn is 0), also where d is NaN.
     */
    @Override
    protected void inputHessian(float[] x, float[] y, float[] hx, float scale, int from, int to) {
        java.util.Arrays.fill(hx, from, to, 0f);
    }
}
