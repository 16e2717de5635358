/**
 * Reinforcement-learning losses: the DQN temporal-difference loss and the policy-gradient (REINFORCE) loss.
 *
 * <p>Where PyTorch has the loss, its semantics are the contract; the Javadoc of each class gives the formula, each
 * reduction, the shapes, the gradient and the reference. {@link org.losses4j.loss.rl.ReinforcementLosses} registers them by name.
 */
package org.losses4j.loss.rl;
