package org.losses4j.loss.ranking;

import org.losses4j.loss.LossRegistry;

/** Registers the losses of this family under their JSON-lines names. */
public final class RankingLosses {
    private RankingLosses() {
    }

    /** Adds every loss of this family to {@code registry}. */
    public static void register(LossRegistry.Builder registry) {
        // Each loss of the family is added here: registry.add(name, family, summary, parameters, factory).
    }
}
