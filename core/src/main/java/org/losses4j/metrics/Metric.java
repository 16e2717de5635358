package org.losses4j.metrics;

/**
 * A streaming metric with Keras's semantics: {@link #update} adds a batch, {@link #result} gives the value over
 * every sample added since the last {@link #reset}. Totals are accumulated in double.
 *
 * <p>Predictions and targets are row-major: {@code samples} rows of {@code width} values each (an (N, width)
 * tensor). As Keras's {@code MeanMetricWrapper}, a metric first reduces each sample to the mean over its
 * {@code width} values, then averages the per-sample values over all samples seen (so an epoch's MAE is the mean
 * absolute error over every training sample, not the mean of per-batch values).
 *
 * <p>Instances are mutable and not thread-safe; {@link #fresh()} gives a new, empty metric of the same kind.
 */
public interface Metric {
    /**
     * The name used in histories and reports ({@code mae}, {@code mean_absolute_error}, ...).
     *
     * @return the name used in histories and reports ({@code mae}, {@code mean_absolute_error}, ...)
     */
    String name();

    /** Forgets every sample. */
    void reset();

    /**
     * Adds {@code samples} rows of {@code width} values, from the start of the arrays.
     *
     * @param prediction the predictions, {@code samples × width} in row-major order from index 0
     * @param target the targets, in the same layout
     * @param samples the number of samples (rows), ≥ 0; each counts once in the mean, its error averaged over its
     *                values
     * @param width the number of values per row
     * @throws IllegalArgumentException if an array holds fewer than {@code samples · width} values
     */
    void update(float[] prediction, float[] target, int samples, int width);

    /**
     * The value over every sample added since the last reset; 0 when none was (Keras's divide-no-NaN).
     *
     * @return the value over every sample added since the last reset; 0 when none was (Keras's divide-no-NaN)
     */
    double result();

    /**
     * A new, empty metric of the same kind and name.
     *
     * @return a new metric with no samples; this one is not changed
     */
    Metric fresh();
}
