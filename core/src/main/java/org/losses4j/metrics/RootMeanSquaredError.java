package org.losses4j.metrics;

/**
 * Root mean squared error, Keras's {@code RootMeanSquaredError} metric: the square root of the mean squared error
 * over every sample seen. Streaming, as Keras: the squared errors and the count are accumulated across batches and
 * the root is taken at {@link #result()}; it is <em>not</em> the mean of per-batch RMSEs.
 */
public final class RootMeanSquaredError extends MeanMetric {
    /** Named {@code rmse}. */
    public RootMeanSquaredError() {
        this("rmse");
    }

    /**
     * With the given history name.
     *
     * @param name the name under which a history records the metric, its validation form prefixed {@code val_}
     */
    public RootMeanSquaredError(String name) {
        super(name);
    }

    @Override
    protected double error(float prediction, float target) {
        return MeanSquaredError.squaredError(prediction, target);
    }

    @Override
    protected double finish(double mean) {
        return Math.sqrt(mean);
    }

    @Override
    public Metric fresh() {
        return new RootMeanSquaredError(name());
    }
}
