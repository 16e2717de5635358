package org.losses4j.metrics;

/**
 * Mean squared error, Keras's {@code MeanSquaredError} metric: the mean of (prediction − target)² over every sample
 * seen (each sample first averaged over its values).
 */
public final class MeanSquaredError extends MeanMetric {
    /** Named {@code mse}. */
    public MeanSquaredError() {
        this("mse");
    }

    /**
     * With the given history name.
     *
     * @param name the name under which a history records the metric, its validation form prefixed {@code val_}
     */
    public MeanSquaredError(String name) {
        super(name);
    }

    @Override
    protected double error(float prediction, float target) {
        return squaredError(prediction, target);
    }

    /** (prediction − target)², in double (shared with {@link RootMeanSquaredError}). */
    static double squaredError(float prediction, float target) {
        double d = (double) prediction - target;
        return d * d;
    }

    @Override
    public Metric fresh() {
        return new MeanSquaredError(name());
    }
}
