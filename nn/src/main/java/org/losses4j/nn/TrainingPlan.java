package org.losses4j.nn;

/**
 * What a {@link Sequential#fit} run does with n samples and its {@link FitOptions}: how many samples train, how many
 * validate, the batch size and the number of batches per epoch. {@link #of} is the one place that computes Keras's
 * validation split; {@code fit} runs by it and callers that report or check a run before it starts use the same plan.
 *
 * @param epochs            epochs to run
 * @param trainSamples      training samples (after the validation split)
 * @param validationSamples validation samples (0 without validation)
 * @param batchSize         the batch size, at most {@code trainSamples}
 * @param stepsPerEpoch     batches per epoch, ⌈trainSamples / batchSize⌉ (the last one may be partial)
 */
public record TrainingPlan(int epochs, int trainSamples, int validationSamples, int batchSize, int stepsPerEpoch) {

    /**
     * The plan of fitting {@code n} samples with {@code options}: with a validation split v the first ⌊n·(1 − v)⌋
     * samples train and the rest validate (Keras's {@code validation_split}, taken before any shuffling); the batch
     * size is capped at the training samples.
     *
     * @param n the number of samples
     * @param options the fit options
     * @return the plan of fitting {@code n} samples with {@code options}: with a validation split v the first ⌊n·(1 − v)⌋ samples train and the rest validate (Keras's {@code validation_split}, taken before any shuffling); the batch size is capped at the training samples
     * @throws IllegalArgumentException when the split leaves no training or no validation sample, or n is 0
     */
    public static TrainingPlan of(int n, FitOptions options) {
        int nTrain = trainSamples(n, options.validationSplit());
        if (options.validationSplit() > 0 && (nTrain == 0 || nTrain == n)) {
            throw new IllegalArgumentException("validation split " + options.validationSplit() + " of " + n
                    + " samples leaves " + nTrain + " for training and " + (n - nTrain)
                    + " for validation; both need at least one");
        }
        if (nTrain == 0) {
            throw new IllegalArgumentException("cannot fit on an empty data set");
        }
        int bs = Math.min(options.batchSize(), nTrain);
        return new TrainingPlan(options.epochs(), nTrain, n - nTrain, bs, (nTrain + bs - 1) / bs);
    }

    /**
     * The training samples of {@code n} under a validation split v: ⌊n·(1 − v)⌋, or n without validation (v = 0).
     * Unlike {@link #of} it never throws, for callers that search for a size that works.
     *
     * @param n the number of samples
     * @param validationSplit the fraction v of the samples held out for validation, in [0, 1)
     * @return ⌊n·(1 − v)⌋ for v &gt; 0, n for v = 0
     */
    public static int trainSamples(int n, double validationSplit) {
        return validationSplit > 0 ? (int) Math.floor(n * (1.0 - validationSplit)) : n;
    }
}
