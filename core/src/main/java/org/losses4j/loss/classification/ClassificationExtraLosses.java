package org.losses4j.loss.classification;

import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.Reduction;

/**
 * Registers the classification losses that are not plain per-sample criteria: the soft Dice loss and the
 * embedding losses (GE2E, ArcFace). They belong to the "classification" family of the registry; their golden
 * fixtures live in {@code fixtures/classification_extra.jsonl}.
 */
public final class ClassificationExtraLosses {
    private ClassificationExtraLosses() {
    }

    /**
     * Adds every loss of this group to {@code registry}.
     *
     * @param registry the registry the losses are added to
     */
    public static void register(LossRegistry.Builder registry) {
        registry.add("dice_loss", "classification",
                "Soft Dice 1 - (2I + s)/(sum p^2 + sum g^2 + s) per sample and class on probabilities (N, C, ...).",
                "smooth=1.0, squared=true, include_background=true",
                p -> new DiceLoss(p.getDouble("smooth", 1.0), p.getBoolean("squared", true),
                        p.getBoolean("include_background", true), p.reduction(Reduction.MEAN)));
        registry.add("ge2e_loss", "classification",
                "GE2E speaker-verification loss on (speakers, utterances, dim) embeddings; learnable w, b.",
                "w=10.0, b=-5.0, variant=softmax (reduction sum)",
                p -> new Ge2eLoss(p.getDouble("w", 10.0), p.getDouble("b", -5.0),
                        Ge2eLoss.Variant.parse(p.loss(), p.getString("variant", "softmax")),
                        p.reduction(Reduction.SUM)));
        registry.add("arcface_loss", "classification",
                "ArcFace additive angular margin cos(theta + m), scaled by s, then cross-entropy.",
                "s=64.0, m=0.5, easy_margin=false, mode=classic",
                p -> new ArcFaceLoss(p.getDouble("s", 64.0), p.getDouble("m", 0.5),
                        p.getBoolean("easy_margin", false),
                        ArcFaceLoss.Mode.parse(p.loss(), p.getString("mode", "classic")),
                        p.reduction(Reduction.MEAN)));
    }
}
