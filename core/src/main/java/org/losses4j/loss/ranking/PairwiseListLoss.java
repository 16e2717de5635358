package org.losses4j.loss.ranking;

import java.util.Arrays;
import java.util.Map;

import org.losses4j.loss.Check;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.Labelled;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/**
 * The machinery of the pairwise ranking losses over the items of a list: scores {@code input} and relevance labels
 * {@code target}, of shape (L) for one list or (B, L) for B lists. A label below 0 marks a padding item (TF-Ranking's
 * convention for ragged lists), which takes part in no pair.
 *
 * <p>A pair (i, j) of one list with y<sub>i</sub> &gt; y<sub>j</sub> contributes ℓ(s<sub>i</sub> − s<sub>j</sub>),
 * attributed to the more relevant item i; a subclass may also score tied pairs (attributed half to each item).
 * Each list's valid items are sorted by label once (O(L log L), O(L) memory); the pairs are then visited in two
 * tight loops over contiguous arrays, never stored, so a list of 10,000 items needs O(L) memory.
 *
 * <p>Reductions: {@code none} gives the per-item sums (shape of the input, 0 for padding items); {@code sum} the
 * total; {@code mean} divides by the denominator the {@link Normalization} names.
 */
public abstract class PairwiseListLoss extends InputTargetLoss {
    /** What {@code mean} divides by. An empty denominator (no pair, no item) gives 0, not NaN. */
    public enum Normalization implements Labelled {
        /** B·L, every item slot including padding: TF-Ranking / Keras-RS {@code sum_over_batch_size}. */
        ITEMS,
        /** The number of scored pairs in the batch: the mean over pairs. */
        PAIRS,
        /** Per list: its sum ÷ its number of pairs; then the mean over the lists that have a pair. */
        LISTS;

        @Override
        public String toString() {
            return label();
        }

        /**
         * Parses a protocol name.
         *
         * @param loss the loss's name, for the message
         * @param name the label given: {@code items}, {@code pairs} or {@code lists}, exactly
         * @return the normalisation of that label
         * @throws IllegalArgumentException for any other value
         */
        public static Normalization parse(String loss, String name) {
            return Check.choice(loss, "normalization", name, values());
        }
    }

    private final Normalization normalization;

    PairwiseListLoss(LossDeclaration declaration, Normalization normalization, Reduction reduction) {
        super(declaration, reduction);
        this.normalization = java.util.Objects.requireNonNull(normalization, "normalization");
    }

    /**
     * What {@code mean} divides by.
     *
     * @return what {@code mean} divides by
     */
    public final Normalization normalization() {
        return normalization;
    }

    /** Whether pairs of equal labels are scored too. */
    boolean scoresTies() {
        return false;
    }

    /**
     * The loss of one list's pairs.
     *
     * @param s        the valid items' scores, sorted by label descending (scratch: may be modified)
     * @param n        the number of valid items
     * @param groupEnd for each position, the position after the last item of equal label
     * @param work     scratch of length ≥ n
     * @param loss     per-position loss (zeroed; add each pair's loss to its item)
     * @param grad     per-position ∂(list sum)/∂s (zeroed)
     * @return the list's sum, in double
     */
    abstract double list(double[] s, int n, int[] groupEnd, double[] work, double[] loss, double[] grad);

    @Override
    protected final LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget) {
        if (input.dim() != 1 && input.dim() != 2) {
            throw error("input must be (L) for one list or (B, L) for B lists, got shape " + input.shapeString());
        }
        Check.sameShape(name(), "input", input, "target", target);
        int len = input.size(-1);
        int lists = input.dim() == 2 ? input.size(0) : 1;
        float[] x = input.data();
        float[] y = target.data();
        for (int i = 0; i < y.length; i++) {
            if (!Float.isFinite(y[i])) {
                throw error("target labels must be finite (a negative label marks padding), got "
                        + Check.fmt(y[i]) + " at index " + i);
            }
        }
        long[] keys = new long[len];
        int[] order = new int[len];
        int[] groupEnd = new int[len];
        double[] s = new double[len];
        double[] work = new double[len];
        double[] lossPos = new double[len];
        double[] gradPos = new double[len];
        float[] out = reduction() == Reduction.NONE ? new float[x.length] : null;
        float[] g = gradInput ? new float[x.length] : null;
        double[] listSum = new double[lists];
        long[] listPairs = new long[lists];
        // unscaled per-item gradients: a list's scale is known only once every list's pair count is
        double[] gAll = g == null ? null : new double[x.length];
        long totalPairs = 0;
        for (int b = 0; b < lists; b++) {
            int off = b * len;
            int n = 0;
            for (int i = 0; i < len; i++) {
                float yi = y[off + i];
                if (yi >= 0) {
                    // sort key: label descending, then item index
                    keys[n++] = ((long) ~sortable(yi) << 32) | i;
                }
            }
            Arrays.sort(keys, 0, n);
            long pairs = 0;
            for (int p = 0; p < n; p++) {
                order[p] = (int) keys[p];
                s[p] = x[off + order[p]];
            }
            for (int p = 0; p < n;) {
                int q = p + 1;
                while (q < n && (keys[q] >>> 32) == (keys[p] >>> 32)) {
                    q++;
                }
                long gsize = q - p;
                pairs += gsize * (n - q);
                if (scoresTies()) {
                    pairs += gsize * (gsize - 1) / 2;
                }
                for (int r = p; r < q; r++) {
                    groupEnd[r] = q;
                }
                p = q;
            }
            Arrays.fill(lossPos, 0, n, 0.0);
            Arrays.fill(gradPos, 0, n, 0.0);
            listSum[b] = pairs == 0 ? 0 : list(s, n, groupEnd, work, lossPos, gradPos);
            listPairs[b] = pairs;
            totalPairs += pairs;
            if (out != null) {
                for (int p = 0; p < n; p++) {
                    out[off + order[p]] = (float) lossPos[p];
                }
            }
            if (gAll != null) {
                for (int p = 0; p < n; p++) {
                    gAll[off + order[p]] = gradPos[p];
                }
            }
        }
        double total = 0;
        double mean;
        int activeLists = 0;
        double listMeans = 0;
        for (int b = 0; b < lists; b++) {
            total += listSum[b];
            if (listPairs[b] > 0) {
                activeLists++;
                listMeans += listSum[b] / listPairs[b];
            }
        }
        switch (normalization) {
            case ITEMS:
                mean = x.length == 0 ? 0 : total / x.length;
                break;
            case PAIRS:
                mean = totalPairs == 0 ? 0 : total / totalPairs;
                break;
            default:
                mean = activeLists == 0 ? 0 : listMeans / activeLists;
        }
        Map<String, Tensor> grads = new java.util.LinkedHashMap<>();
        if (g != null) {
            for (int b = 0; b < lists; b++) {
                if (listPairs[b] == 0) {
                    continue;
                }
                double c = scale(x.length, totalPairs, activeLists, listPairs[b]);
                for (int i = b * len; i < (b + 1) * len; i++) {
                    g[i] = (float) (c * gAll[i]);
                }
            }
            grads.put("input", Tensor.wrap(g, input.shape()));
        }
        switch (reduction()) {
            case NONE:
                return LossResult.elementwise(Tensor.wrap(out, input.shape()), grads);
            case SUM:
                return LossResult.scalar(total, grads);
            default:
                return LossResult.scalar(mean, grads);
        }
    }

    /** A list's gradient scale: 1 ÷ the reduction's divisor of the count the normalization names. */
    private double scale(int items, long totalPairs, int activeLists, long listPairs) {
        double count;
        switch (normalization) {
            case ITEMS:
                count = items;
                break;
            case PAIRS:
                count = totalPairs;
                break;
            default:
                count = (double) activeLists * listPairs;
        }
        return 1 / reduction().divisor(count);
    }

    /** An int whose signed order is the float's numeric order. */
    private static int sortable(float v) {
        int bits = Float.floatToIntBits(v + 0.0f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }
}
