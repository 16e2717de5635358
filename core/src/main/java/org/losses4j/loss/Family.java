package org.losses4j.loss;

/** The four families of losses, each a package with its list of losses ({@link LossRegistry} reads them). */
public enum Family implements Labelled {
    REGRESSION,
    CLASSIFICATION,
    RANKING,
    REINFORCEMENT;

    @Override
    public String toString() {
        return label();
    }
}
