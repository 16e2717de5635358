package org.losses4j.loss.ranking;


import org.losses4j.loss.Check;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.Tensor;

/**
 * Margin ranking loss, PyTorch's {@code nn.MarginRankingLoss(margin=0.0, reduction='mean')} /
 * {@code F.margin_ranking_loss(input1, input2, target)}.
 *
 * <p>Per element, with y ∈ {1, −1} saying whether x1 should rank above x2 (1) or below it (−1):
 * <pre>
 *   ℓ = max(0, −y·(x1 − x2) + margin)
 * </pre>
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n (NaN for empty inputs);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: {@code input1}, {@code input2} and {@code target} of one identical shape, usually (N) or () (any shape
 * is accepted, element-wise). PyTorch requires equal ranks and then broadcasts; losses4j requires equal shapes.
 * <p>Gradient: ∂ℓ/∂x1 = −y and ∂ℓ/∂x2 = y where the hinge argument −y·(x1 − x2) + margin is ≥ 0 — at exactly 0 the
 * gradient passes, as PyTorch's {@code clamp_min} —, 0 elsewhere; divided by n for {@code mean}. The target holds
 * labels and has no gradient.
 * <p>Validation: margin finite (PyTorch allows any margin, negative included); every target label 1 or −1 (PyTorch
 * does not check and computes with whatever y it is given: a deliberate difference).
 * <p>Reference: PyTorch {@code torch.nn.MarginRankingLoss}; the pairwise hinge of R. Herbrich, T. Graepel and
 * K. Obermayer, "Large Margin Rank Boundaries for Ordinal Regression", Advances in Large Margin Classifiers, 2000.
 */
public final class MarginRankingLoss extends AbstractPairLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("margin_ranking_loss", Family.RANKING,
                    "Hinge max(0, -y(x1 - x2) + margin) on score pairs (PyTorch MarginRankingLoss).")
            .inputs(InputSpec.differentiable("input1"), InputSpec.differentiable("input2"),
                    InputSpec.constant("target"))
            .number("margin", 0.0, Rule.FINITE, "by how much the preferred score must lead")
            .factory(p -> new MarginRankingLoss(p.getDouble("margin"), p.reduction()));

    private final double margin;

    /** Margin 0 and reduction {@code mean}, PyTorch's defaults. */
    public MarginRankingLoss() {
        this(0.0, Reduction.MEAN);
    }

    /**
     * The given margin (any finite value) and reduction.
     *
     * @param margin by how much the preferred score must lead; finite, any sign (0 by default)
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public MarginRankingLoss(double margin, Reduction reduction) {
        super(DECLARATION, reduction);
        this.margin = checked("margin", margin);
    }

    /**
     * The margin.
     *
     * @return by how much the preferred score must lead
     */
    public double margin() {
        return margin;
    }

    @Override
    int pairs(Tensor t1, Tensor t2, Tensor ty) {
        Check.sameShape(name(), "input1", t1, "input2", t2);
        Check.sameShape(name(), "input1", t1, "target", ty);
        Support.plusMinusOne(name(), "target", ty.data());
        return t1.numel();
    }

    @Override
    void losses(Tensor t1, Tensor t2, Tensor ty, double c, double[] per, float[] g1, float[] g2) {
        float[] x1 = t1.data();
        float[] x2 = t2.data();
        float[] y = ty.data();
        int n = per.length;
        for (int i = 0; i < n; i++) {
            double arg = -(double) y[i] * ((double) x1[i] - x2[i]) + margin;
            per[i] = Math.max(arg, 0);
            if (arg >= 0) {
                float g = (float) (-y[i] * c);
                if (g1 != null) {
                    g1[i] = g;
                }
                if (g2 != null) {
                    g2[i] = -g;
                }
            }
        }
    }
}
