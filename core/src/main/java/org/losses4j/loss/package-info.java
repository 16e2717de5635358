/**
 * The loss contract: {@link org.losses4j.loss.Loss}, {@link org.losses4j.loss.Reduction},
 * {@link org.losses4j.loss.LossResult}, the shared element-wise mechanism
 * {@link org.losses4j.loss.ElementwiseLoss}, validation ({@link org.losses4j.loss.Check}) and the registry by name
 * ({@link org.losses4j.loss.LossRegistry}). The losses themselves live in one package per family.
 */
package org.losses4j.loss;
