package org.losses4j.cli.train;

import picocli.CommandLine.Option;

/**
 * The train/test split, the same for every command that splits: {@code train}, {@code boston}, {@code outliers},
 * {@code delta suggest} and {@code delta sweep} (Keras's {@code load_data}: numpy's legacy shuffle, the test part
 * last). With the same options, every command sees the same training rows.
 */
public class SplitOptions {
    /** The default test fraction, Keras's. */
    public static final double DEFAULT_TEST_SPLIT = 0.2;
    /** The default seed of the split, Keras's. */
    public static final long DEFAULT_SPLIT_SEED = 113;

    /** The value of {@code --test-split}. */
    @Option(names = "--test-split", paramLabel = "F", defaultValue = "0.2", order = 20,
            description = "Fraction of the samples held out for the test (default: ${DEFAULT-VALUE}, Keras's).")
    public double testSplit = DEFAULT_TEST_SPLIT;

    /** The value of {@code --split-seed}. */
    @Option(names = "--split-seed", paramLabel = "SEED", defaultValue = "113", order = 21,
            description = "Seed of the train/test shuffle (numpy's legacy shuffle; default: ${DEFAULT-VALUE}, "
                    + "Keras's).")
    public long splitSeed = DEFAULT_SPLIT_SEED;
}
