package org.losses4j.loss.classification;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.losses4j.kernel.Rows;
import org.losses4j.loss.Check;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/**
 * The losses that first reduce over the last axis (one value per sample, Keras style, or PyTorch's
 * {@code multilabel_soft_margin_loss}), then apply the reduction over the samples: input and target of identical
 * shape with at least one dimension; {@code none} gives shape[:-1]; {@code mean} divides by the number of samples
 * (which, for these per-sample means, equals the mean over all elements); {@code sum}.
 */
abstract class LastAxisLoss extends InputTargetLoss {
    LastAxisLoss(LossDeclaration declaration, Reduction reduction) {
        super(declaration, reduction);
    }

    /** One evaluation's arrays and constants; arrays are null when not wanted. */
    static final class Call {
        float[] x;
        float[] y;
        float[] out;
        float[] gx;
        float[] gy;
        /** The length of the last axis. */
        int k;
        /** The reduction's factor: 1/rows for mean, else 1. */
        double g;
        /** A weight used periodically over the elements (element i: w[i % wPeriod]), or null. */
        float[] w;
        int wPeriod;
        /** Whether the labels are converted from {0, 1} to {−1, 1} (Keras hinge losses). */
        boolean convertLabels;
    }

    /** Per-call preparation from the data (weights, label conversion); does nothing here. */
    void prepare(Call c, Tensor input, Tensor target) {
    }

    /** Rows {@code [r0, r1)}: writes out[r] and the scaled gradients; returns the sum of the row values. */
    abstract double rows(Call c, int r0, int r1);

    @Override
    protected final LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget) {
        Check.sameShape(name(), "input", input, "target", target);
        if (input.dim() == 0) {
            throw error("input must have at least one dimension (the last one is reduced), got a 0-d tensor");
        }
        int[] shape = input.shape();
        int[] rowShape = Arrays.copyOf(shape, shape.length - 1);
        Call c = new Call();
        c.x = input.data();
        c.y = target.data();
        c.k = shape[shape.length - 1];
        int rows = 1;
        for (int s : rowShape) {
            rows *= s;
        }
        prepare(c, input, target);
        Reduction r = reduction();
        c.out = r == Reduction.NONE ? new float[rows] : null;
        c.gx = gradInput ? new float[c.x.length] : null;
        c.gy = gradTarget ? new float[c.y.length] : null;
        double denominator = r.divisor(rows);
        c.g = 1 / denominator;
        double sum = Rows.sum(rows, c.k, (r0, r1) -> rows(c, r0, r1));
        Map<String, Tensor> grads = new LinkedHashMap<>(2);
        if (c.gx != null) {
            grads.put("input", Tensor.wrap(c.gx, shape));
        }
        if (c.gy != null) {
            grads.put("target", Tensor.wrap(c.gy, shape));
        }
        return LossResult.reduce(r, c.out, rowShape, sum, denominator, grads);
    }
}
