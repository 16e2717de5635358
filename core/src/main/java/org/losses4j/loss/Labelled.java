package org.losses4j.loss;

/**
 * A choice written as a string label: a reduction, a loss's mode or normaliser, a family. The label is what a user
 * writes (the protocol's and PyTorch's spelling) and what {@code toString()} returns; {@link Check#choice} parses
 * it.
 */
public interface Labelled {
    /** The label, exactly as a user writes it. */
    String label();
}
