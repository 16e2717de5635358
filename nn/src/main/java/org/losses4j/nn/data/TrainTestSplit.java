package org.losses4j.nn.data;

import java.util.Arrays;

/**
 * A data set split into a training and a test part, and the row order that produced it.
 *
 * @param train       the first rows of the permuted data
 * @param test        the remaining rows
 * @param permutation the shuffled row indices of the original data: {@code train} is rows
 *                    {@code permutation[0..train.size())}, {@code test} the rest
 */
public record TrainTestSplit(Dataset train, Dataset test, int[] permutation) {

    /**
     * Shuffles and splits as {@code keras.datasets.*.load_data(test_split, seed)} do: a permutation by numpy's
     * {@code RandomState(seed).shuffle(np.arange(n))}, then the first {@code int(n·(1 − testSplit))} permuted rows
     * train and the rest test.
     *
     * @param data the samples to split (not modified)
     * @param testSplit the fraction of the samples held out for the test
     * @param seed the seed of numpy's legacy generator (Keras: 113)
     * @return the training and test parts and the permutation
     * @throws IllegalArgumentException when testSplit is outside [0, 1) (Keras's rule) or the seed outside
     *                                  [0, 2<sup>32</sup> − 1]
     */
    public static TrainTestSplit keras(Dataset data, double testSplit, long seed) {
        int n = data.size();
        int k = trainSize(n, testSplit);
        int[] perm = permutation(n, seed);
        // each part straight from the data: no shuffled copy of the whole beside the parts
        return new TrainTestSplit(data.select(Arrays.copyOfRange(perm, 0, k)),
                data.select(Arrays.copyOfRange(perm, k, n)), perm);
    }

    /**
     * The number of training rows {@link #keras} keeps of {@code n}: {@code int(n·(1 − testSplit))}.
     *
     * @param n the number of samples, ≥ 0
     * @param testSplit the fraction of the samples held out for the test
     * @return the number of training rows {@link #keras} keeps of {@code n}: {@code int(n·(1 − testSplit))}
     * @throws IllegalArgumentException when testSplit is outside [0, 1)
     */
    public static int trainSize(int n, double testSplit) {
        if (!(testSplit >= 0 && testSplit < 1)) {
            throw new IllegalArgumentException("test split must be in [0, 1), got " + testSplit);
        }
        return (int) (n * (1 - testSplit));
    }

    /**
     * The row order {@link #keras} uses for {@code n} rows, for splitting data that is not a {@link Dataset} (a
     * column of doubles) the same way: train is rows {@code permutation[0..trainSize)}, test the rest.
     *
     * @param n the number of samples, ≥ 0
     * @param seed the seed of numpy's legacy generator (Keras: 113)
     * @return the row order {@link #keras} uses for {@code n} rows, for splitting data that is not a {@link Dataset} (a column of doubles) the same way: train is rows {@code permutation[0..trainSize)}, test the rest
     * @throws IllegalArgumentException when the seed is outside [0, 2<sup>32</sup> − 1]
     */
    public static int[] permutation(int n, long seed) {
        return new org.losses4j.nn.random.NumpyRandomState(seed).permutation(n);
    }
}
