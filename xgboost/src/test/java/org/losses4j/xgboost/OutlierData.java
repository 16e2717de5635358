package org.losses4j.xgboost;

import java.util.SplittableRandom;

/**
 * A regression data set with gross outliers in the labels, generated from a seed (the same rows on every JVM:
 * {@link SplittableRandom}'s {@code nextDouble} and a Box–Muller transform written out here).
 *
 * <p>Five features uniform in [−1, 1]; the clean label is f(x) = 3·sin(π·x₀) + 2·x₁² + x₂·x₃ − x₄ plus Gaussian
 * noise of standard deviation 0.5; a fraction {@code outliers} of the rows, drawn independently, get a gross error
 * of +20 to +60 added to their label (one-sided, as data-entry or unit errors are, so that the mean of the labels
 * moves and the median does not).
 *
 * @param x      row-major features, rows × {@link #FEATURES}
 * @param y      the labels, outliers included
 * @param clean  f(x) + noise without the gross errors
 * @param rows   the number of rows
 */
record OutlierData(float[] x, float[] y, float[] clean, int rows) {
    static final int FEATURES = 5;

    static OutlierData generate(int rows, double outliers, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[rows * FEATURES];
        float[] y = new float[rows];
        float[] clean = new float[rows];
        for (int r = 0; r < rows; r++) {
            double[] v = new double[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                v[j] = 2 * rnd.nextDouble() - 1;
                x[r * FEATURES + j] = (float) v[j];
            }
            double f = 3 * Math.sin(Math.PI * v[0]) + 2 * v[1] * v[1] + v[2] * v[3] - v[4];
            // Box–Muller, one normal per pair of uniforms; 1 − u keeps the logarithm finite.
            double noise = 0.5 * Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
            clean[r] = (float) (f + noise);
            boolean gross = rnd.nextDouble() < outliers;
            double error = 20 + 40 * rnd.nextDouble();
            y[r] = gross ? (float) (f + noise + error) : clean[r];
        }
        return new OutlierData(x, y, clean, rows);
    }
}
