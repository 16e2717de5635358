package org.losses4j.loss.ranking;

import java.util.Map;
import java.util.Set;

import org.losses4j.loss.AbstractLoss;
import org.losses4j.loss.Check;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.Tensor;

/**
 * Multiple-negatives ranking loss, with the semantics of sentence-transformers'
 * {@code MultipleNegativesRankingLoss(scale=20.0, similarity_fct=cos_sim)} and, with {@code symmetric=true},
 * {@code MultipleNegativesSymmetricRankingLoss} (Henderson et al., "Efficient Natural Language Response Suggestion
 * for Smart Reply", 2017).
 *
 * <p>Anchors a (B, D), positives p (B, D), optional hard negatives {@code negative}: (B, D) for one column or
 * (K, B, D) for K columns n<sup>(1)</sup>..n<sup>(K)</sup>. The candidates are [p<sub>1</sub>..p<sub>B</sub>,
 * n<sup>(1)</sup><sub>1</sub>..n<sup>(1)</sup><sub>B</sub>, …] — every other anchor's positive and every hard negative
 * is a negative of each anchor. With cos via L2 normalisation (norm floor 1e-12) and S = scale·cos(a<sub>i</sub>,
 * c<sub>j</sub>):
 * <pre>
 *   forward_i  = −S_ii + log Σ_j exp(S_ij)                        (CrossEntropy(S, labels = 0..B−1))
 *   backward_i = −S_ii + log Σ_{k &lt; B} exp(S_ki)                  (positive i against every anchor; symmetric)
 *   ℓ_i = forward_i,  or (forward_i + backward_i)/2 with symmetric=true
 * </pre>
 * <p>Reductions: {@code mean} (default, ÷ B, sentence-transformers'), {@code sum}, {@code none} (B).
 * <p>scale = 1/temperature (20 ↔ 0.05), must be &gt; 0 and finite.
 * <p>Gradient: scale·(softmax − onehot) on each CE row, through the cosines and the normalisation, to anchors,
 * positives and negatives.
 * <p>Errors: anchor not 2-D, positive of another shape, negative neither (B, D) nor (K, B, D), scale ≤ 0.
 */
public final class MultipleNegativesRankingLoss extends AbstractLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("multiple_negatives_ranking_loss", Family.RANKING,
                    "sentence-transformers MNRL: CE of scale*cos(anchor, [positives, hard negatives]), in-batch.")
            .inputs(InputSpec.differentiable("anchor"), InputSpec.differentiable("positive"),
                    InputSpec.differentiable("negative").asOptional())
            .number("scale", 20.0, Rule.POSITIVE_FINITE, "multiplies the cosines")
            .bool("symmetric", false, "add the loss of positives against anchors")
            .factory(p -> new MultipleNegativesRankingLoss(p.getDouble("scale"), p.getBoolean("symmetric"),
                    p.reduction()));

    private final double scale;
    private final boolean symmetric;

    /** scale = 20, one direction, reduction {@code mean}. */
    public MultipleNegativesRankingLoss() {
        this(20.0, false, Reduction.MEAN);
    }

    /**
     * Every parameter.
     *
     * @param scale the similarity scale (1/temperature) that multiplies the cosines, &gt; 0 and finite (20 by
     *              default, as sentence-transformers)
     * @param symmetric whether the positive→anchor direction is averaged in
     * @param reduction how the per-sample losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public MultipleNegativesRankingLoss(double scale, boolean symmetric, Reduction reduction) {
        super(DECLARATION, reduction);
        this.scale = checked("scale", scale);
        this.symmetric = symmetric;
        param("symmetric", symmetric);
    }

    /**
     * The similarity scale (1/temperature).
     *
     * @return the similarity scale (1/temperature)
     */
    public double scale() {
        return scale;
    }

    /**
     * Whether the positive→anchor direction is averaged in.
     *
     * @return whether the positive→anchor direction is averaged in
     */
    public boolean symmetric() {
        return symmetric;
    }

    @Override
    protected LossResult evaluate(Map<String, Tensor> in, Set<String> wrt) {
        Tensor a = in.get("anchor");
        Tensor p = in.get("positive");
        Tensor ng = in.get("negative");
        if (a.dim() != 2) {
            throw error("anchor must be 2-D (B, D), got shape " + a.shapeString());
        }
        Check.sameShape(name(), "anchor", a, "positive", p);
        int b = a.size(0);
        int d = a.size(1);
        int cols = 0;
        if (ng != null) {
            boolean ok = ng.dim() == 2 && ng.size(0) == b && ng.size(1) == d
                    || ng.dim() == 3 && ng.size(1) == b && ng.size(2) == d;
            if (!ok) {
                throw error("negative must be (B, D) or (K, B, D) with anchor (B, D) = " + a.shapeString()
                        + ", got shape " + ng.shapeString());
            }
            cols = ng.dim() == 2 ? 1 : ng.size(0);
        }
        boolean grads = !wrt.isEmpty();
        CosineSoftmax cs = new CosineSoftmax(new Tensor[] {a, p, ng}, d, grads);
        double c = LossResult.gradientScale(reduction(), b) * (symmetric ? 0.5 : 1);
        int count = b * (1 + cols);
        int[] src = new int[Math.max(count, 1)];
        int[] row = new int[Math.max(count, 1)];
        double[] logits = new double[Math.max(count, 1)];
        double[] per = new double[b];
        for (int k = 0; k < count; k++) {
            src[k] = k < b ? 1 : 2;
            row[k] = k < b ? k : k - b;
        }
        for (int i = 0; i < b; i++) {
            per[i] = cs.row(0, i, src, row, count, i, scale, c, logits);
        }
        if (symmetric) {
            int[] asrc = new int[b];
            int[] arow = new int[b];
            for (int k = 0; k < b; k++) {
                arow[k] = k;
            }
            for (int i = 0; i < b; i++) {
                per[i] = 0.5 * (per[i] + cs.row(1, i, asrc, arow, b, i, scale, c, logits));
            }
        }
        Map<String, Tensor> g = cs.grads(new String[] {"anchor", "positive", "negative"}, wrt);
        return LossResult.reduce(reduction(), per, new int[] {b}, g);
    }
}
