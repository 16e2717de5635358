package org.losses4j.loss;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.losses4j.tensor.Tensor;

/**
 * The value of a loss and the gradients that were asked for, computed together in one pass.
 *
 * <p>For a reduced loss, {@link #value()} is a 0-d float32 tensor and {@link #item()} gives the value with the full
 * double precision in which it was accumulated. For {@link Reduction#NONE} the value is the per-element tensor and
 * each gradient is that of the sum of its elements.
 */
public final class LossResult {
    private final Tensor value;
    private final double item;
    private final Map<String, Tensor> grads;

    private LossResult(Tensor value, double item, Map<String, Tensor> grads) {
        this.value = value;
        this.item = item;
        this.grads = grads;
    }

    /**
     * A reduced (scalar) result: the double-precision value and the gradients by input or parameter name.
     *
     * @param value the reduced loss, as accumulated in double; {@link #value()} holds its float32 rounding
     * @param grads the gradients by input or parameter name, each in its input's shape; null or empty for none
     * @return the result (the map is copied and cannot be modified)
     */
    public static LossResult scalar(double value, Map<String, Tensor> grads) {
        return new LossResult(Tensor.scalar((float) value), value, freeze(grads));
    }

    /**
     * An unreduced result: the per-element tensor and the gradients of the sum of its elements.
     *
     * @param value the per-element (or per-sample) losses
     * @param grads the gradients of the sum of those losses by input or parameter name; null or empty for none
     * @return the result (the map is copied and cannot be modified)
     */
    public static LossResult elementwise(Tensor value, Map<String, Tensor> grads) {
        return new LossResult(value, Double.NaN, freeze(grads));
    }

    private static Map<String, Tensor> freeze(Map<String, Tensor> grads) {
        return grads == null || grads.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(grads));
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
     * The reduced value in double precision (reductions accumulate in double).
     *
     * @return the reduced value in double precision (reductions accumulate in double); for a one-element tensor, its
     *         float32 value
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
     * Whether a gradient with respect to {@code name} was computed.
     *
     * @param name an input or parameter name ({@code input}, {@code target}, ...)
     * @return true if that gradient was computed
     */
    public boolean hasGrad(String name) {
        return grads.containsKey(name);
    }

    /**
     * The gradient with respect to the input or learnable parameter {@code name}, with its shape.
     *
     * @param name an input or parameter name ({@code input}, {@code target}, ...)
     * @return the gradient, in the shape of what it is taken with respect to
     * @throws IllegalArgumentException if that gradient was not requested
     */
    public Tensor grad(String name) {
        Tensor g = grads.get(Objects.requireNonNull(name, "name"));
        if (g == null) {
            throw new IllegalArgumentException("no gradient with respect to '" + name + "' was computed; computed: "
                    + (grads.isEmpty() ? "none" : String.join(", ", grads.keySet())));
        }
        return g;
    }

    /**
     * The gradient with respect to {@code input}.
     *
     * @return the gradient with respect to {@code input}
     */
    public Tensor gradInput() {
        return grad("input");
    }

    /**
     * The gradient with respect to {@code target}.
     *
     * @return the gradient with respect to {@code target}
     */
    public Tensor gradTarget() {
        return grad("target");
    }

    /**
     * All computed gradients, by name, in the order the loss declares its inputs and parameters.
     *
     * @return all computed gradients, by name, in the order the loss declares its inputs and parameters
     */
    public Map<String, Tensor> grads() {
        return grads;
    }

    @Override
    public String toString() {
        return "LossResult(value=" + (isScalar() ? Double.toString(item()) : value.toString()) + ", grads="
                + grads.keySet() + ")";
    }

    /**
     * The result of per-sample losses {@code per} under reduction {@code r}: the tensor of them (shape
     * {@code shape}) for {@code none}, else their sum accumulated in double, divided by their number for
     * {@code mean}. {@code grads} must already hold the gradients of that reduction.
     *
     * @param r the reduction
     * @param per the per-sample losses, in double
     * @param shape the shape of the tensor of losses for {@code none}; its elements number {@code per.length}
     * @param grads the gradients by input name, already scaled for {@code r}
     * @return for {@code none} the float32 tensor of the losses; else Σ per (in double), divided by {@code per.length}
     *         for {@code mean} (NaN for no samples)
     */
    public static LossResult reduce(Reduction r, double[] per, int[] shape, Map<String, Tensor> grads) {
        if (r == Reduction.NONE) {
            float[] out = new float[per.length];
            for (int i = 0; i < per.length; i++) {
                out[i] = (float) per[i];
            }
            return elementwise(Tensor.wrap(out, shape), grads);
        }
        double s = 0;
        for (double v : per) {
            s += v;
        }
        return scalar(r == Reduction.MEAN ? s / per.length : s, grads);
    }

    /**
     * The result of values added up as they were computed: under reduction {@code none} the float32 values
     * {@code values} in shape {@code shape}, else {@code sum / divisor} (the divisor of the loss's reduction, such as
     * {@link Reduction#divisor}). {@code grads} must already hold the gradients of that reduction.
     *
     * @param r the reduction
     * @param values the per-element (or per-sample) values; read only for {@code none}
     * @param shape the shape of the values
     * @param sum their sum, accumulated in double
     * @param divisor what the sum is divided by
     * @param grads the gradients by input name
     * @return the result of values added up as they were computed
     */
    public static LossResult reduce(Reduction r, float[] values, int[] shape, double sum, double divisor,
            Map<String, Tensor> grads) {
        if (r == Reduction.NONE) {
            return elementwise(Tensor.wrap(values, shape), grads);
        }
        return scalar(sum / divisor, grads);
    }

    /**
     * The factor a reduction applies to each of {@code n} per-sample gradients: 1/n for {@code mean}, else 1.
     *
     * @param r the reduction
     * @param n the number of per-sample losses (the denominator of {@code mean})
     * @return 1/n for {@code mean} (+∞ for n = 0), 1 for {@code sum} and {@code none}
     */
    public static double gradientScale(Reduction r, int n) {
        return 1 / r.divisor(n);
    }
}
