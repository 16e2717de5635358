package org.losses4j.kernel;

/**
 * Row primitives of the softmax losses: the maximum and the shifted exponential sum of a row of C values at a
 * stride, in double (the max-shifted log-sum-exp: LSE = m + log Σ e^(x − m), never overflowing).
 */
public final class Softmax {
    private Softmax() {
    }

    /**
     * max of x[base + k·stride], k in [0, c); −∞ for an empty row.
     *
     * @param x the values (logits) holding the row
     * @param base the index of the row's first element (k = 0)
     * @param stride the distance between two consecutive elements of the row (1 for a contiguous row)
     * @param c the length of the row, C ≥ 0
     * @return the row's maximum, widened to double; −∞ for an empty row, NaN if one is NaN
     */
    public static double max(float[] x, int base, int stride, int c) {
        float m = Float.NEGATIVE_INFINITY;
        for (int k = 0, j = base; k < c; k++, j += stride) {
            m = Math.max(m, x[j]);
        }
        return m;
    }

    /**
     * Σ e^(x − m) over the row; when {@code store} is not null each e^(x − m) is also written to it at the same
     * positions (the gradient array, turned into the gradient by a second pass).
     *
     * @param x the values (logits) holding the row
     * @param base the index of the row's first element (k = 0)
     * @param stride the distance between two consecutive elements of the row (1 for a contiguous row)
     * @param c the length of the row, C ≥ 0
     * @param m the shift, normally the row's maximum (from {@link #max(float[], int, int, int)}), so that every
     *          exponent is ≤ 0 and the sum lies in [1, C]
     * @param store receives each e^(x − m) as float at its element's own index, or null
     * @return Σ e^(x − m) over the row, in double (0 for an empty row, NaN if an element or m is NaN)
     */
    public static double sumExp(float[] x, int base, int stride, int c, double m, float[] store) {
        double s = 0;
        if (store == null) {
            for (int k = 0, j = base; k < c; k++, j += stride) {
                s += Math.exp(x[j] - m);
            }
        } else {
            for (int k = 0, j = base; k < c; k++, j += stride) {
                double e = Math.exp(x[j] - m);
                s += e;
                store[j] = (float) e;
            }
        }
        return s;
    }

    /**
     * The largest of {@code z[0, c)} (−∞ for an empty row, NaN if one is NaN).
     *
     * @param z the row, a scratch array of at least c values
     * @param c the length of the row, C ≥ 0
     * @return the largest of {@code z[0, c)} (−∞ for an empty row, NaN if one is NaN)
     */
    public static double max(double[] z, int c) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) {
            max = Math.max(max, z[k]);
        }
        return max;
    }

    /**
     * log Σ e^(z − m) over {@code z[0, c)} for the row maximum m: log p_k = (z_k − m) − this. Kept apart from m
     * (rather than m + log Σ e^(z − m)) so that log p keeps its bits when the logits are far from 0.
     *
     * @param z the row, a scratch array of at least c values
     * @param c the length of the row, C ≥ 1
     * @param m the row's maximum (from {@link #max(double[], int)})
     * @return log Σ e^(z − m) over {@code z[0, c)}, in [0, log C] for a finite row
     */
    public static double logSumExpShifted(double[] z, int c, double m) {
        double sum = 0;
        for (int k = 0; k < c; k++) {
            sum += Math.exp(z[k] - m);
        }
        return Math.log(sum);
    }
}
