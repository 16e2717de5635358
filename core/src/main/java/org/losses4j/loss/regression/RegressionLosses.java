package org.losses4j.loss.regression;

import java.util.List;

import org.losses4j.loss.LossDeclaration;

/** The regression losses, in the order {@code losses4j list} shows them. */
public final class RegressionLosses {
    private RegressionLosses() {
    }

    /** Every regression loss; a new one is one line here. */
    public static final List<LossDeclaration> LOSSES = List.of(
            L1Loss.DECLARATION,
            MSELoss.DECLARATION,
            HuberLoss.DECLARATION,
            SmoothL1Loss.DECLARATION,
            PoissonNLLLoss.DECLARATION,
            GaussianNLLLoss.DECLARATION,
            RMSELoss.DECLARATION,
            NMAELoss.DECLARATION,
            AsymmetricHuberLoss.DECLARATION,
            PseudoHuberLoss.DECLARATION,
            LogCoshLoss.DECLARATION,
            MAPELoss.DECLARATION,
            MSLELoss.DECLARATION,
            QuantileLoss.DECLARATION,
            GeneralRobustLoss.DECLARATION,
            HuberConcomitantLoss.DECLARATION,
            AdaptiveRobustLoss.DECLARATION);
}
