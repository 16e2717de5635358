package org.losses4j.loss.ranking;

import java.util.Objects;

import org.losses4j.loss.Check;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.Tensor;

/**
 * Contrastive loss of Hadsell, Chopra and LeCun (2006) on pairs of embeddings.
 *
 * <p>With the Euclidean distance D = ‖x1 − x2 + eps‖₂ (PyTorch's {@code pairwise_distance}, eps = 1e-6 added to
 * the difference so that the gradient stays finite at x1 = x2) and the paper's labels (Y = 0 similar, Y = 1
 * dissimilar):
 * <pre>
 *   ℓ = (1 − Y)·½·D²  +  Y·½·max(0, margin − D)²
 * </pre>
 * Similar pairs are pulled together; dissimilar pairs are pushed apart until they are {@code margin} away.
 * <p>Label convention: the literature uses both. {@link LabelConvention#SIMILAR_IS_0} is the paper's (default);
 * {@link LabelConvention#SIMILAR_IS_1} is sentence-transformers' {@code ContrastiveLoss} (label 1 = similar). The
 * JSON-lines parameter is {@code similar_label} (0 or 1). Any other label is an error.
 * <ul>
 *   <li>{@code none}: the (N) tensor of ℓ<sub>i</sub> (0-d for unbatched inputs);</li>
 *   <li>{@code mean} (default, as sentence-transformers): Σℓ<sub>i</sub> / N (NaN for N = 0);</li>
 *   <li>{@code sum} (the paper's L = Σ over pairs): Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input1 and input2 (N, D) with target (N), or (D) with a 0-d target.
 * <p>Gradient: ∂ℓ/∂D = D for similar pairs, −max(0, margin − D) for dissimilar ones (0 at D ≥ margin: the squared
 * hinge is smooth there); ∂D/∂x1 = v/D with v = x1 − x2 + eps, ∂D/∂x2 = −∂D/∂x1. Divided by N for {@code mean}.
 * <p>Validation: margin &gt; 0 and finite, eps ≥ 0, labels in {0, 1}.
 * <p>Peers: sentence-transformers' default distance is the cosine distance with margin 0.5; this class is the
 * paper's Euclidean form.
 * <p>Reference: R. Hadsell, S. Chopra and Y. LeCun, "Dimensionality Reduction by Learning an Invariant Mapping",
 * CVPR 2006 (eq. 4).
 */
public final class ContrastiveLoss extends AbstractPairLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("contrastive_loss", Family.RANKING,
                    "Hadsell-Chopra-LeCun 2006: D^2/2 similar, max(0, m - D)^2/2 dissimilar.")
            .inputs(InputSpec.differentiable("input1"), InputSpec.differentiable("input2"),
                    InputSpec.constant("target"))
            .number("margin", 1.0, Rule.POSITIVE_FINITE, "the distance beyond which a dissimilar pair costs nothing")
            .integer("similar_label", 0, Rule.oneOfNumbers(0, 1), "the target value that marks a similar pair")
            .number("eps", 1e-6, Support.DISTANCE_EPS, "added to the difference before its norm")
            .factory(p -> new ContrastiveLoss(p.getDouble("margin"),
                    LabelConvention.ofSimilarLabel(p.loss(), p.getLong("similar_label")), p.getDouble("eps"),
                    p.reduction()));

    /** Which label marks a similar pair. */
    public enum LabelConvention {
        /** Y = 0 similar, Y = 1 dissimilar: Hadsell, Chopra and LeCun (2006). */
        SIMILAR_IS_0,
        /** 1 similar, 0 dissimilar: sentence-transformers' {@code ContrastiveLoss}, Siamese-network tutorials. */
        SIMILAR_IS_1;

        /**
         * The label of a similar pair (0 or 1).
         *
         * @return the label of a similar pair (0 or 1)
         */
        public int similarLabel() {
            return this == SIMILAR_IS_0 ? 0 : 1;
        }

        /**
         * The convention whose similar label is {@code label} (0 or 1).
         *
         * @param loss the loss's name, for the message
         * @param label the {@code similar_label} parameter: 0 or 1
         * @return the convention in which {@code label} marks a similar pair
         * @throws IllegalArgumentException for any other label
         */
        public static LabelConvention ofSimilarLabel(String loss, long label) {
            DECLARATION.parameter("similar_label").rule().check(loss, "similar_label", label);
            return label == 0 ? SIMILAR_IS_0 : SIMILAR_IS_1;
        }
    }

    private final double margin;
    private final double eps;
    private final LabelConvention labels;

    /** Margin 1, eps 1e-6, the paper's labels (0 = similar), reduction {@code mean}. */
    public ContrastiveLoss() {
        this(1.0, LabelConvention.SIMILAR_IS_0, 1e-6, Reduction.MEAN);
    }

    /**
     * The given margin with the other defaults.
     *
     * @param margin the distance beyond which a dissimilar pair costs nothing; &gt; 0 and finite
     */
    public ContrastiveLoss(double margin) {
        this(margin, LabelConvention.SIMILAR_IS_0, 1e-6, Reduction.MEAN);
    }

    /**
     * Every parameter.
     *
     * @param margin the distance beyond which a dissimilar pair costs nothing; &gt; 0 and finite
     * @param labels which target value marks a similar pair (0 in the paper, 1 in sentence-transformers)
     * @param eps added to the difference before its norm, ≥ 0 (keeps the gradient finite at x1 = x2)
     * @param reduction how the per-pair losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public ContrastiveLoss(double margin, LabelConvention labels, double eps, Reduction reduction) {
        super(DECLARATION, reduction);
        this.margin = checked("margin", margin);
        this.labels = Objects.requireNonNull(labels, "labels");
        checkedInt("similar_label", labels.similarLabel());
        this.eps = checked("eps", eps);
    }

    /**
     * The margin.
     *
     * @return the distance beyond which a dissimilar pair costs nothing
     */
    public double margin() {
        return margin;
    }

    /**
     * The label convention.
     *
     * @return the label convention
     */
    public LabelConvention labels() {
        return labels;
    }

    @Override
    int pairs(Tensor t1, Tensor t2, Tensor ty) {
        int n = Support.embeddings(name(), "input1", t1)[0];
        Check.sameShape(name(), "input1", t1, "input2", t2);
        if (!(t1.dim() == 2 ? ty.hasShape(n) : ty.dim() == 0)) {
            throw error("target shape " + ty.shapeString() + " must be " + (t1.dim() == 2 ? "[" + n + "]" : "[]")
                    + " for inputs of shape " + t1.shapeString());
        }
        float[] y = ty.data();
        for (int i = 0; i < n; i++) {
            if (y[i] != 0f && y[i] != 1f) {
                throw error("target labels must be 0 or 1 (" + labels.similarLabel() + " = similar), got "
                        + Check.fmt(y[i]) + " at index " + i);
            }
        }
        return n;
    }

    @Override
    void losses(Tensor t1, Tensor t2, Tensor ty, double c, double[] per, float[] g1, float[] g2) {
        int n = per.length;
        int d = t1.size(-1);
        float[] x1 = t1.data();
        float[] x2 = t2.data();
        float[] y = ty.data();
        float similar = labels.similarLabel();
        for (int i = 0; i < n; i++) {
            int o = i * d;
            double dist = Support.distance(x1, o, x2, o, d, 2, eps);
            double dl;
            if (y[i] == similar) {
                per[i] = 0.5 * dist * dist;
                dl = dist;
            } else {
                double h = Math.max(margin - dist, 0);
                per[i] = 0.5 * h * h;
                dl = -h;
            }
            Support.distanceGrad(x1, o, x2, o, d, 2, eps, dist, c * dl, g1, o, g2, o);
        }
    }
}
