/**
 * Classification losses: binary and multi-class cross-entropy, NLL, focal, KL divergence, the hinge family, Poly-1, Dice, GE2E and ArcFace.
 *
 * <p>Where PyTorch has the loss, its semantics are the contract; the Javadoc of each class gives the formula, each
 * reduction, the shapes, the gradient and the reference. {@link org.losses4j.loss.classification.ClassificationLosses} registers them by name.
 */
package org.losses4j.loss.classification;
