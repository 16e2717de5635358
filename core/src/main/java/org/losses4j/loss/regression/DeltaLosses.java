package org.losses4j.loss.regression;

import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.Reduction;

/**
 * Registers the regression losses that learn their own threshold or shape ("how do I choose delta?"): the Huber
 * loss with a concomitant scale and Barron's adaptive robust loss. They belong to the "regression" family of the
 * registry; their golden fixtures live in {@code fixtures/delta.jsonl} ({@code tools/fixtures/delta.py}).
 */
public final class DeltaLosses {
    private DeltaLosses() {
    }

    /**
     * Adds every loss of this group to {@code registry}.
     *
     * @param registry the registry the losses are added to
     */
    public static void register(LossRegistry.Builder registry) {
        registry.add(HuberConcomitantLoss.NAME, "regression",
                "Huber with a learned scale sigma, delta = epsilon*sigma; inputs input, target, sigma (scikit-learn "
                        + "HuberRegressor, Owen 2007).",
                "epsilon=1.35",
                p -> new HuberConcomitantLoss(p.getDouble("epsilon", 1.35), p.reduction(Reduction.MEAN)));
        registry.add(AdaptiveRobustLoss.NAME, "regression",
                "Barron's general robust loss as an NLL; inputs input, target, alpha (0 <= alpha <= 10) and scale, "
                        + "both learnable (CVPR 2019).",
                "",
                p -> new AdaptiveRobustLoss(p.reduction(Reduction.MEAN)));
    }
}
