package org.losses4j.loss;

/** Creates a loss from named parameters; used by {@link LossRegistry}. */
@FunctionalInterface
public interface LossFactory {
    /**
     * @param params the parameters; read each with its getter (absent ones give the loss's default) and the
     *               reduction with {@link LossParams#reduction(Reduction)}
     * @return the loss, built and validated
     * @throws IllegalArgumentException for an invalid parameter, naming it
     */
    Loss create(LossParams params);
}
