package org.losses4j.loss;

import java.util.Locale;

/**
 * A choice written as a string label: a reduction, a loss's mode or normaliser, a family. The label is what a user
 * writes (the protocol's and PyTorch's spelling); {@link Check#choice} parses it, exactly.
 */
public interface Labelled {
    /**
     * The constant's name (an enum has it).
     *
     * @return the constant's name (an enum has it)
     */
    String name();

    /**
     * The label, exactly as a user writes it: by default the constant's name in lower case.
     *
     * @return the label, exactly as a user writes it
     */
    default String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
