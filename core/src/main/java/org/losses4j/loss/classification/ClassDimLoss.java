package org.losses4j.loss.classification;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.losses4j.kernel.CrossEntropyRows;
import org.losses4j.kernel.Rows;
import org.losses4j.loss.Check;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Shapes;
import org.losses4j.tensor.Tensor;

/**
 * The losses over a class dimension laid out as PyTorch's {@code cross_entropy}: an input of shape (C), (N, C) or
 * (N, C, d1, ..., dK) (classes along dimension 1, or 0 for a 1-d input) and a target that holds either class
 * indices, of shape (), (N) or (N, d1, ..., dK), or class probabilities of the input's shape.
 *
 * <p>A "row" is one sample (and spatial position): N·d1·…·dK rows of C values, at a stride of d1·…·dK between
 * classes.
 */
abstract class ClassDimLoss extends InputTargetLoss {
    ClassDimLoss(LossDeclaration declaration, Reduction reduction) {
        super(declaration, reduction);
    }

    /** The layout of one evaluation. */
    static final class Layout {
        /** Classes. */
        int c;
        /** Positions per sample, d1·…·dK (1 without spatial dimensions): the stride between classes. */
        int inner;
        /** Rows: N·d1·…·dK. */
        int rows;
        /** The shape of the per-row result (reduction none): () for a 1-d input, else (N, d1, ..., dK). */
        int[] rowShape;
        /** Class indices, one per row, or null for probability targets. */
        long[] index;
        /** Class probabilities in the input's layout, or null for index targets. */
        float[] prob;

        /** Offset of class 0 of a row in the input. */
        int base(int row) {
            return CrossEntropyRows.base(row, c, inner);
        }
    }

    /**
     * Reads the shapes and the target kind.
     *
     * @param probabilities whether a target of the input's shape (class probabilities) is accepted
     */
    final Layout layout(Tensor input, Tensor target, boolean probabilities) {
        if (input.dim() == 0) {
            throw error("input must have shape (C), (N, C) or (N, C, d1, ..., dK), got a 0-d tensor");
        }
        int[] s = input.shape();
        Layout l = new Layout();
        l.c = input.dim() == 1 ? s[0] : s[1];
        l.inner = 1;
        for (int d = 2; d < s.length; d++) {
            l.inner *= s[d];
        }
        l.rowShape = input.dim() == 1 ? new int[0] : Shapes.drop(s, 1);
        l.rows = Shapes.numel(l.rowShape);
        if (probabilities && target.sameShape(input)) {
            if (!target.isFloat()) {
                throw error("a target of the input's shape " + input.shapeString()
                        + " holds class probabilities and must be floating point, got int64 (write 1.0, not 1)");
            }
            l.prob = target.data();
            return l;
        }
        if (!Arrays.equals(target.shape(), l.rowShape)) {
            if (input.dim() >= 2 && target.dim() >= 1 && target.size(0) != s[0]) {
                throw error("target batch size " + target.size(0) + " does not match input batch size " + s[0]
                        + " (input " + input.shapeString() + ", target " + target.shapeString() + ")");
            }
            throw error("target shape " + target.shapeString() + " must be " + Shapes.toString(l.rowShape)
                    + " (class indices)" + (probabilities ? " or the input's shape " + input.shapeString()
                    + " (class probabilities)" : "") + " for input " + input.shapeString());
        }
        l.index = toIndices("target", target).longData();
        return l;
    }

    /**
     * The result of a loss of one value per row (sample) under reduction {@code r}: the per-row values {@code out}
     * (shape {@code rowShape}) for {@code none}, else {@code sum / denominator}; the input gradient {@code gx} when
     * it was wanted.
     */
    static LossResult result(Reduction r, int[] rowShape, Tensor input, float[] out, float[] gx, double sum,
            double denominator) {
        Map<String, Tensor> grads = new LinkedHashMap<>(1);
        if (gx != null) {
            grads.put("input", Tensor.wrap(gx, input.shape()));
        }
        return LossResult.reduce(r, out, rowShape, sum, denominator, grads);
    }

    /** A row kernel of {@link #evaluateRows}: rows {@code [r0, r1)}, gradients times {@code g}; returns Σℓ. */
    interface RowKernel {
        double rows(double g, float[] out, float[] gx, int r0, int r1);
    }

    /**
     * The evaluation of a loss of one value per row, each row counting once (no ignore_index): checks the class
     * indices, runs {@code kernel} over the rows ({@code costPerRow} element operations each, for the parallel
     * split) with the reduction's gradient factor, and reduces.
     */
    final LossResult evaluateRows(Layout l, Tensor input, boolean gradInput, int costPerRow, RowKernel kernel) {
        float[] gx = gradInput ? new float[input.numel()] : null;
        float[] out = rowValues(l);
        checkIndices(l);
        double denominator = rowDivisor(l);
        double g = 1 / denominator;
        double sum = Rows.sum(l.rows, costPerRow, (r0, r1) -> kernel.rows(g, out, gx, r0, r1));
        return result(reduction(), l.rowShape, input, out, gx, sum, denominator);
    }

    /** The per-row values for reduction {@code none}, else null: the reduction then needs only their sum. */
    final float[] rowValues(Layout l) {
        return reduction() == Reduction.NONE ? new float[l.rows] : null;
    }

    /**
     * What the sum over the rows is divided by where each row counts once: the number of rows for {@code mean}
     * (NaN for an empty input, as PyTorch's mean of nothing, also when it has rows of no classes), else 1.
     */
    final double rowDivisor(Layout l) {
        return reduction().divisor(l.rows == 0 || l.c == 0 ? Double.NaN : l.rows);
    }

    /** Checks that every class index of {@code l} lies in [0, C) (for a loss without an ignore_index). */
    final void checkIndices(Layout l) {
        if (l.index != null) {
            for (int r = 0; r < l.rows; r++) {
                if (l.index[r] < 0 || l.index[r] >= l.c) {
                    throw outOfRange(l.index[r], r, l.c, null);
                }
            }
        }
    }

    /**
     * Checks the class indices of rows {@code [0, rows)} against C and {@code ignore_index}, and returns the weighted
     * mean's denominator: Σ w<sub>y</sub> over the rows not ignored, added in row order (their count without
     * weights).
     *
     * @param w the class weights, or null
     */
    final double targetWeight(long[] index, int rows, int c, long ignoreIndex, float[] w) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            long t = index[r];
            if (t == ignoreIndex) {
                continue;
            }
            if (t < 0 || t >= c) {
                throw outOfRange(t, r, c, ignoreIndex);
            }
            total += w == null ? 1 : w[(int) t];
        }
        return total;
    }

    /** A {@code (C)} class-weight tensor's values, or null; the length must be C. */
    final float[] classWeights(String arg, Tensor w, int c) {
        if (w == null) {
            return null;
        }
        if (w.dim() != 1 || w.numel() != c) {
            throw error(arg + " must have one entry per class (C = " + c + "), got shape " + w.shapeString());
        }
        return w.data();
    }

    /** The error for a class index outside [0, C) that is not the ignore_index (when there is one). */
    final IllegalArgumentException outOfRange(long t, int row, int c, Long ignoreIndex) {
        return error("target " + t + " at index " + row + " is out of range for C = " + c + " classes (valid: 0 to "
                + (c - 1) + (ignoreIndex != null ? ", or ignore_index " + ignoreIndex : "") + ")");
    }

    /** Validates a class-weight tensor given at construction: float, one-dimensional. */
    static Tensor weightParam(String loss, String arg, Tensor w) {
        if (w == null) {
            return null;
        }
        Tensor f = w.toFloat();
        if (f.dim() != 1) {
            throw Check.error(loss, arg + " must be a 1-d tensor of one weight per class, got shape "
                    + f.shapeString());
        }
        return f;
    }
}
