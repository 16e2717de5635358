package org.losses4j.loss;

/** The four families of losses, each a package with its list of losses ({@link LossRegistry} reads them). */
public enum Family implements Labelled {
    REGRESSION("regression"),
    CLASSIFICATION("classification"),
    RANKING("ranking"),
    REINFORCEMENT("reinforcement");

    private final String label;

    Family(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
