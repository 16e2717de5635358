package org.losses4j.loss;

/** The four families of losses, each a package with its list of losses ({@link LossRegistry} reads them). */
public enum Family implements Labelled {
    /** Losses of a prediction against a real target: {@code org.losses4j.loss.regression}. */
    REGRESSION,
    /** Losses of scores or probabilities against classes: {@code org.losses4j.loss.classification}. */
    CLASSIFICATION,
    /** Losses of embeddings, pairs and lists: {@code org.losses4j.loss.ranking}. */
    RANKING,
    /** Losses of reinforcement learning: {@code org.losses4j.loss.rl}. */
    REINFORCEMENT;

    @Override
    public String toString() {
        return label();
    }
}
