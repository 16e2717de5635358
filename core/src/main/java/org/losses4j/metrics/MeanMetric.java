package org.losses4j.metrics;

/**
 * The mechanism shared by the metrics that average a per-sample value: Σ per-sample values and the count of
 * samples, both in double; {@link #result()} is their quotient (0 for no sample), transformed by
 * {@link #finish(double)}.
 */
public abstract class MeanMetric implements Metric {
    private final String name;
    private double total;
    private double count;

    /**
     * A metric that averages a per-element value.
     *
     * @param name the metric's name ({@code mae}, {@code mse}, ...)
     */
    protected MeanMetric(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void reset() {
        total = 0;
        count = 0;
    }

    /**
     * The per-element error, summed over a sample's values.
     *
     * @param prediction one predicted value
     * @param target the matching target value
     * @return the element's error: |p − t| for MAE, (p − t)² for MSE and RMSE
     */
    protected abstract double error(float prediction, float target);

    /**
     * Turns the mean of the per-sample values into the result (identity; RMSE takes the square root).
     *
     * @param mean the mean to record
     * @return the metric's value: the mean itself, or its square root for RMSE
     */
    protected double finish(double mean) {
        return mean;
    }

    @Override
    public final void update(float[] prediction, float[] target, int samples, int width) {
        if (samples < 0 || width <= 0) {
            throw new IllegalArgumentException(name + ": samples must be >= 0 and width > 0, got " + samples + " and "
                    + width);
        }
        long n = (long) samples * width;
        if (prediction.length < n || target.length < n) {
            throw new IllegalArgumentException(name + ": " + samples + " samples of width " + width + " need " + n
                    + " values, got " + prediction.length + " predictions and " + target.length + " targets");
        }
        double sum = 0;
        for (int s = 0, k = 0; s < samples; s++) {
            double row = 0;
            for (int j = 0; j < width; j++, k++) {
                row += error(prediction[k], target[k]);
            }
            sum += width == 1 ? row : row / width;
        }
        total += sum;
        count += samples;
    }

    @Override
    public final double result() {
        return count == 0 ? 0 : finish(total / count);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(name=" + name + ")";
    }
}
