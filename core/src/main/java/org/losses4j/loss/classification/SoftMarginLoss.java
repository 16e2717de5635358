package org.losses4j.loss.classification;

import org.losses4j.kernel.Logistic;
import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;

/**
 * Two-class logistic loss on ±1 labels, PyTorch's {@code nn.SoftMarginLoss(reduction='mean')} /
 * {@code F.soft_margin_loss}.
 *
 * <p>Per element, with x the score and y the label (1 or −1; other values are used as they are):
 * <pre>
 *   ℓ = log(1 + e^(−y·x)) = softplus(−y·x) = max(−y·x, 0) + log1p(e^−|y·x|)
 * </pre>
 * <b>Evaluated stably</b>, unlike PyTorch, which computes log1p(exp(−y·x)) and overflows to +∞ in float32 once
 * −y·x exceeds about 88.7 (its gradient then is NaN); losses4j returns −y·x there, the exact value to float
 * precision. The values agree wherever PyTorch's are finite.
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n (NaN for an empty input);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of identical shape (never broadcast).
 * <p>Gradient: ∂ℓ/∂x = −y·σ(−y·x), divided by n for {@code mean}. The target is a label: PyTorch does not
 * differentiate with respect to it, and neither does losses4j.
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}): y²·σ(−y·x)·σ(y·x), ¼ at x = 0 for labels ±1;
 * divided by n for {@code mean}.
 * <p>Reference: PyTorch {@code torch.nn.SoftMarginLoss}.
 */
public final class SoftMarginLoss extends ElementwiseLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("soft_margin_loss", Family.CLASSIFICATION,
                    "log(1 + exp(-y x)) on +-1 labels (PyTorch SoftMarginLoss).")
            .inputs(InputSpec.differentiable("input"), InputSpec.constant("target"))
            .factory(p -> new SoftMarginLoss(p.reduction()));

    /** Reduction {@code mean}. */
    public SoftMarginLoss() {
        this(Reduction.MEAN);
    }

    /**
     * The given reduction.
     *
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public SoftMarginLoss(Reduction reduction) {
        super(DECLARATION, reduction);
    }

    @Override
    protected double kernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double yi = y[i];
            double z = -yi * x[i];
            double l = Logistic.softplus(z);
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            if (gx != null) {
                gx[i] = (float) (-yi * Logistic.sigmoid(z) * scale);
            }
        }
        return sum;
    }

    /**
     * The second derivative: ∂²ℓ/∂x² = y²·σ(z)·σ(−z) with z = −y·x, evaluated as y²·e/(1 + e)² with
     * e = e<sup>−|z|</sup> (no cancellation in the tails); ¼ at x = 0 for labels ±1; divided by n for {@code mean}.
     */
    @Override
    protected void inputHessian(float[] x, float[] y, float[] hx, float scale, int from, int to) {
        for (int i = from; i < to; i++) {
            double yi = y[i];
            double e = Math.exp(-Math.abs(yi * x[i]));
            double p = 1 + e;
            hx[i] = (float) (yi * yi * e / (p * p) * scale);
        }
    }
}
