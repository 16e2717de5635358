/**
 * Regression losses: L1, MSE, RMSE, NMAE, Huber, Smooth L1, asymmetric and pseudo-Huber, log-cosh, MAPE, MSLE,
 * Poisson and Gaussian negative log-likelihoods, quantile (pinball) loss and Barron's general robust loss.
 *
 * <p>Where PyTorch has the loss, its semantics are the contract (names, parameters, defaults, reductions, errors,
 * gradients at kinks); the Javadoc of each class gives the formula, each reduction, the shapes, the gradient and
 * the reference. {@link org.losses4j.loss.regression.RegressionLosses} registers them by name.
 */
package org.losses4j.loss.regression;
