package org.losses4j.nn;

import java.util.Map;

/**
 * Hooks into {@link Sequential#fit}, as Keras's callbacks. Epochs and batches are numbered from 0 here (Keras's
 * convention); messages for people number them from 1. Every method does nothing by default.
 * {@link #onBatchEnd} runs in the hot loop: it must not allocate if training is to stay allocation-free.
 */
public interface Callback {
    /**
     * Before the first epoch.
     *
     * @param plan the training plan
     */
    default void onTrainBegin(TrainingPlan plan) {
    }

    /**
     * Before each epoch.
     *
     * @param epoch the epoch (0-based)
     */
    default void onEpochBegin(int epoch) {
    }

    /**
     * After each training batch, with its loss (before the update it caused).
     *
     * @param epoch the epoch (0-based)
     * @param batch the batch within the epoch (0-based)
     * @param loss the batch loss
     */
    default void onBatchEnd(int epoch, int batch, double loss) {
    }

    /**
     * After each epoch, with its logs ({@code loss}, metrics, {@code val_*}).
     *
     * @param epoch the epoch (0-based)
     * @param logs the values of the epoch by name
     */
    default void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    /**
     * After training ended normally or was stopped by {@link Sequential#stopTraining()}.
     *
     * @param history the history of the epochs run
     */
    default void onTrainEnd(History history) {
    }
}
