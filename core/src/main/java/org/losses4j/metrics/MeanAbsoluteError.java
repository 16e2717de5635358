package org.losses4j.metrics;

/**
 * Mean absolute error, Keras's {@code MeanAbsoluteError} metric: the mean of |prediction − target| over every
 * sample seen (each sample first averaged over its values). Same value as PyTorch's {@code l1_loss} with reduction
 * mean over all the data at once.
 */
public final class MeanAbsoluteError extends MeanMetric {
    /** Named {@code mae}. */
    public MeanAbsoluteError() {
        this("mae");
    }

    /**
     * With the given history name ({@code mean_absolute_error}, say).
     *
     * @param name the name under which a history records the metric, its validation form prefixed {@code val_}
     */
    public MeanAbsoluteError(String name) {
        super(name);
    }

    @Override
    protected double error(float prediction, float target) {
        return Math.abs((double) prediction - target);
    }

    @Override
    public Metric fresh() {
        return new MeanAbsoluteError(name());
    }
}
