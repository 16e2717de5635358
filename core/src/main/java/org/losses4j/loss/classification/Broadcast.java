package org.losses4j.loss.classification;

import org.losses4j.loss.Check;
import org.losses4j.tensor.Shapes;
import org.losses4j.tensor.Tensor;

/**
 * A parameter tensor ({@code weight}, {@code pos_weight}) broadcast against the shape of the data, in PyTorch's
 * right-aligned way, as a periodic array: element {@code i} of the data uses {@code data[i % period]}.
 *
 * <p>A parameter whose shape, leading 1s removed, equals the trailing dimensions of the data (a scalar, a {@code (C)}
 * vector against {@code (N, C)}, a full-shape tensor) is used as it is; any other broadcastable shape (a column
 * {@code (N, 1)}, say) is expanded once per call into a full-size array. A parameter that would make the result
 * larger than the data is rejected (PyTorch fails there too, with "output with shape ... doesn't match the broadcast
 * shape").
 */
final class Broadcast {
    final float[] data;
    final int period;

    private Broadcast(float[] data, int period) {
        this.data = data;
        this.period = Math.max(1, period);
    }

    /** Validates a parameter tensor's shape at construction (any shape is fine there; only its dtype matters). */
    static Tensor param(Tensor t) {
        return t == null ? null : t.toFloat();
    }

    /**
     * {@code param} broadcast to {@code shape}, or {@code null} when {@code param} is null.
     *
     * @throws IllegalArgumentException naming the loss, the argument and both shapes when they do not broadcast
     */
    static Broadcast to(String loss, String arg, Tensor param, int[] shape) {
        if (param == null) {
            return null;
        }
        int[] p = param.shape();
        int nd = shape.length;
        int lead = 0;                      // leading dimensions of the parameter beyond the data's: must be 1
        while (p.length - lead > nd && p[lead] == 1) {
            lead++;
        }
        int k = p.length - lead;           // aligned dimensions of the parameter
        boolean ok = k <= nd;
        for (int d = 0; ok && d < k; d++) {
            int ps = p[lead + d];
            ok = ps == 1 || ps == shape[nd - k + d];
        }
        if (!ok) {
            throw Check.error(loss, arg + " shape " + param.shapeString() + " cannot be broadcast to the input shape "
                    + Shapes.toString(shape));
        }
        int first = lead;                  // the parameter without its leading 1s ...
        while (first < p.length && p[first] == 1) {
            first++;
        }
        boolean suffix = true;             // ... equals the trailing dimensions of the data: use it periodically
        for (int d = first; d < p.length; d++) {
            if (p[d] != shape[nd - (p.length - d)]) {
                suffix = false;
                break;
            }
        }
        float[] w = param.data();
        if (suffix) {
            return new Broadcast(w, w.length);
        }
        int n = Shapes.numel(shape);
        float[] full = new float[n];
        // strides of the parameter aligned to the data's dimensions (0 where it broadcasts)
        int[] stride = new int[nd];
        int s = 1;
        for (int d = k - 1; d >= 0; d--) {
            int ps = p[lead + d];
            stride[nd - k + d] = ps == 1 ? 0 : s;
            s *= ps;
        }
        int[] idx = new int[nd];
        int off = 0;
        for (int i = 0; i < n; i++) {
            full[i] = w[off];
            for (int d = nd - 1; d >= 0; d--) {
                idx[d]++;
                off += stride[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                off -= stride[d] * idx[d];
                idx[d] = 0;
            }
        }
        return new Broadcast(full, n);
    }
}
