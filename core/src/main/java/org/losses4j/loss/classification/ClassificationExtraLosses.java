package org.losses4j.loss.classification;

import org.losses4j.loss.LossRegistry;

/**
 * Registers the classification losses that are not plain per-sample criteria: the soft Dice loss and the
 * embedding losses (GE2E, ArcFace). They belong to the "classification" family of the registry; their golden
 * fixtures live in {@code fixtures/classification_extra.jsonl}.
 */
public final class ClassificationExtraLosses {
    private ClassificationExtraLosses() {
    }

    /** Adds every loss of this group to {@code registry}. */
    public static void register(LossRegistry.Builder registry) {
        // registry.add(...) for dice_loss, ge2e_loss, arcface_loss.
    }
}
