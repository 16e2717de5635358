package org.losses4j.loss;

/**
 * A registry entry.
 *
 * @param name       the registry (JSON-lines) name
 * @param family     {@code regression}, {@code classification}, {@code ranking} or {@code reinforcement}
 * @param summary    one line: what the loss is
 * @param parameters the parameters with their defaults, as a user writes them ({@code delta=1.0})
 * @param factory    builds the loss from named parameters
 */
public record LossInfo(String name, String family, String summary, String parameters, LossFactory factory) {
}
