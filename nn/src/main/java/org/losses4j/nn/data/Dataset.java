package org.losses4j.nn.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A numeric data set held in memory: n samples of features (an (n, features) float32 matrix, row-major) and targets
 * (an (n, targets) matrix), with the column names. Immutable: the arrays are copied in and copied out (but for
 * {@link #wrap}, which takes them over).
 */
public final class Dataset {
    private final float[] x;
    private final float[] y;
    private final int n;
    private final List<String> featureNames;
    private final List<String> targetNames;

    private Dataset(float[] x, float[] y, int n, List<String> featureNames, List<String> targetNames) {
        this.x = x;
        this.y = y;
        this.n = n;
        this.featureNames = List.copyOf(featureNames);
        this.targetNames = List.copyOf(targetNames);
    }

    /**
     * A data set from row-major arrays (copied).
     *
     * @param x            n · features values
     * @param y            n · targets values
     * @param featureNames one name per feature column
     * @param targetNames  one name per target column
     * @return a data set from row-major arrays (copied)
     * @throws IllegalArgumentException when the sizes do not agree, there is no feature or target column, or a
     *                                  value is not finite (named by row and column)
     */
    public static Dataset of(float[] x, float[] y, List<String> featureNames, List<String> targetNames) {
        Dataset d = wrap(x, y, featureNames, targetNames);
        return new Dataset(x.clone(), y.clone(), d.n, featureNames, targetNames);
    }

    /**
     * A data set that takes over {@code x} and {@code y} instead of copying them, for data too big to hold twice
     * (a file read straight into these arrays). The caller hands the arrays over: changing them afterwards changes
     * the data set.
     *
     * @param x            n · features values, row-major
     * @param y            n · targets values, row-major
     * @param featureNames one name per feature column
     * @param targetNames  one name per target column
     * @return a data set on {@code x} and {@code y} themselves
     * @throws IllegalArgumentException as {@link #of(float[], float[], List, List)}
     */
    public static Dataset wrap(float[] x, float[] y, List<String> featureNames, List<String> targetNames) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        int f = featureNames.size();
        int t = targetNames.size();
        if (f == 0 || t == 0) {
            throw new IllegalArgumentException("a data set needs at least one feature and one target column, got "
                    + f + " and " + t);
        }
        if (x.length % f != 0 || y.length % t != 0 || x.length / f != y.length / t) {
            throw new IllegalArgumentException("x has " + x.length + " values for " + f + " features and y has "
                    + y.length + " values for " + t + " targets: the numbers of samples differ");
        }
        int n = x.length / f;
        checkFinite(x, f, featureNames);
        checkFinite(y, t, targetNames);
        return new Dataset(x, y, n, featureNames, targetNames);
    }

    /**
     * A data set with one target column, from rows of doubles (rounded to float32).
     *
     * @param x the features, one row per sample, each of {@code featureNames.size()} values, all finite
     * @param y the target of each sample, as many as rows, all finite
     * @param featureNames feature column names
     * @param targetName the name of the single target column
     * @return the data set: {@code x.length} samples of {@code featureNames.size()} features and one target
     * @throws IllegalArgumentException if the rows, the targets and the names do not agree in length
     */
    public static Dataset of(double[][] x, double[] y, List<String> featureNames, String targetName) {
        int f = featureNames.size();
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows but y has " + y.length);
        }
        float[] fx = new float[x.length * f];
        float[] fy = new float[y.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != f) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, expected " + f);
            }
            for (int j = 0; j < f; j++) {
                fx[i * f + j] = (float) x[i][j];
            }
            fy[i] = (float) y[i];
        }
        return of(fx, fy, featureNames, List.of(targetName));
    }

    private static void checkFinite(float[] v, int width, List<String> names) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("value " + v[i] + " in row " + (i / width) + ", column "
                        + names.get(i % width) + " is not finite");
            }
        }
    }

    /**
     * Number of samples.
     *
     * @return number of samples
     */
    public int size() {
        return n;
    }

    /**
     * Number of feature columns.
     *
     * @return number of feature columns
     */
    public int features() {
        return featureNames.size();
    }

    /**
     * Number of target columns.
     *
     * @return number of target columns
     */
    public int targets() {
        return targetNames.size();
    }

    /**
     * Feature column names.
     *
     * @return the feature column names, in column order
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * Target column names.
     *
     * @return the target column names
     */
    public List<String> targetNames() {
        return targetNames;
    }

    /**
     * A copy of the features, row-major (n · features).
     *
     * @return a copy of the features, row-major (n · features)
     */
    public float[] x() {
        return x.clone();
    }

    /**
     * A copy of the targets, row-major (n · targets).
     *
     * @return a copy of the targets, row-major (n · targets)
     */
    public float[] y() {
        return y.clone();
    }

    /**
     * The features of sample i, as a copy.
     *
     * @param i the sample, in [0, size)
     * @return the features of sample i, as a copy
     */
    public float[] row(int i) {
        Objects.checkIndex(i, n);
        return Arrays.copyOfRange(x, i * features(), (i + 1) * features());
    }

    /**
     * Target column j of every sample, as doubles.
     *
     * @param j the target column, in [0, targets)
     * @return target column j of every sample, as doubles
     */
    public double[] targetColumn(int j) {
        Objects.checkIndex(j, targets());
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = y[i * targets() + j];
        }
        return out;
    }

    /**
     * The shape of the features, {@code [n, features]}.
     *
     * @return the shape of the features, {@code [n, features]}
     */
    public int[] shape() {
        return new int[] {n, features()};
    }

    /**
     * Samples {@code [from, to)} in order.
     *
     * @param from the first sample, inclusive
     * @param to the end sample, exclusive
     * @return a new dataset holding copies of those samples, with the same feature and target names
     * @throws IndexOutOfBoundsException unless 0 ≤ from ≤ to ≤ size
     */
    public Dataset slice(int from, int to) {
        Objects.checkFromToIndex(from, to, n);
        int f = features();
        int t = targets();
        return new Dataset(Arrays.copyOfRange(x, from * f, to * f), Arrays.copyOfRange(y, from * t, to * t),
                to - from, featureNames, targetNames);
    }

    /**
     * The samples at {@code indices}, in that order ({@code x[indices]} in numpy).
     *
     * @param indices the rows to take, in order
     * @return a new dataset holding copies of those samples, with the same feature and target names
     * @throws IndexOutOfBoundsException for an index outside [0, size)
     */
    public Dataset select(int[] indices) {
        int f = features();
        int t = targets();
        float[] nx = new float[indices.length * f];
        float[] ny = new float[indices.length * t];
        for (int k = 0; k < indices.length; k++) {
            int i = Objects.checkIndex(indices[k], n);
            System.arraycopy(x, i * f, nx, k * f, f);
            System.arraycopy(y, i * t, ny, k * t, t);
        }
        return new Dataset(nx, ny, indices.length, featureNames, targetNames);
    }

    /** The same targets with new features (same number of samples and columns), for transformations. */
    Dataset withFeatures(float[] newX) {
        if (newX.length != x.length) {
            throw new IllegalArgumentException("features must keep their size " + x.length + ", got " + newX.length);
        }
        return new Dataset(newX, y, n, featureNames, targetNames);
    }

    /** Direct access for the training loop of this module (no copy). */
    float[] xUnsafe() {
        return x;
    }

    @Override
    public String toString() {
        return "Dataset(samples=" + n + ", features=" + featureNames + ", targets=" + targetNames + ")";
    }
}
