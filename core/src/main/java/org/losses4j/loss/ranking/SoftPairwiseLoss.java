package org.losses4j.loss.ranking;

import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;

/**
 * Soft pairwise loss of RankNet (Burges et al., 2005): the cross-entropy between the modelled probability that item
 * i ranks above item j, P<sub>ij</sub> = σ(σ<sub>s</sub>·(s<sub>i</sub> − s<sub>j</sub>)), and the target
 * probability P̄<sub>ij</sub> = ½(1 + S<sub>ij</sub>) given by the labels (1 if y<sub>i</sub> &gt; y<sub>j</sub>, ½ for
 * a tie).
 *
 * <p>Over the pairs of one list, z = σ<sub>s</sub>·(s<sub>i</sub> − s<sub>j</sub>):
 * <pre>
 *   y_i &gt; y_j:  ℓ = softplus(−z) = log(1 + exp(−z))             (BCE-with-logits of z against 1)
 *   y_i = y_j:  ℓ = ½·softplus(−z) + ½·softplus(z)             (against ½; only with ties=true)
 * </pre>
 * computed as a stable softplus (PyTorch's {@code soft_margin_loss}, the same formula with y = ±1, overflows for
 * large arguments; this does not). Labels below 0 mark padding items.
 * <ul>
 *   <li>{@code none}: per item, the loss of the pairs it is the more relevant item of, plus half of each tied pair
 *       it belongs to;</li>
 *   <li>{@code mean} (default): with the default {@code normalization=pairs}, the mean over the scored pairs;
 *       {@code items} divides by B·L, {@code lists} averages each list's mean; 0 when the denominator is 0;</li>
 *   <li>{@code sum}: the total.</li>
 * </ul>
 * <p>With {@code ties=false} the value per pair equals {@link PairwiseLogisticLoss}'s (with T = 1/σ<sub>s</sub>);
 * the two differ in their default normalization.
 * <p>Shapes: input and target both (L) or both (B, L).
 * <p>Gradient: per ordered pair, −σ<sub>s</sub>·σ(−z) to s<sub>i</sub> and the opposite to s<sub>j</sub>; per tied
 * pair, σ<sub>s</sub>·(σ(z) − ½) to s<sub>i</sub> and the opposite to s<sub>j</sub>; scaled by the reduction.
 * <p>Cost: as {@link PairwiseLogisticLoss}, O(L log L) plus a tight loop over the pairs, O(L) memory.
 * <p>Validation: sigma &gt; 0 and finite; labels finite.
 * <p>Reference: C. Burges, T. Shaked, E. Renshaw, A. Lazier, M. Deeds, N. Hamilton and G. Hullender, "Learning to
 * Rank using Gradient Descent", ICML 2005; C. Burges, "From RankNet to LambdaRank to LambdaMART: An Overview",
 * Microsoft Research MSR-TR-2010-82 (the σ and P̄ = ½(1 + S) notation).
 */
public final class SoftPairwiseLoss extends PairwiseListLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("soft_pairwise_loss", Family.RANKING,
                    "RankNet: cross-entropy of sigma(s_i - s_j) against 1 (y_i > y_j) or 1/2 (ties).")
            .inputs(InputSpec.differentiable("input"), InputSpec.constant("target"))
            .number("sigma", 1.0, Rule.POSITIVE_FINITE, "the slope of the logistic of score differences")
            .bool("ties", true, "pairs of equal relevance count, against 1/2")
            .choice("normalization", Normalization.PAIRS, Normalization.values(),
                    "the denominator of mean: item slots, pairs, or per list")
            .factory(p -> new SoftPairwiseLoss(p.getDouble("sigma"), p.getBoolean("ties"),
                    p.getChoice("normalization", Normalization.values()), p.reduction()));

    private final double sigma;
    private final boolean ties;

    /** σ = 1, tied pairs scored, normalization {@code pairs}, reduction {@code mean}. */
    public SoftPairwiseLoss() {
        this(1.0, true, Normalization.PAIRS, Reduction.MEAN);
    }

    /**
     * Every parameter.
     *
     * @param sigma the scale σ
     * @param ties whether tied pairs are scored against the target probability ½
     * @param normalization how the result is normalised
     * @param reduction {@code NONE} (each item's sum of pair losses), {@code MEAN} (divided as {@code normalization}
     *                  says) or {@code SUM}
     */
    public SoftPairwiseLoss(double sigma, boolean ties, Normalization normalization, Reduction reduction) {
        super(DECLARATION, normalization, reduction);
        this.sigma = checked("sigma", sigma);
        this.ties = ties;
        param("ties", ties);
        param("normalization", normalization.label());
    }

    /**
     * RankNet's σ, the steepness of the pair probability.
     *
     * @return RankNet's σ, the steepness of the pair probability
     */
    public double sigma() {
        return sigma;
    }

    /**
     * Whether tied pairs are scored against the target probability ½.
     *
     * @return whether tied pairs are scored against the target probability ½
     */
    public boolean ties() {
        return ties;
    }

    @Override
    boolean scoresTies() {
        return ties;
    }

    @Override
    double list(double[] s, int n, int[] groupEnd, double[] work, double[] loss, double[] grad) {
        return LogisticPairs.list(sigma, ties, s, n, groupEnd, work, loss, grad);
    }
}
