package org.losses4j.stats;

/**
 * Tukey's box-plot rule for outliers: with the quartiles Q1 and Q3 (numpy's linear method, {@link Quantiles}) and
 * IQR = Q3 − Q1, the fences are Q1 − k·IQR and Q3 + k·IQR (k = 1.5 by default, matplotlib's {@code whis}); a value is
 * a low outlier when it is strictly below the lower fence and a high outlier when strictly above the upper one.
 * The whiskers of a box plot reach the most extreme values still inside the fences.
 *
 * <p>Reference: J. W. Tukey, <i>Exploratory Data Analysis</i>, Addison-Wesley, 1977; matplotlib
 * {@code cbook.boxplot_stats}.
 *
 * @param n            number of values
 * @param min          smallest value
 * @param q1           first quartile
 * @param median the median (second quartile)
 * @param q3           third quartile
 * @param max          largest value
 * @param k            the fence multiplier
 * @param lowerFence   Q1 − k·IQR
 * @param upperFence   Q3 + k·IQR
 * @param lowerWhisker smallest value ≥ the lower fence
 * @param upperWhisker largest value ≤ the upper fence
 * @param low          number of values &lt; the lower fence
 * @param high         number of values &gt; the upper fence
 */
public record TukeyFences(int n, double min, double q1, double median, double q3, double max, double k,
        double lowerFence, double upperFence, double lowerWhisker, double upperWhisker, int low, int high) {

    /** Tukey's multiplier, 1.5. */
    public static final double DEFAULT_K = 1.5;

    /**
     * The fences with k = 1.5.
     *
     * @param values the values (not modified), at least one, none NaN
     * @return the box-plot statistics with k = 1.5
     * @throws IllegalArgumentException for empty input or a NaN value
     */
    public static TukeyFences of(double[] values) {
        return of(values, DEFAULT_K);
    }

    /**
     * The fences with multiplier k.
     *
     * @param values the values (not modified), at least one, none NaN
     * @param k the fence multiplier, finite and ≥ 0 (1.5 for Tukey's outliers, 3 for "far out" values)
     * @return the box-plot statistics with multiplier k
     * @throws IllegalArgumentException for empty input, a NaN value, or k &lt; 0 or infinite
     */
    public static TukeyFences of(double[] values, double k) {
        if (!(k >= 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("tukey fences: k must be a finite number >= 0, got " + k);
        }
        double[] s = Quantiles.sortedCopy(values);
        if (s.length == 0) {
            throw new IllegalArgumentException("tukey fences: values must not be empty");
        }
        double q1 = Quantiles.quantileOfSorted(s, 0.25);
        double med = Quantiles.quantileOfSorted(s, 0.5);
        double q3 = Quantiles.quantileOfSorted(s, 0.75);
        double iqr = q3 - q1;
        double lo = q1 - k * iqr;
        double hi = q3 + k * iqr;
        int low = 0;
        int high = 0;
        double lw = Double.NaN;
        double uw = Double.NaN;
        for (double v : s) {
            if (v < lo) {
                low++;
            } else if (v > hi) {
                high++;
            } else {
                if (Double.isNaN(lw)) {
                    lw = v;
                }
                uw = v;
            }
        }
        return new TukeyFences(s.length, s[0], q1, med, q3, s[s.length - 1], k, lo, hi, lw, uw, low, high);
    }

    /**
     * The interquartile range Q3 − Q1.
     *
     * @return the interquartile range Q3 − Q1
     */
    public double iqr() {
        return q3 - q1;
    }

    /**
     * Low plus high outliers.
     *
     * @return the number of values outside the fences, {@code low + high}
     */
    public int outliers() {
        return low + high;
    }

    /**
     * Whether {@code v} lies strictly outside the fences.
     *
     * @param v any value, of the data or not
     * @return true if v &lt; the lower fence or v &gt; the upper fence (false for NaN)
     */
    public boolean isOutlier(double v) {
        return v < lowerFence || v > upperFence;
    }
}
