package org.losses4j.kernel;

/**
 * The numerically stable pieces of the logistic losses, in double: never {@code log(sigmoid(x))} or
 * {@code log(1 + exp(x))} evaluated naively.
 */
public final class Logistic {
    private Logistic() {
    }

    /**
     * log(1 + e) for e in [0, 1], accurate to double precision (a Taylor series below 1e-5, where 1 + e rounds).
     *
     * @param e the argument, in [0, 1] (the series is only used below 1e-5; NaN gives NaN)
     * @return log(1 + e), within an ulp or so of {@link Math#log1p}
     */
    public static double log1pSmall(double e) {
        return e < 1e-5 ? e * (1 - e * (0.5 - e / 3)) : Math.log(1 + e);
    }

    /**
     * softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^−|z|); finite for every finite z.
     *
     * @param z the argument, any double
     * @return softplus(z), ≥ 0; z itself for large z, +∞ only for z = +∞, NaN for NaN
     */
    public static double softplus(double z) {
        return Math.max(z, 0) + log1pSmall(Math.exp(-Math.abs(z)));
    }

    /**
     * log σ(z) = min(z, 0) − log1p(e^−|z|).
     *
     * @param z the argument, any double
     * @return log σ(z), ≤ 0; z itself for very negative z, −∞ only for z = −∞, NaN for NaN
     */
    public static double logSigmoid(double z) {
        return Math.min(z, 0) - log1pSmall(Math.exp(-Math.abs(z)));
    }

    /**
     * σ(z) = 1/(1 + e^−z), without overflow for large |z|.
     *
     * @param z the argument, any double
     * @return σ(z) in [0, 1]; NaN for NaN
     */
    public static double sigmoid(double z) {
        double e = Math.exp(-Math.abs(z));
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }
}
