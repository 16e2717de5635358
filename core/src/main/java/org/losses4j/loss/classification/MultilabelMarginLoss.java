package org.losses4j.loss.classification;

import org.losses4j.kernel.Rows;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/**
 * Multi-label margin (hinge) loss, PyTorch's {@code nn.MultiLabelMarginLoss(reduction='mean')} /
 * {@code F.multilabel_margin_loss}.
 *
 * <p>Each sample has C scores x and a target row of C class indices: the sample's classes come first, and the first
 * −1 ends the list (what follows it is ignored). With T the listed classes (in order, duplicates included) and the
 * "is target" mask marking each class that appears among them, every listed class must beat every class outside the
 * mask by a margin of 1:
 * <pre>
 *   ℓ = (1/C) · Σ_{j ∈ T} Σ_{i : not a target} max(0, 1 − (x[j] − x[i]))
 * </pre>
 * A class listed twice counts twice (PyTorch's loop runs over the list, not over the mask); a class that appears only
 * after the −1 is not a target. A row that starts with −1 (or lists every class) has ℓ = 0.
 * <ul>
 *   <li>{@code none}: ℓ per sample, shape (N) for an (N, C) input; a 0-d value for a (C) or 0-d input (as PyTorch,
 *       which returns a scalar there whatever the reduction);</li>
 *   <li>{@code mean} (default): Σℓ / N. An empty batch (0, C) gives NaN (PyTorch 1.13 returns uninitialised memory
 *       there);</li>
 *   <li>{@code sum}: Σℓ (0 for an empty batch).</li>
 * </ul>
 * <p>Shapes: input (N, C) with C ≥ 1 and N ≥ 0, a non-empty (C) vector, or 0-d (one class); target of int64 class
 * indices with the input's shape (for a (C) or 0-d input PyTorch only asks for C elements in at most one dimension,
 * so a 0-d target and a (1) target both fit a single class). Every target entry, including those after the −1, must
 * be −1 or a class in [0, C): PyTorch checks the minimum and maximum of the whole tensor. Values below −1 are errors,
 * so −1 is the only terminator. Whole-number float32 targets are accepted as indices (PyTorch requires int64).
 * <p>Gradient: every term with z = 1 − x[j] + x[i] &gt; 0 (strictly, as PyTorch's kernel) adds g to ∂/∂x[i] and
 * −g to ∂/∂x[j], with g = 1/C ({@code none}, {@code sum}) or 1/(N·C) ({@code mean}); exactly on the margin (z = 0)
 * the term gives no gradient. z is computed as PyTorch computes it, (1 − x[j]) + x[i], so a NaN score makes its terms
 * vanish (the comparison fails) rather than propagate, as in PyTorch. No gradient with respect to the target (class
 * indices).
 * <p>Reference: PyTorch {@code torch.nn.MultiLabelMarginLoss} (Torch7's {@code MultiLabelMarginCriterion}). The
 * pairwise hinge between a sample's labels and the other classes is the ranking loss of A. Elisseeff and J. Weston,
 * "A kernel method for multi-labelled classification", NIPS 2001, which normalises by the number of pairs instead of
 * by C.
 */
public final class MultilabelMarginLoss extends InputTargetLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("multilabel_margin_loss", Family.CLASSIFICATION,
                    "Hinge of each listed class against the others; -1 ends the list (PyTorch MultiLabelMarginLoss).")
            .inputs(InputSpec.differentiable("input"), InputSpec.indices("target"))
            .factory(p -> new MultilabelMarginLoss(p.reduction()));

    /** Reduction {@code mean}. */
    public MultilabelMarginLoss() {
        this(Reduction.MEAN);
    }

    /** @param reduction {@code none}, {@code mean} or {@code sum} */
    public MultilabelMarginLoss(Reduction reduction) {
        super(DECLARATION, reduction);
    }

    @Override
    protected LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget) {
        int dim = input.dim();
        if (dim > 2 || dim >= 1 && input.size(-1) == 0) {
            throw error("input must be 0-d, a non-empty (C) vector or an (N, C) matrix with C >= 1, got shape "
                    + input.shapeString());
        }
        int c = dim == 0 ? 1 : input.size(-1);
        int n = dim == 2 ? input.size(0) : 1;
        boolean fits = dim == 2 ? target.sameShape(input) : target.dim() <= 1 && target.numel() == c;
        if (!fits) {
            String expected = dim == 2 ? input.shapeString() : c == 1 ? "[" + c + "] or []" : "[" + c + "]";
            throw error("target shape " + target.shapeString() + " must be " + expected + " for input shape "
                    + input.shapeString() + " (a row of C class indices per sample, -1 ending each list)");
        }
        long[] y = target.longData();
        long listed = checkTargets(y, c);
        float[] x = input.data();
        float[] gx = gradInput ? new float[x.length] : null;
        int[] rowShape = dim == 2 ? new int[] {n} : new int[0];
        float[] out = reduction() == Reduction.NONE ? new float[n] : null;
        double denominator = reduction().divisor(n);
        double g = 1 / denominator / c;
        // A row costs about C element operations per listed class, and one pass to find them.
        long perRow = (long) c * (1 + (n == 0 ? 0 : (listed + n - 1) / n));
        int cost = (int) Math.min(Integer.MAX_VALUE, perRow);
        double sum = Rows.sum(n, cost, (r0, r1) -> rows(x, y, c, g, out, gx, r0, r1));
        return ClassDimLoss.result(reduction(), rowShape, input, out, gx, sum, denominator);
    }

    /**
     * Every entry is −1 or a class in [0, C), also after a row's −1 (PyTorch checks the whole tensor).
     *
     * @return the number of listed classes (before each row's −1), over all rows
     */
    private long checkTargets(long[] y, int c) {
        long listed = 0;
        int end = 0; // index just past the current row's list
        for (int i = 0; i < y.length; i++) {
            int col = i % c;
            if (col == 0) {
                end = i;
                while (end < i + c && y[end] >= 0) {
                    end++;
                }
                listed += end - i;
            }
            if (y[i] < -1 || y[i] >= c) {
                throw error("target " + y[i] + " at index " + i + " is out of range for C = " + c
                        + " (valid: 0 to " + (c - 1) + ", or -1 to end the list)"
                        + (i > end ? "; it follows the row's -1, and PyTorch checks ignored entries too" : ""));
            }
        }
        return listed;
    }

    private static double rows(float[] x, long[] y, int c, double g, float[] out, float[] gx, int r0, int r1) {
        boolean[] isTarget = new boolean[c];
        long[] count = gx == null ? null : new long[c]; // per class: terms where it is the lower (+) or target (−) side
        double sum = 0;
        for (int r = r0; r < r1; r++) {
            int base = r * c;
            int k = 0;
            while (k < c && y[base + k] >= 0) {
                isTarget[(int) y[base + k]] = true;
                k++;
            }
            double l = 0;
            for (int j = 0; j < k; j++) {
                int t = (int) y[base + j];
                double oneMinusTarget = 1.0 - x[base + t];
                long hits = 0;
                for (int i = 0; i < c; i++) {
                    if (!isTarget[i]) {
                        double z = oneMinusTarget + x[base + i];
                        if (z > 0) { // strict, as PyTorch: no gradient on the margin, NaN terms skipped
                            l += z;
                            if (count != null) {
                                count[i]++;
                            }
                            hits++;
                        }
                    }
                }
                if (count != null) {
                    count[t] -= hits;
                }
            }
            for (int j = 0; j < k; j++) {
                isTarget[(int) y[base + j]] = false;
            }
            if (count != null) {
                for (int i = 0; i < c; i++) {
                    gx[base + i] = (float) (count[i] * g);
                    count[i] = 0;
                }
            }
            l /= c;
            sum += l;
            if (out != null) {
                out[r] = (float) l;
            }
        }
        return sum;
    }
}
