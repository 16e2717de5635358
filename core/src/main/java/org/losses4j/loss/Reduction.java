package org.losses4j.loss;

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
public enum Reduction {
    /** The per-element (or per-sample) losses, unreduced. */
    NONE("none"),
    /** Their sum divided by their number (or by the loss's own denominator). */
    MEAN("mean"),
    /** Their sum. */
    SUM("sum"),
    /** Their sum divided by the batch size (Kullback–Leibler divergence only). */
    BATCHMEAN("batchmean");

    private final String label;

    Reduction(String label) {
        this.label = label;
    }

    /**
     * The protocol name: {@code none}, {@code mean}, {@code sum} or {@code batchmean}.
     *
     * @return the protocol name: {@code none}, {@code mean}, {@code sum} or {@code batchmean}
     */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * Parses a protocol name, exactly as PyTorch does: {@code "MEAN"} or {@code " mean"} is not a reduction.
     *
     * @param name the name
     * @return a protocol name, exactly as PyTorch does: {@code "MEAN"} or {@code " mean"} is not a reduction
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Reduction parse(String name) {
        Reduction r = ofLabel(name);
        if (r == null) {
            throw new IllegalArgumentException("reduction must be one of none, mean, sum, batchmean, got "
                    + Check.quote(name));
        }
        return r;
    }

    /**
     * The reduction whose protocol name is exactly {@code name}, or null.
     *
     * @param name the name
     * @return the reduction whose protocol name is exactly {@code name}, or null
     */
    public static Reduction ofLabel(String name) {
        for (Reduction r : values()) {
            if (r.label.equals(name)) {
                return r;
            }
        }
        return null;
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
                b.append(b.length() == 0 ? "" : ", ").append(r.label);
            }
        }
        return b.toString();
    }
}
