package org.losses4j.loss;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a loss combines its per-element (or per-sample) values, with PyTorch's names and meanings.
 *
 * <ul>
 *   <li>{@link #NONE}: no reduction; the per-element tensor is returned. Gradients are those of the <em>sum</em> of
 *       its elements (PyTorch's {@code value.sum().backward()}).</li>
 *   <li>{@link #MEAN}: the sum divided by the number of elements (not the batch size), unless a loss documents a
 *       different denominator (weighted cross-entropy, for example). The mean of an empty tensor is NaN.</li>
 *   <li>{@link #SUM}: the sum of all elements; 0 for an empty tensor.</li>
 *   <li>{@link #BATCHMEAN}: the sum divided by the size of dimension 0, for the losses that offer it
 *       ({@code kl_div}).</li>
 * </ul>
 */
public enum Reduction implements Labelled {
    /** The per-element (or per-sample) losses, unreduced. */
    NONE,
    /** Their sum divided by their number (or by the loss's own denominator). */
    MEAN,
    /** Their sum. */
    SUM,
    /** Their sum divided by the batch size (Kullback–Leibler divergence only). */
    BATCHMEAN;

    /** {@code none}, {@code mean}, {@code sum}: what most losses offer. */
    public static final Set<Reduction> STANDARD = Collections.unmodifiableSet(EnumSet.of(NONE, MEAN, SUM));

    @Override
    public String toString() {
        return label();
    }

    /**
     * What a sum over {@code count} terms is divided by under this reduction: {@code count} for {@link #MEAN} (an
     * empty mean is then 0/0 = NaN), 1 otherwise. {@code sum / divisor(n)} is the reduced value and
     * {@code 1 / divisor(n)} the gradient's scale, exactly {@code sum} and 1 when not averaging. {@link #BATCHMEAN}'s
     * denominator, the size of dimension 0, is the loss's own.
     *
     * @param count the number of terms summed (elements, samples, or the weights' sum)
     * @return {@code count} for {@code mean}, 1 for every other reduction
     */
    public double divisor(double count) {
        return this == MEAN ? count : 1;
    }

    /**
     * Parses a protocol name, exactly as PyTorch does: {@code "MEAN"} or {@code " mean"} is not a reduction.
     *
     * @param name the protocol name: {@code none}, {@code mean}, {@code sum} or {@code batchmean}, exactly
     * @return the reduction of that name
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Reduction parse(String name) {
        return Check.choice("reduction", name, values());
    }

    /**
     * The reduction whose protocol name is exactly {@code name}, or null.
     *
     * @param name the protocol name, compared exactly (case-sensitive); may be null
     * @return the reduction of that name, or null for any other string
     */
    public static Reduction ofLabel(String name) {
        return Check.labelled(name, values());
    }

    /**
     * The labels of {@code reductions}, comma-separated, in declaration order: {@code none, mean, sum}.
     *
     * @param reductions the reductions allowed
     * @return the labels of {@code reductions}, comma-separated, in declaration order: {@code none, mean, sum}
     */
    public static String labels(java.util.Collection<Reduction> reductions) {
        StringBuilder b = new StringBuilder();
        for (Reduction r : values()) {
            if (reductions.contains(r)) {
                b.append(b.length() == 0 ? "" : ", ").append(r.label());
            }
        }
        return b.toString();
    }
}
