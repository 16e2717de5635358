package org.losses4j.loss.classification;

import org.losses4j.loss.LossRegistry;

/** Registers the losses of this family under their JSON-lines names. */
public final class ClassificationLosses {
    private ClassificationLosses() {
    }

    /** Adds every loss of this family to {@code registry}. */
    public static void register(LossRegistry.Builder registry) {
        // Each loss of the family is added here: registry.add(name, family, summary, parameters, factory).
    }
}
