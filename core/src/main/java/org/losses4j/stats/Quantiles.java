package org.losses4j.stats;

import java.util.Arrays;

/**
 * Quantiles by numpy's default method, {@code np.percentile(a, q)} / {@code np.quantile(a, q)} with
 * {@code method='linear'} (Hyndman &amp; Fan type 7, R's default).
 *
 * <p>For sorted values s of length n and a probability q in [0, 1], let h = q·(n − 1), lo = ⌊h⌋ and t = h − lo. The
 * quantile lies between s[lo] and s[lo + 1]; it is computed exactly as numpy 1.24 does (its {@code _lerp}):
 * {@code s[lo] + (s[lo+1] − s[lo])·t} when t &lt; 0.5, and {@code s[lo+1] − (s[lo+1] − s[lo])·(1 − t)} otherwise, so
 * that the results agree with numpy to the last bit.
 *
 * <p>NaN values are not allowed (numpy propagates them; we refuse them with a message naming the index).
 */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * The q-quantile of {@code values} (not modified).
     *
     * @param values the values (not modified), at least one, none NaN; any order
     * @param q the probability, in [0, 1] (0.5 for the median)
     * @return the q-quantile of {@code values} (not modified)
     * @throws IllegalArgumentException for an empty array, a NaN value or q outside [0, 1]
     */
    public static double quantile(double[] values, double q) {
        return quantileOfSorted(sortedCopy(values), q);
    }

    /**
     * Several quantiles of {@code values}, sorting once.
     *
     * @param values the values (not modified), at least one, none NaN; any order
     * @param qs the probabilities, each in [0, 1]
     * @return the quantiles, in the order of {@code qs}
     * @throws IllegalArgumentException for an empty array, a NaN value or a q outside [0, 1]
     */
    public static double[] quantiles(double[] values, double... qs) {
        double[] s = sortedCopy(values);
        double[] out = new double[qs.length];
        for (int i = 0; i < qs.length; i++) {
            out[i] = quantileOfSorted(s, qs[i]);
        }
        return out;
    }

    /**
     * The q-quantile of values already sorted in ascending order.
     *
     * @param sorted the values, sorted ascending
     * @param q the probability, in [0, 1]
     * @return the q-quantile of values already sorted in ascending order
     */
    public static double quantileOfSorted(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("quantile: values must not be empty");
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile: q must be in [0, 1], got " + q);
        }
        int n = sorted.length;
        double h = q * (n - 1);
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        double t = h - lo;
        double a = sorted[lo];
        double b = sorted[lo + 1];
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /** A sorted copy; NaN is refused. */
    static double[] sortedCopy(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException("quantile: values must not be NaN, got NaN at index " + i);
            }
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }
}
