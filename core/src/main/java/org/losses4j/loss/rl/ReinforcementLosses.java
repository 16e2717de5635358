package org.losses4j.loss.rl;

import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.Reduction;

/** Registers the losses of this family under their JSON-lines names. */
public final class ReinforcementLosses {
    private ReinforcementLosses() {
    }

    /**
     * Adds every loss of this family to {@code registry}.
     *
     * @param registry the registry the losses are added to
     */
    public static void register(LossRegistry.Builder registry) {
        registry.add(TdLoss.NAME, "reinforcement",
                "DQN temporal-difference loss on q[a] vs r + gamma*(1-done)*max Q_target(s'); double DQN with next_q_online.",
                "gamma=0.99, loss_type=huber, delta=1.0",
                p -> new TdLoss(p.getDouble("gamma", 0.99), TdLoss.LossType.parse(p.getString("loss_type", "huber")),
                        p.getDouble("delta", 1.0), p.reduction(Reduction.MEAN)));
        registry.add(PolicyGradientLoss.NAME, "reinforcement",
                "REINFORCE: -mean(log_softmax(logits)[a] * advantage) - entropy_coef * mean entropy.",
                "entropy_coef=0.0",
                p -> new PolicyGradientLoss(p.getDouble("entropy_coef", 0.0), p.reduction(Reduction.MEAN)));
    }
}
