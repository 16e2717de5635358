package org.losses4j.loss.ranking;

import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;

/**
 * Pairwise logistic loss over the items of a list, TF-Ranking's / Keras-RS's {@code PairwiseLogisticLoss}.
 *
 * <p>For scores s, relevance labels y and temperature T, over every pair of one list with y<sub>i</sub> &gt;
 * y<sub>j</sub>:
 * <pre>
 *   L = Σ_{y_i &gt; y_j} log(1 + exp(−(s_i − s_j)/T))
 * </pre>
 * evaluated as a stable softplus. Labels below 0 mark padding items (TF-Ranking's convention for ragged lists);
 * tied labels form no pair.
 * <ul>
 *   <li>{@code none}: per item, the sum over the pairs it is the more relevant item of (the reference's
 *       (batch, list_size) tensor before its reduction);</li>
 *   <li>{@code mean} (default): the total ÷ B·L with the default {@code normalization=items} — the reference's
 *       {@code sum_over_batch_size}, padding slots included, so y=[[1,0]], s=[[0.6,0.8]] gives 0.39906943 and the
 *       ragged y=[[1,0,−1],[0,1,0]], s=[[0.6,0.8,0],[0.5,0.8,0.4]] gives 0.3109182; {@code pairs} divides by the
 *       number of pairs, {@code lists} averages each list's mean over its pairs; 0 when the denominator is 0;</li>
 *   <li>{@code sum}: the total.</li>
 * </ul>
 * <p>Shapes: input and target both (L) or both (B, L).
 * <p>Gradient: per pair, −σ(−(s<sub>i</sub> − s<sub>j</sub>)/T)/T to s<sub>i</sub> and the opposite to
 * s<sub>j</sub>, scaled by the reduction. Smooth everywhere.
 * <p>Cost: O(L log L) sort plus O(P) pair visits (P ≤ L²/2), each a division and a few multiplications (the logarithm is
 * taken of running products)
 * (exp(−z) = E<sub>j</sub>/E<sub>i</sub> from per-item exponentials); no pair is stored.
 * <p>Validation: temperature &gt; 0 and finite; labels finite.
 * <p>Reference: C. Burges et al., "Learning to Rank using Gradient Descent" (RankNet), ICML 2005; R. K. Pasumarthi
 * et al., "TF-Ranking: Scalable TensorFlow Library for Learning-to-Rank", KDD 2019
 * ({@code tfr.keras.losses.PairwiseLogisticLoss}); Keras-RS {@code keras_rs.losses.PairwiseLogisticLoss}.
 */
public final class PairwiseLogisticLoss extends PairwiseListLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("pairwise_logistic_loss", Family.RANKING,
                    "Sum of log(1 + exp(-(s_i - s_j)/T)) over pairs with y_i > y_j (TF-Ranking / Keras-RS).")
            .inputs(InputSpec.differentiable("input"), InputSpec.constant("target"))
            .number("temperature", 1.0, Rule.POSITIVE_FINITE, "divides the score differences")
            .choice("normalization", Normalization.ITEMS, Normalization.values(),
                    "the denominator of mean: item slots, pairs, or per list")
            .factory(p -> new PairwiseLogisticLoss(p.getDouble("temperature"),
                    p.getChoice("normalization", Normalization.values()), p.reduction()));

    private final double temperature;

    /** Temperature 1, normalization {@code items}, reduction {@code mean} (the reference's defaults). */
    public PairwiseLogisticLoss() {
        this(1.0, Normalization.ITEMS, Reduction.MEAN);
    }

    /**
     * Every parameter.
     *
     * @param temperature T &gt; 0 and finite, which divides the score differences
     * @param normalization how the result is normalised
     * @param reduction {@code NONE} (each item's sum of pair losses), {@code MEAN} (divided as {@code normalization}
     *                  says) or {@code SUM}
     */
    public PairwiseLogisticLoss(double temperature, Normalization normalization, Reduction reduction) {
        super(DECLARATION, normalization, reduction);
        this.temperature = checked("temperature", temperature);
        param("normalization", normalization.label());
    }

    /**
     * The temperature T (scores are divided by it).
     *
     * @return the temperature T (scores are divided by it)
     */
    public double temperature() {
        return temperature;
    }

    @Override
    double list(double[] s, int n, int[] groupEnd, double[] work, double[] loss, double[] grad) {
        return LogisticPairs.list(1 / temperature, false, s, n, groupEnd, work, loss, grad);
    }
}
