package org.losses4j.loss;

import java.util.Map;
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
    /** The value and the input gradient, as the first-order methods give them. */
    private final LossResult firstOrder;
    private final Tensor hessInput;

    private SecondOrderResult(LossResult firstOrder, Tensor hessInput) {
        this.firstOrder = firstOrder;
        this.hessInput = Objects.requireNonNull(hessInput, "hessInput");
    }

    /** The gradients of a second-order result: the input's alone (null is refused before the Hessian is). */
    private static Map<String, Tensor> input(Tensor gradInput) {
        return Map.of("input", Objects.requireNonNull(gradInput, "gradInput"));
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
        return new SecondOrderResult(LossResult.scalar(value, input(gradInput)), hessInput);
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
        Objects.requireNonNull(value, "value");
        return new SecondOrderResult(LossResult.elementwise(value, input(gradInput)), hessInput);
    }

    /**
     * The loss value: a 0-d tensor after a reduction, the per-element tensor for {@link Reduction#NONE}.
     *
     * @return the loss value: a 0-d tensor after a reduction, the per-element tensor for {@link Reduction#NONE}
     */
    public Tensor value() {
        return firstOrder.value();
    }

    /**
     * Whether the value is a reduced scalar.
     *
     * @return whether the value is a reduced scalar
     */
    public boolean isScalar() {
        return firstOrder.isScalar();
    }

    /**
     * The reduced value in double precision.
     *
     * @return the reduced value in double precision
     * @throws IllegalStateException for an unreduced result with more than one element
     */
    public double item() {
        return firstOrder.item();
    }

    /**
     * The gradient with respect to {@code input}, in its shape.
     *
     * @return the gradient with respect to {@code input}, in its shape
     */
    public Tensor gradInput() {
        return firstOrder.gradInput();
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
        return "SecondOrderResult(value=" + (isScalar() ? Double.toString(item()) : value().toString())
                + ", gradInput=" + gradInput() + ", hessInput=" + hessInput + ")";
    }

    /**
     * The value and the input gradient alone, as a first-order result.
     *
     * @return the value and the input gradient, as {@link Loss#compute} gives them
     */
    LossResult firstOrder() {
        return firstOrder;
    }
}
