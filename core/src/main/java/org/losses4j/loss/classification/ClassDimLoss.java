package org.losses4j.loss.classification;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.losses4j.kernel.CrossEntropyRows;
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
     * The result of a class-dimension loss: the per-row values {@code out} (shape {@code l.rowShape}) when the
     * reduction is {@code none}, else {@code sum / denominator}; the input gradient {@code gx} when it was wanted.
     */
    static LossResult result(Layout l, Tensor input, float[] out, float[] gx, double sum, double denominator) {
        Map<String, Tensor> grads = new LinkedHashMap<>(1);
        if (gx != null) {
            grads.put("input", Tensor.wrap(gx, input.shape()));
        }
        if (out != null) {
            return LossResult.elementwise(Tensor.wrap(out, l.rowShape), grads);
        }
        return LossResult.scalar(sum / denominator, grads);
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
