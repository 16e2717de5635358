package org.losses4j.testing;

import java.util.Map;
import java.util.Set;

import org.losses4j.loss.Loss;
import org.losses4j.tensor.Tensor;

/**
 * A loss with valid inputs, away from its kinks, for the suites that run over every loss (the finite-difference
 * gradient check above all).
 *
 * @param label  what the sample shows ({@code "huber delta=0.5, sum"})
 * @param loss   the configured loss
 * @param inputs its inputs by name
 * @param wrt    the inputs (or learnable parameters) to differentiate
 */
public record LossSample(String label, Loss loss, Map<String, Tensor> inputs, Set<String> wrt) {
    @Override
    public String toString() {
        return label;
    }
}
