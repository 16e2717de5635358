package org.losses4j.loss.ranking;

import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;

/**
 * Pairwise hinge loss over the items of a list (TF-Ranking / Keras-RS {@code PairwiseHingeLoss}, with a margin).
 *
 * <p>For scores s and relevance labels y of one list, over every pair with y<sub>i</sub> &gt; y<sub>j</sub>:
 * <pre>
 *   L = Σ_{y_i &gt; y_j} max(0, margin − (s_i − s_j))
 * </pre>
 * The more relevant item must outscore the other by at least the margin. Labels below 0 mark padding items of ragged
 * lists (TF-Ranking's convention) and take part in no pair; ties take part in no pair.
 * <ul>
 *   <li>{@code none}: per item, the sum over the pairs it is the more relevant item of (shape of the input);</li>
 *   <li>{@code mean} (default): the total ÷ the {@link Normalization}'s denominator: {@code items} (default, B·L
 *       slots including padding, as TF-Ranking / Keras-RS {@code sum_over_batch_size}), {@code pairs} (number of
 *       pairs) or {@code lists} (each list's mean over its pairs, then the mean over lists that have a pair); 0 when
 *       the denominator is 0;</li>
 *   <li>{@code sum}: the total.</li>
 * </ul>
 * <p>Shapes: input (scores) and target (labels) both (L) or both (B, L).
 * <p>Gradient: −1 to s<sub>i</sub> and +1 to s<sub>j</sub> for each pair whose hinge argument margin − (s<sub>i</sub> −
 * s<sub>j</sub>) is ≥ 0 — at exactly 0 the gradient passes, PyTorch's {@code clamp_min} rule (Keras-RS's
 * {@code relu} would give 0 there) —, scaled by the reduction.
 * <p>Cost: O(L log L) per list (sorts and a Fenwick tree over score ranks; no pair is visited one by one) and
 * O(L) memory.
 * <p>Validation: margin ≥ 0 and finite; labels finite.
 * <p>Reference: R. Herbrich, T. Graepel and K. Obermayer, "Large Margin Rank Boundaries for Ordinal Regression",
 * 2000; T. Joachims, "Optimizing Search Engines using Clickthrough Data", KDD 2002; TF-Ranking
 * ({@code tfr.keras.losses.PairwiseHingeLoss}, Pasumarthi et al., KDD 2019).
 */
public final class PairwiseHingeLoss extends PairwiseListLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("pairwise_hinge_loss", Family.RANKING,
                    "Sum of max(0, margin - (s_i - s_j)) over pairs with y_i > y_j of each list (TF-Ranking).")
            .inputs(InputSpec.differentiable("input"), InputSpec.constant("target"))
            .number("margin", 1.0, Rule.NON_NEGATIVE_FINITE, "by how much the better item's score must lead")
            .choice("normalization", Normalization.ITEMS, Normalization.values(),
                    "the denominator of mean: item slots, pairs, or per list")
            .factory(p -> new PairwiseHingeLoss(p.getDouble("margin"),
                    p.getChoice("normalization", Normalization.values()), p.reduction()));

    private final double margin;

    /** Margin 1, normalization {@code items}, reduction {@code mean}. */
    public PairwiseHingeLoss() {
        this(1.0, Normalization.ITEMS, Reduction.MEAN);
    }

    /**
     * Every parameter.
     *
     * @param margin by how much the more relevant item's score must lead; ≥ 0 and finite
     * @param normalization how the result is normalised
     * @param reduction {@code NONE} (each item's sum of pair losses), {@code MEAN} (divided as {@code normalization}
     *                  says) or {@code SUM}
     */
    public PairwiseHingeLoss(double margin, Normalization normalization, Reduction reduction) {
        super(DECLARATION, normalization, reduction);
        this.margin = checked("margin", margin);
        param("normalization", normalization.label());
    }

    /**
     * The margin.
     *
     * @return by how much the more relevant item's score must lead
     */
    public double margin() {
        return margin;
    }

    /*
     * O(L log L): with the scores sorted, a pair (i, j), y_i > y_j, is active when s_i − s_j ≤ margin (the same
     * double comparison as margin − (s_i − s_j) ≥ 0), a prefix of the sorted scores in either direction. Visiting the
     * label groups from the lowest up, a Fenwick tree over score ranks holds the items of lower labels and gives,
     * for item i, the count c_i and score sum S_i of its active partners: its loss is c_i·(margin − s_i) + S_i and
     * its gradient −c_i. Visiting the groups from the highest down gives each item the number of active partners
     * above it, its gradient +count.
     */
    @Override
    double list(double[] s, int n, int[] groupEnd, double[] work, double[] loss, double[] grad) {
        final double m = margin;
        long[] keys = new long[n];
        for (int p = 0; p < n; p++) {
            keys[p] = ((long) sortable((float) s[p]) << 32) | p;
        }
        java.util.Arrays.sort(keys);
        double[] sorted = work;
        int[] rank = new int[n];
        for (int k = 0; k < n; k++) {
            int p = (int) keys[k];
            sorted[k] = s[p];
            rank[p] = k;
        }
        int[] count = new int[n + 1];
        double[] sum = new double[n + 1];
        double total = 0;
        int inserted = 0;
        double insertedSum = 0;
        // lower labels first: the loss and the gradient of the more relevant item
        for (int end = n; end > 0;) {
            int start = groupStart(groupEnd, end);
            for (int p = start; p < end; p++) {
                double sp = s[p];
                int k = firstAtLeast(sorted, n, sp, m); // partners with rank >= k are active
                int below = prefixCount(count, k);
                double belowSum = prefixSum(sum, k);
                int c = inserted - below;
                double partners = insertedSum - belowSum;
                // no active partner: 0, also for an infinite score (0·(m − ∞) would be NaN)
                double lp = c == 0 ? 0 : c * (m - sp) + partners;
                loss[p] = lp;
                grad[p] -= c;
                total += lp;
            }
            for (int p = start; p < end; p++) {
                add(count, sum, rank[p] + 1, s[p]);
                inserted++;
                insertedSum += s[p];
            }
            end = start;
        }
        // higher labels first: the gradient of the less relevant item
        java.util.Arrays.fill(count, 0);
        for (int start = 0; start < n;) {
            int end = groupEnd[start];
            for (int p = start; p < end; p++) {
                int k = lastAtMost(sorted, n, s[p], m); // partners with rank <= k are active
                grad[p] += prefixCount(count, k + 1);
            }
            for (int p = start; p < end; p++) {
                add(count, null, rank[p] + 1, 0);
            }
            start = end;
        }
        return total;
    }

    private static int groupStart(int[] groupEnd, int end) {
        int p = end - 1;
        while (p > 0 && groupEnd[p - 1] == end) {
            p--;
        }
        return p;
    }

    /** The first sorted index k with s_i − sorted[k] ≤ m (n if none). */
    private static int firstAtLeast(double[] sorted, int n, double si, double m) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (si - sorted[mid] <= m) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The last sorted index k with sorted[k] − s_j ≤ m (−1 if none). */
    private static int lastAtMost(double[] sorted, int n, double sj, double m) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] - sj <= m) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** Fenwick tree: adds one item at 1-based index i. */
    private static void add(int[] count, double[] sum, int i, double v) {
        for (; i < count.length; i += i & -i) {
            count[i]++;
            if (sum != null) {
                sum[i] += v;
            }
        }
    }

    /** Number of items with 0-based rank &lt; k. */
    private static int prefixCount(int[] count, int k) {
        int c = 0;
        for (int i = k; i > 0; i -= i & -i) {
            c += count[i];
        }
        return c;
    }

    /** Score sum of the items with 0-based rank &lt; k. */
    private static double prefixSum(double[] sum, int k) {
        double c = 0;
        for (int i = k; i > 0; i -= i & -i) {
            c += sum[i];
        }
        return c;
    }

    private static int sortable(float v) {
        int bits = Float.floatToIntBits(v + 0.0f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }
}
