package org.losses4j.nn;

/**
 * Training stopped because a batch loss was not finite (Keras's {@code TerminateOnNaN}). The message names the
 * epoch and the batch, numbered from 1; the weights are those before that batch (its update is not applied), and
 * {@link #history()} holds the epochs completed before it.
 */
public final class TrainingStoppedException extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    private final transient History history;
    /** The epoch of the bad batch, from 1. */
    private final int epoch;
    /** The bad batch within its epoch, from 1. */
    private final int batch;

    TrainingStoppedException(String message, History history, int epoch, int batch) {
        super(message);
        this.history = history;
        this.epoch = epoch;
        this.batch = batch;
    }

    /**
     * The epochs completed before the bad batch.
     *
     * @return the epochs completed before the bad batch
     */
    public History history() {
        return history;
    }

    /**
     * The epoch of the bad batch, from 1.
     *
     * @return the epoch of the bad batch, from 1
     */
    public int epoch() {
        return epoch;
    }

    /**
     * The bad batch within its epoch, from 1.
     *
     * @return the bad batch within its epoch, from 1
     */
    public int batch() {
        return batch;
    }
}
