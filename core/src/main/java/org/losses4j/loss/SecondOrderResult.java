package org.losses4j.loss;

import java.util.Objects;

import org.losses4j.tensor.Tensor;

/**
 * The value of a loss with its gradient and its second derivative with respect to {@code input}, computed together
 * in one pass ({@link SecondOrderLoss#valueGradHess(Tensor, Tensor)}).
 *
 * <p>For a reduced loss, {@link #value()} is a 0-d float32 tensor and {@link #item()} gives the value with the full
 * double precision in which it was accumulated. For {@link Reduction#NONE} the value is the per-element tensor, and
 * the gradient and second derivative are those of the sum of its elements. {@link #hessInput()} holds the diagonal
 * of the Hessian, ∂²L/∂x<sub>i</sub>², in the input's shape: for an element-wise loss the Hessian has nothing off its
 * diagonal.
 */
public final class SecondOrderResult {
    private final Tensor value;
    private final double item;
    private final Tensor gradInput;
    private final Tensor hessInput;

    private SecondOrderResult(Tensor value, double item, Tensor gradInput, Tensor hessInput) {
        this.value = value;
        this.item = item;
        this.gradInput = Objects.requireNonNull(gradInput, "gradInput");
        this.hessInput = Objects.requireNonNull(hessInput, "hessInput");
    }

    /**
     * A reduced result: the double-precision value, the gradient and the second derivative.
     *
     * @param value the reduced loss, as accumulated in double
     * @param gradInput ∂loss/∂input, in the input's shape
     * @param hessInput the second derivative with respect to each element of {@code input} (the Hessian's diagonal), in
     *                  its shape
     * @return the result, holding the tensors given (not copied)
     */
    public static SecondOrderResult scalar(double value, Tensor gradInput, Tensor hessInput) {
        return new SecondOrderResult(Tensor.scalar((float) value), value, gradInput, hessInput);
    }

    /**
     * An unreduced result: the per-element values, and the gradient and second derivative of their sum.
     *
     * @param value the per-element losses
     * @param gradInput the gradient of their sum with respect to the input, in its shape
     * @param hessInput the second derivative of their sum with respect to each element of {@code input} (the Hessian's
     *                  diagonal), in its shape
     * @return the result, holding the tensors given (not copied)
     */
    public static SecondOrderResult elementwise(Tensor value, Tensor gradInput, Tensor hessInput) {
        return new SecondOrderResult(Objects.requireNonNull(value, "value"), Double.NaN, gradInput, hessInput);
    }

    /**
     * The loss value: a 0-d tensor after a reduction, the per-element tensor for {@link Reduction#NONE}.
     *
     * @return the loss value: a 0-d tensor after a reduction, the per-element tensor for {@link Reduction#NONE}
     */
    public Tensor value() {
        return value;
    }

    /**
     * Whether the value is a reduced scalar.
     *
     * @return whether the value is a reduced scalar
     */
    public boolean isScalar() {
        return !Double.isNaN(item) || value.dim() == 0;
    }

    /**
     * The reduced value in double precision.
     *
     * @return the reduced value in double precision
     * @throws IllegalStateException for an unreduced result with more than one element
     */
    public double item() {
        if (!Double.isNaN(item) || value.dim() == 0) {
            return Double.isNaN(item) ? value.item() : item;
        }
        if (value.numel() == 1) {
            return value.item();
        }
        throw new IllegalStateException("item() needs a reduced loss; this result has shape " + value.shapeString());
    }

    /**
     * The gradient with respect to {@code input}, in its shape.
     *
     * @return the gradient with respect to {@code input}, in its shape
     */
    public Tensor gradInput() {
        return gradInput;
    }

    /**
     * The second derivative with respect to each element of {@code input} (the Hessian's diagonal), in its shape.
     *
     * @return the second derivative with respect to each element of {@code input} (the Hessian's diagonal), in its shape
     */
    public Tensor hessInput() {
        return hessInput;
    }

    @Override
    public String toString() {
        return "SecondOrderResult(value=" + (isScalar() ? Double.toString(item()) : value.toString()) + ", gradInput="
                + gradInput + ", hessInput=" + hessInput + ")";
    }
}
