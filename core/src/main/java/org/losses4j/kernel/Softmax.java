package org.losses4j.kernel;

/**
 * Row primitives of the softmax losses: the maximum and the shifted exponential sum of a row of C values at a
 * stride, in double (the max-shifted log-sum-exp of spec §6.1: LSE = m + log Σ e^(x − m), never overflowing).
 */
public final class Softmax {
    private Softmax() {
    }

    /**
     * max of x[base + k·stride], k in [0, c); −∞ for an empty row.
     *
     * @param x the x
     * @param base the base
     * @param stride the stride
     * @param c the c
     * @return max of x[base + k·stride], k in [0, c)
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
     * @param x the x
     * @param base the base
     * @param stride the stride
     * @param c the c
     * @param m the m
     * @param store the store
     * @return σ e^(x − m) over the row
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
     * @param z the z
     * @param c the c
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
     * @param z the z
     * @param c the c
     * @param m the m
     * @return log Σ e^(z − m) over {@code z[0, c)} for the row maximum m
     */
    public static double logSumExpShifted(double[] z, int c, double m) {
        double sum = 0;
        for (int k = 0; k < c; k++) {
            sum += Math.exp(z[k] - m);
        }
        return Math.log(sum);
    }
}
