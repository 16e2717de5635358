package org.losses4j.nn;

/**
 * The settings of {@link Sequential#fit}, with Keras's defaults: 1 epoch, batch size 32, no validation split,
 * shuffling on, and a seed (Keras has none; ours makes runs reproducible).
 *
 * @param epochs          number of epochs (&gt; 0)
 * @param batchSize       samples per batch (&gt; 0); the last batch of an epoch may be smaller
 * @param validationSplit fraction in [0, 1) of the samples held out for validation: the <b>last</b>
 *                        n − ⌊n·(1 − v)⌋ samples, taken before any shuffling, as Keras does
 * @param shuffle         whether the training samples are reshuffled every epoch
 * @param seed            seed of the per-epoch shuffles (numpy's legacy generator), in [0, 2<sup>32</sup> − 1]
 */
public record FitOptions(int epochs, int batchSize, double validationSplit, boolean shuffle, long seed) {
    /**
     * Validates every setting.
     *
     * @param epochs the number of epochs
     * @param batchSize the number of samples per batch
     * @param validationSplit the fraction of the samples held out for validation, in [0, 1): the last ones, taken
     *                        before any shuffling (Keras's {@code validation_split})
     * @param shuffle whether the training samples are reshuffled every epoch
     * @param seed the seed of the shuffling, in [0, 2<sup>32</sup> − 1]
     * @throws IllegalArgumentException when epochs or the batch size is not &gt; 0, the validation split is outside [0,
     *                                  1) or the seed out of range
     */
    public FitOptions {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be > 0, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validation split must be in [0, 1), got "
                    + org.losses4j.loss.Check.fmt(validationSplit));
        }
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be between 0 and 4294967295, got " + seed);
        }
    }

    /**
     * Keras's defaults (1 epoch, batch 32, no validation, shuffle) and seed 0.
     *
     * @return Keras's defaults (1 epoch, batch 32, no validation, shuffle) and seed 0
     */
    public static FitOptions defaults() {
        return new FitOptions(1, 32, 0, true, 0);
    }

    /**
     * These options with another number of epochs.
     *
     * @param e the number of epochs
     * @return the new options
     */
    public FitOptions withEpochs(int e) {
        return new FitOptions(e, batchSize, validationSplit, shuffle, seed);
    }

    /**
     * These options with another batch size.
     *
     * @param b the batch size
     * @return the new options
     */
    public FitOptions withBatchSize(int b) {
        return new FitOptions(epochs, b, validationSplit, shuffle, seed);
    }

    /**
     * These options with another validation split.
     *
     * @param v the fraction of the samples held out, the last ones
     * @return the new options
     */
    public FitOptions withValidationSplit(double v) {
        return new FitOptions(epochs, batchSize, v, shuffle, seed);
    }

    /**
     * These options with shuffling on or off.
     *
     * @param s whether to reshuffle the training samples every epoch
     * @return the new options
     */
    public FitOptions withShuffle(boolean s) {
        return new FitOptions(epochs, batchSize, validationSplit, s, seed);
    }

    /**
     * These options with another seed.
     *
     * @param s the seed of the shuffling
     * @return the new options
     */
    public FitOptions withSeed(long s) {
        return new FitOptions(epochs, batchSize, validationSplit, shuffle, s);
    }
}
