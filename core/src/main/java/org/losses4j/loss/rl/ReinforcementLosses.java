package org.losses4j.loss.rl;

import java.util.List;

import org.losses4j.loss.LossDeclaration;

/** The reinforcement-learning losses, in the order {@code losses4j list} shows them. */
public final class ReinforcementLosses {
    private ReinforcementLosses() {
    }

    /** Every reinforcement-learning loss; a new one is one line here. */
    public static final List<LossDeclaration> LOSSES = List.of(
            TdLoss.DECLARATION,
            PolicyGradientLoss.DECLARATION);
}
