package org.losses4j.loss.classification;

import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;

/**
 * Hinge embedding loss, PyTorch's {@code nn.HingeEmbeddingLoss(margin=1.0, reduction='mean')} /
 * {@code F.hinge_embedding_loss}: x is usually a distance between two embeddings and y says whether they are
 * similar (1) or dissimilar (−1).
 * <pre>
 *   ℓ = x                      if y = 1
 *   ℓ = max(0, margin − x)     if y = −1
 * </pre>
 * <b>Labels other than 1 and −1</b> are accepted and treated exactly as PyTorch's implementation treats them: such an
 * element receives both terms, ℓ = x + max(0, margin − x) (PyTorch computes
 * {@code where(y != 1, clamp_min(margin − x, 0), 0) + where(y != −1, x, 0)}). losses4j reproduces this rather than
 * rejecting such labels, so that results agree with PyTorch on any input.
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n (NaN for an empty input);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of identical shape (PyTorch broadcasts them; losses4j rejects a mismatch).
 * <p>Gradient: ∂ℓ/∂x = 1 where y ≠ −1, plus −1 where y ≠ 1 and margin − x ≥ 0 (the clamp passes its gradient at
 * equality, as PyTorch's {@code clamp_min}); divided by n for {@code mean}. No gradient with respect to the labels.
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}): <b>0 everywhere</b>, x = margin included
 * (the loss is piecewise linear in x).
 * <p>Validation: the margin must be a finite number (any sign, as PyTorch).
 * <p>Reference: PyTorch {@code torch.nn.HingeEmbeddingLoss}.
 */
public final class HingeEmbeddingLoss extends ElementwiseLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("hinge_embedding_loss", Family.CLASSIFICATION,
                    "x for y=1, max(0, margin - x) for y=-1 (PyTorch HingeEmbeddingLoss).")
            .inputs(InputSpec.differentiable("input"), InputSpec.constant("target"))
            .number("margin", 1.0, Rule.FINITE, "the hinge's margin for y = -1")
            .factory(p -> new HingeEmbeddingLoss(p.getDouble("margin"), p.reduction()));

    private final double margin;

    /** Margin 1, reduction {@code mean}. */
    public HingeEmbeddingLoss() {
        this(1.0, Reduction.MEAN);
    }

    /**
     * The given margin and reduction.
     *
     * @param margin the distance below which a dissimilar pair (label −1) is penalised; finite (PyTorch's default 1)
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public HingeEmbeddingLoss(double margin, Reduction reduction) {
        super(DECLARATION, reduction);
        this.margin = checked("margin", margin);
    }

    /**
     * The margin.
     *
     * @return the distance below which a dissimilar pair (label −1) is penalised
     */
    public double margin() {
        return margin;
    }

    @Override
    protected double kernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        final double m = margin;
        double sum = 0;
        for (int i = from; i < to; i++) {
            double xi = x[i];
            float yi = y[i];
            double hinge = m - xi;
            double l = 0;
            float g = 0;
            if (yi != 1) {
                l = Math.max(hinge, 0);
                if (hinge >= 0) {
                    g = -1;
                }
            }
            if (yi != -1) {
                l += xi;
                g += 1;
            }
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            if (gx != null) {
                gx[i] = g * scale;
            }
        }
        return sum;
    }

    /**
     * The second derivative: 0 everywhere, the hinge at x = margin included (the loss is piecewise linear in x;
     * PyTorch's double backward is 0).
     */
    @Override
    protected void inputHessian(float[] x, float[] y, float[] hx, float scale, int from, int to) {
        java.util.Arrays.fill(hx, from, to, 0f);
    }
}
