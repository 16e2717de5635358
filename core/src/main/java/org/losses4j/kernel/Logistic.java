package org.losses4j.kernel;

/**
 * The numerically stable pieces of the logistic losses, in double (spec §6.1): never {@code log(sigmoid(x))} or
 * {@code log(1 + exp(x))} evaluated naively.
 */
public final class Logistic {
    private Logistic() {
    }

    /**
     * log(1 + e) for e in [0, 1], accurate to double precision (a Taylor series below 1e-5, where 1 + e rounds).
     *
     * @param e the e
     * @return log(1 + e) for e in [0, 1], accurate to double precision (a Taylor series below 1e-5, where 1 + e rounds)
     */
    public static double log1pSmall(double e) {
        return e < 1e-5 ? e * (1 - e * (0.5 - e / 3)) : Math.log(1 + e);
    }

    /**
     * softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^−|z|); finite for every finite z.
     *
     * @param z the z
     * @return softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^−|z|)
     */
    public static double softplus(double z) {
        return Math.max(z, 0) + log1pSmall(Math.exp(-Math.abs(z)));
    }

    /**
     * log σ(z) = min(z, 0) − log1p(e^−|z|).
     *
     * @param z the z
     * @return log σ(z) = min(z, 0) − log1p(e^−|z|)
     */
    public static double logSigmoid(double z) {
        return Math.min(z, 0) - log1pSmall(Math.exp(-Math.abs(z)));
    }

    /**
     * σ(z) = 1/(1 + e^−z), without overflow for large |z|.
     *
     * @param z the z
     * @return σ(z) = 1/(1 + e^−z), without overflow for large |z|
     */
    public static double sigmoid(double z) {
        double e = Math.exp(-Math.abs(z));
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }
}
