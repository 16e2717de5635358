package org.losses4j.loss;

/**
 * One named input of a loss, as PyTorch names it ({@code input}, {@code target}, {@code var}, ...). A loss's inputs
 * are stated once, in its {@link LossDeclaration}.
 *
 * @param name           the PyTorch argument name
 * @param kind           what the input holds
 * @param differentiable whether a gradient with respect to this input can be requested
 * @param optional       whether the input may be omitted
 */
public record InputSpec(String name, Kind kind, boolean differentiable, boolean optional) {

    /** What an input holds. */
    public enum Kind implements Labelled {
        /** float32 values (an int64 tensor given here is converted, as {@code torch.tensor(..., dtype=float32)}). */
        FLOAT,
        /** int64 class indices (a float32 tensor given here must hold whole numbers). */
        INDEX,
        /** Either: int64 class indices, or float32 values such as class probabilities; the loss decides by dtype. */
        FLOAT_OR_INDEX;

        @Override
        public String toString() {
            return label();
        }
    }

    /**
     * A required, differentiable float input.
     *
     * @param name the input's PyTorch argument name ({@code input}, {@code target})
     * @return the spec: required, float32, differentiable
     */
    public static InputSpec differentiable(String name) {
        return new InputSpec(name, Kind.FLOAT, true, false);
    }

    /**
     * A required float input without a gradient.
     *
     * @param name the input's PyTorch argument name
     * @return the spec: required, float32, not differentiable
     */
    public static InputSpec constant(String name) {
        return new InputSpec(name, Kind.FLOAT, false, false);
    }

    /**
     * A required input of class indices.
     *
     * @param name the input's PyTorch argument name ({@code target})
     * @return the spec: required, int64 class indices (whole-number floats are converted), not differentiable
     */
    public static InputSpec indices(String name) {
        return new InputSpec(name, Kind.INDEX, false, false);
    }

    /**
     * A required input without a gradient that holds either int64 class indices or float32 values such as class
     * probabilities; the loss decides by its dtype.
     *
     * @param name the name
     * @return a required input of class indices or of float values
     */
    public static InputSpec indicesOrFloat(String name) {
        return new InputSpec(name, Kind.FLOAT_OR_INDEX, false, false);
    }

    /**
     * This input, made optional.
     *
     * @return a new spec equal to this one but optional (this record is not changed)
     */
    public InputSpec asOptional() {
        return new InputSpec(name, kind, differentiable, true);
    }
}
