package org.losses4j.stats;

import java.util.Arrays;

import org.losses4j.loss.Check;
import org.losses4j.loss.Labelled;

/**
 * Data-driven choices of the Huber threshold δ: "How do I choose delta?" answered from the residuals (or targets)
 * instead of by trial and error.
 *
 * <p>Every rule takes an array of residuals r (not modified), refuses an empty array and non-finite values (NaN,
 * ±∞), and returns a δ ≥ 0.
 * A δ of 0 is possible (more than half of the residuals equal for the MAD rule, more than half within the quartiles
 * for IQR, or 0 at the quantile); callers that feed δ to {@code HuberLoss} must floor it (see
 * {@code AdaptiveHuberLoss}). Quantiles are numpy's default ({@link Quantiles}, method linear).
 *
 * <ul>
 *   <li><b>MAD</b> ({@link #madSigma}, {@link #madDelta}): σ̂ = 1.4826·median(|r − median(r)|), δ = 1.345·σ̂.
 *       1.4826 ≈ 1/Φ<sup>−1</sup>(3/4) makes the MAD a consistent estimate of σ for Gaussian r; 1.345·σ is the
 *       threshold at which the Huber M-estimator of location has 95 % asymptotic efficiency relative to the mean
 *       under Gaussian noise. Assumes: the bulk of r is roughly Gaussian and symmetric, outliers fewer than half
 *       (breakdown point 50 %). References: F. R. Hampel, "The influence curve and its role in robust
 *       estimation", JASA 69, 1974 (the MAD); P. J. Huber, Robust Statistics, Wiley 1981, and Holland &amp;
 *       Welsch, "Robust regression using iteratively reweighted least-squares", 1977 (c = 1.345); statsmodels'
 *       {@code robust.scale.mad} and {@code HuberT(t=1.345)}.</li>
 *   <li><b>IQR</b> ({@link #iqrSigma}, {@link #iqrDelta}): σ̂ = (Q<sub>3</sub> − Q<sub>1</sub>)/1.349, δ = 1.345·σ̂.
 *       1.349 ≈ 2·Φ<sup>−1</sup>(3/4) is the interquartile range of the standard normal. Assumes: Gaussian bulk,
 *       outliers fewer than 25 % on each side (breakdown 25 %); does not need symmetry about the median.
 *       Reference: e.g. D. C. Hoaglin, F. Mosteller, J. W. Tukey, Understanding Robust and Exploratory Data
 *       Analysis, Wiley 1983; scikit-learn's {@code RobustScaler} uses the same IQR.</li>
 *   <li><b>Quantile</b> ({@link #quantileDelta}): δ = the α-quantile of |r|, so that a fraction 1 − α of the
 *       residuals are treated as outliers (linear part) whatever their distribution. Assumes nothing about the
 *       shape, only that about 1 − α of the data are outliers; α = 0.9 is the usual choice. Reference:
 *       J. H. Friedman, "Greedy function approximation: a gradient boosting machine", Annals of Statistics 29(5),
 *       2001, algorithm "M_TreeBoost" (δ re-estimated as the α-quantile of |residuals| at every iteration);
 *       scikit-learn's {@code GradientBoostingRegressor(loss='huber', alpha=0.9)}.</li>
 * </ul>
 *
 * <p>Errors are {@link IllegalArgumentException}s with one line: {@code delta rule mad: values must not be empty},
 * {@code delta rule quantile: alpha must be in (0, 1), got 1.5}.
 */
public final class DeltaRules {
    /** 1/Φ<sup>−1</sup>(3/4) to four decimals, the MAD's consistency factor for the Gaussian. */
    public static final double MAD_TO_SIGMA = 1.4826;
    /** Φ<sup>−1</sup>(3/4) − Φ<sup>−1</sup>(1/4) to three decimals, the standard normal's IQR. */
    public static final double IQR_OF_NORMAL = 1.349;
    /** Huber's tuning constant: 95 % asymptotic efficiency at the Gaussian. */
    public static final double HUBER_95 = 1.345;
    /** The quantile rule's usual α (Friedman 2001, scikit-learn's default). */
    public static final double DEFAULT_ALPHA = 0.9;

    private DeltaRules() {
    }

    /** A rule by name, for configuration and the CLI. */
    public enum Rule implements Labelled {
        /** δ = 1.345 · 1.4826 · MAD. */
        MAD,
        /** δ = 1.345 · IQR / 1.349. */
        IQR,
        /** δ = α-quantile of |r|. */
        QUANTILE;

        /**
         * The rule labelled exactly {@code name} ({@code mad}, {@code iqr}, {@code quantile}).
         *
         * @param name the name
         * @return the rule labelled exactly {@code name}
         * @throws IllegalArgumentException for another name: {@code delta rule: rule must be one of mad, iqr,
         *                                  quantile, got 'sd'}
         */
        public static Rule parse(String name) {
            return Check.choice("delta rule", "rule", name, values());
        }

        /**
         * δ by this rule ({@code alpha} is used by {@link #QUANTILE} only).
         *
         * @param residuals the residuals r (not modified), at least one, all finite
         * @param alpha the quantile rule's α in (0, 1), e.g. {@link DeltaRules#DEFAULT_ALPHA}; ignored by the other
         *              rules
         * @return δ ≥ 0 by this rule
         * @throws IllegalArgumentException for an empty array, a non-finite residual, or (quantile rule) α outside (0,
         *                                  1)
         */
        public double delta(double[] residuals, double alpha) {
            switch (this) {
                case MAD:
                    return madDelta(residuals);
                case IQR:
                    return iqrDelta(residuals);
                default:
                    return quantileDelta(residuals, alpha);
            }
        }
    }

    /**
     * The median (numpy's {@code np.median}).
     *
     * @param values the values (not modified), at least one, all finite
     * @return the median: the middle value, or the mean of the two middle values for an even count
     * @throws IllegalArgumentException for an empty array or a non-finite value
     */
    public static double median(double[] values) {
        return Quantiles.quantileOfSorted(sorted("median", values), 0.5);
    }

    /**
     * The median absolute deviation about the median, median(|r − median(r)|), unscaled.
     *
     * @param values the values (not modified), at least one, all finite
     * @return median(|r − median(r)|) ≥ 0, in the values' unit
     * @throws IllegalArgumentException for an empty array or a non-finite value
     */
    public static double mad(double[] values) {
        double[] s = sorted("mad", values);
        double m = Quantiles.quantileOfSorted(s, 0.5);
        double[] dev = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            dev[i] = Math.abs(s[i] - m);
        }
        Arrays.sort(dev);
        return Quantiles.quantileOfSorted(dev, 0.5);
    }

    /**
     * σ̂ = 1.4826 · MAD.
     *
     * @param values the residuals (not modified), at least one, all finite
     * @return σ̂ = 1.4826 · MAD ≥ 0
     * @throws IllegalArgumentException for an empty array or a non-finite value
     */
    public static double madSigma(double[] values) {
        return MAD_TO_SIGMA * mad(values);
    }

    /**
     * δ = 1.345 · 1.4826 · MAD.
     *
     * @param values the residuals (not modified), at least one, all finite
     * @return δ = 1.345 · 1.4826 · MAD ≥ 0
     * @throws IllegalArgumentException for an empty array or a non-finite value
     */
    public static double madDelta(double[] values) {
        return HUBER_95 * madSigma(values);
    }

    /**
     * The interquartile range Q<sub>3</sub> − Q<sub>1</sub> (numpy linear quantiles).
     *
     * @param values the values (not modified), at least one, all finite
     * @return Q<sub>3</sub> − Q<sub>1</sub> ≥ 0
     * @throws IllegalArgumentException for an empty array or a non-finite value
     */
    public static double iqr(double[] values) {
        double[] s = sorted("iqr", values);
        return Quantiles.quantileOfSorted(s, 0.75) - Quantiles.quantileOfSorted(s, 0.25);
    }

    /**
     * σ̂ = IQR / 1.349.
     *
     * @param values the residuals (not modified), at least one, all finite
     * @return σ̂ = IQR / 1.349 ≥ 0
     * @throws IllegalArgumentException for an empty array or a non-finite value
     */
    public static double iqrSigma(double[] values) {
        return iqr(values) / IQR_OF_NORMAL;
    }

    /**
     * δ = 1.345 · IQR / 1.349.
     *
     * @param values the residuals (not modified), at least one, all finite
     * @return δ = 1.345 · IQR / 1.349 ≥ 0
     * @throws IllegalArgumentException for an empty array or a non-finite value
     */
    public static double iqrDelta(double[] values) {
        return HUBER_95 * iqrSigma(values);
    }

    /**
     * δ = the α-quantile of |r| (numpy linear).
     *
     * @param values the residuals (not modified), at least one, all finite; their signs do not matter
     * @param alpha α in (0, 1): the fraction of the residuals to treat as inliers (0.9 usually)
     * @return δ = the α-quantile of |r|, ≥ 0
     * @throws IllegalArgumentException for an empty array, a non-finite value, or α outside (0, 1)
     */
    public static double quantileDelta(double[] values, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("delta rule quantile: alpha must be in (0, 1), got " + alpha);
        }
        double[] a = new double[values.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.abs(values[i]);
        }
        return Quantiles.quantileOfSorted(sorted("quantile", a), alpha);
    }

    /** A sorted copy, refusing empty input, NaN and infinities with a message naming the rule. */
    private static double[] sorted(String rule, double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("delta rule " + rule + ": values must not be empty");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("delta rule " + rule + ": values must be finite, got "
                        + values[i] + " at index " + i);
            }
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }

    /**
     * The float values as doubles (a convenience for residuals computed in float32).
     *
     * @param values the float32 values
     * @return a new array of the same values, widened to double
     */
    public static double[] toDoubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
