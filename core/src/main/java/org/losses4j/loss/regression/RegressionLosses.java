package org.losses4j.loss.regression;

import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.Reduction;

/** Registers the regression losses under their JSON-lines names. */
public final class RegressionLosses {
    private RegressionLosses() {
    }

    /** Adds every regression loss to {@code registry}. */
    public static void register(LossRegistry.Builder registry) {
        registry.add("l1_loss", "regression", "Mean absolute error |x - y| (PyTorch L1Loss).", "",
                p -> new L1Loss(p.reduction(Reduction.MEAN)));
        registry.add("mse_loss", "regression", "Mean squared error (x - y)^2 (PyTorch MSELoss).", "",
                p -> new MSELoss(p.reduction(Reduction.MEAN)));
        registry.add("huber_loss", "regression",
                "Quadratic within delta, linear beyond (PyTorch HuberLoss).", "delta=1.0",
                p -> new HuberLoss(p.getDouble("delta", 1.0), p.reduction(Reduction.MEAN)));
        registry.add("smooth_l1_loss", "regression",
                "Huber divided by beta; beta=0 is L1 (PyTorch SmoothL1Loss).", "beta=1.0",
                p -> new SmoothL1Loss(p.getDouble("beta", 1.0), p.reduction(Reduction.MEAN)));
    }
}
