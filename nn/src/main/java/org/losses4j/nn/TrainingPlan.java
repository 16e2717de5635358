package org.losses4j.nn;

/**
 * What a {@link Sequential#fit} run is about to do.
 *
 * @param epochs            epochs to run
 * @param trainSamples      training samples (after the validation split)
 * @param validationSamples validation samples (0 without validation)
 * @param batchSize         the batch size
 * @param stepsPerEpoch     batches per epoch, ⌈trainSamples / batchSize⌉ (the last one may be partial)
 */
public record TrainingPlan(int epochs, int trainSamples, int validationSamples, int batchSize, int stepsPerEpoch) {
}
