package org.losses4j.nn.data;

import java.util.Arrays;

/**
 * Feature standardisation, z = (x − mean) / std, fitted on one data set (the training part only, so nothing of the
 * test data leaks into the model) and applied to others. The standard deviation is the population one
 * ({@code numpy.std}, ddof 0), as in the Keras examples that standardise Boston housing; a constant column
 * (std 0) is only centred. Means and deviations are computed in double.
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] std;

    private Standardizer(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * Fits the per-feature mean and standard deviation on {@code data}.
     *
     * @param data the training samples, at least one
     * @return the fitted standardiser
     * @throws IllegalArgumentException for an empty data set
     */
    public static Standardizer fit(Dataset data) {
        int f = data.features();
        int n = data.size();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a standardiser on an empty data set");
        }
        float[] x = data.xUnsafe();
        double[] mean = new double[f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                mean[j] += x[i * f + j];
            }
        }
        for (int j = 0; j < f; j++) {
            mean[j] /= n;
        }
        double[] std = new double[f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                double d = x[i * f + j] - mean[j];
                std[j] += d * d;
            }
        }
        for (int j = 0; j < f; j++) {
            std[j] = Math.sqrt(std[j] / n);
        }
        return new Standardizer(mean, std);
    }

    /**
     * Rebuilds a fitted standardiser (from a saved model).
     *
     * @param mean the fitted means
     * @param std the fitted standard deviations (population)
     * @return the standardised copy
     */
    public static Standardizer of(double[] mean, double[] std) {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std must have the same length, got " + mean.length
                    + " and " + std.length);
        }
        return new Standardizer(mean.clone(), std.clone());
    }

    /**
     * The features of {@code data}, standardised (targets unchanged).
     *
     * @param data the samples, with as many features as the data the standardiser was fitted on
     * @return a new data set of standardised features and the same targets (columns of std 0 only centred)
     * @throws IllegalArgumentException if the number of features differs
     */
    public Dataset transform(Dataset data) {
        int f = data.features();
        if (f != mean.length) {
            throw new IllegalArgumentException("the standardiser was fitted on " + mean.length
                    + " features, the data has " + f);
        }
        float[] x = data.x();
        for (int i = 0; i < x.length; i++) {
            int j = i % f;
            double s = std[j] > 0 ? std[j] : 1;
            x[i] = (float) ((x[i] - mean[j]) / s);
        }
        return data.withFeatures(x);
    }

    /**
     * The fitted means.
     *
     * @return the fitted standardiserted means
     */
    public double[] mean() {
        return mean.clone();
    }

    /**
     * The fitted standard deviations (population).
     *
     * @return the fitted standardiserted standard deviations (population)
     */
    public double[] std() {
        return std.clone();
    }

    @Override
    public String toString() {
        return "Standardizer(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}
