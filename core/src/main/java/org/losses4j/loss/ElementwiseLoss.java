package org.losses4j.loss;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.losses4j.kernel.Parallel;
import org.losses4j.tensor.Tensor;

/**
 * The shared mechanism of the element-wise losses ℓ(x<sub>i</sub>, y<sub>i</sub>) of an input and a target of the
 * same shape: shape validation, the reduction, output allocation, and a single pass over the data that computes the
 * value and the gradients together, split over both cores for large inputs with a thread-count-independent sum.
 *
 * <p>A subclass writes only its {@link #kernel} loop. Reductions: {@code none}, {@code mean} (÷ number of
 * elements; NaN for an empty input), {@code sum}.
 */
public abstract class ElementwiseLoss extends InputTargetLoss {
    /** The reductions of an element-wise loss. */
    protected static final Set<Reduction> NONE_MEAN_SUM = EnumSet.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM);

    protected ElementwiseLoss(String name, Reduction reduction) {
        super(name, reduction, NONE_MEAN_SUM);
    }

    /**
     * Evaluates elements {@code [from, to)} in one pass.
     *
     * @param x     input values
     * @param y     target values
     * @param out   where to write each ℓ<sub>i</sub> (reduction {@code none}), or {@code null}
     * @param gx    where to write {@code scale · ∂ℓ_i/∂x_i}, or {@code null} when not wanted
     * @param gy    where to write {@code scale · ∂ℓ_i/∂y_i}, or {@code null} when not wanted
     * @param scale the factor of the reduction (1/n for mean, 1 otherwise)
     * @return Σ ℓ<sub>i</sub> over the range, accumulated in double
     */
    protected abstract double kernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale,
            int from, int to);

    /** A hook for checks that need the data (value ranges, say); called before the kernel. Does nothing here. */
    protected void validate(Tensor input, Tensor target) {
    }

    @Override
    protected final LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget) {
        Check.sameShape(name(), "input", input, "target", target);
        validate(input, target);
        int n = input.numel();
        float[] x = input.data();
        float[] y = target.data();
        Reduction r = reduction();
        float[] out = r == Reduction.NONE ? new float[n] : null;
        float[] gx = gradInput ? new float[n] : null;
        float[] gy = gradTarget ? new float[n] : null;
        float scale = r == Reduction.MEAN ? (float) (1.0 / n) : 1f;
        double sum = Parallel.sum(n, (from, to) -> kernel(x, y, out, gx, gy, scale, from, to));
        Map<String, Tensor> grads = new LinkedHashMap<>(2);
        if (gx != null) {
            grads.put("input", Tensor.wrap(gx, input.shape()));
        }
        if (gy != null) {
            grads.put(inputs().get(1).name(), Tensor.wrap(gy, target.shape()));
        }
        if (r == Reduction.NONE) {
            return LossResult.elementwise(Tensor.wrap(out, input.shape()), grads);
        }
        return LossResult.scalar(r == Reduction.MEAN ? sum / n : sum, grads);
    }
}
