package org.losses4j.loss.regression;

import java.util.LinkedHashMap;
import java.util.Map;

import org.losses4j.kernel.Parallel;
import org.losses4j.loss.Check;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.Labelled;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.Tensor;

/**
 * Normalised mean absolute error: the MAE divided by a scale of the target, so that errors on targets of different
 * magnitudes can be compared. There is no framework standard; this is the library's definition, below.
 *
 * <p>With d<sub>i</sub> = x<sub>i</sub> − y<sub>i</sub> and a normaliser Z computed from the target tensor:
 * <pre>
 *   ℓ_i = |d_i| / Z
 *   Z = max(y) − min(y)      normalizer = "range" (default)
 *   Z = mean(|y|)            normalizer = "mean_abs"
 *   Z = mean(y)              normalizer = "mean"
 * </pre>
 * With eps &gt; 0 the division is by max(Z, eps). Z is computed from the target given to this call (the whole
 * evaluation set when used as a metric; the batch when used as a training loss).
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n = MAE / Z (NaN for an empty input);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of any identical shape (never broadcast).
 * <p>Gradient: Z is treated as a constant (no gradient flows through the normaliser, as through a detached tensor):
 * ∂ℓ/∂x = sgn(d)/Z, 0 where x = y; ∂ℓ/∂y = −sgn(d)/Z (the part through d only); divided by n for {@code mean}.
 * A finite-difference check with respect to the target therefore disagrees, by design.
 * <p>Errors: when Z ≤ 0 and eps = 0 (all targets equal for "range", all zero for "mean_abs", a mean ≤ 0 for "mean")
 * the loss is undefined and evaluation throws an {@link IllegalArgumentException} naming the normaliser, the target
 * and its value;
 * a positive eps floors Z instead. A NaN in the target makes Z and the loss NaN. An empty input needs no Z.
 * <p>Validation: eps must be ≥ 0 and finite (an infinite floor would make the loss 0); normalizer one of range,
 * mean_abs, mean.
 */
public final class NMAELoss extends InputTargetLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("nmae", Family.REGRESSION,
                    "Mean absolute error divided by the target's range, mean |y| or mean y (constant normaliser).")
            .choice("normalizer", Normalizer.RANGE, Normalizer.values(), "what the mean absolute error is divided by")
            .number("eps", 0.0, Rule.NON_NEGATIVE_FINITE, "added to the normaliser")
            .factory(p -> new NMAELoss(p.getChoice("normalizer", Normalizer.values()), p.getDouble("eps"),
                    p.reduction()));

    /** What the mean absolute error is divided by. */
    public enum Normalizer implements Labelled {
        /** max(y) − min(y). */
        RANGE,
        /** mean(|y|). */
        MEAN_ABS,
        /** mean(y). */
        MEAN;

        @Override
        public String toString() {
            return label();
        }

        /**
         * Parses a parameter value (exactly); the error names the loss, the value and the choices.
         *
         * @param loss the loss's name, for the message
         * @param value the label given: {@code range}, {@code mean_abs} or {@code mean}, exactly
         * @return the normaliser of that label
         * @throws IllegalArgumentException for any other value, listing the choices
         */
        public static Normalizer parse(String loss, String value) {
            return Check.choice(loss, "normalizer", value, values());
        }
    }

    private final Normalizer normalizer;
    private final double eps;

    /** NMAE normalised by the range of the target, eps = 0, reduction {@code mean}. */
    public NMAELoss() {
        this(Normalizer.RANGE, 0.0, Reduction.MEAN);
    }

    /**
     * NMAE with the given normaliser, eps = 0, reduction {@code mean}.
     *
     * @param normalizer what the MAE is divided by
     */
    public NMAELoss(Normalizer normalizer) {
        this(normalizer, 0.0, Reduction.MEAN);
    }

    /**
     * @param normalizer what the MAE is divided by
     * @param eps        the floor of the normaliser (≥ 0; 0 means a zero normaliser is an error)
     * @param reduction  {@code none}, {@code mean} or {@code sum}
     */
    public NMAELoss(Normalizer normalizer, double eps, Reduction reduction) {
        super(DECLARATION, reduction);
        if (normalizer == null) {
            throw error("normalizer must be one of range, mean_abs, mean, got null");
        }
        this.normalizer = normalizer;
        param("normalizer", normalizer.label());
        this.eps = checked("eps", eps);
    }

    /**
     * What the MAE is divided by.
     *
     * @return what the MAE is divided by
     */
    public Normalizer normalizer() {
        return normalizer;
    }

    /**
     * The floor of the normaliser.
     *
     * @return the floor of the normaliser
     */
    public double eps() {
        return eps;
    }

    /**
     * The normaliser Z of a target tensor, before the eps floor.
     *
     * @param target a float32 target tensor of any shape
     * @return Z over all its elements: max − min for {@code range}, mean |y| for {@code mean_abs}, mean y for
     *         {@code mean}; not yet floored at eps
     */
    public double normalizerOf(Tensor target) {
        float[] y = Check.floatTensor(name(), "target", target).data();
        int n = y.length;
        switch (normalizer) {
            case RANGE: {
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                for (float v : y) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                return (double) hi - lo;
            }
            case MEAN_ABS:
                return Parallel.sum(n, (from, to) -> {
                    double s = 0;
                    for (int i = from; i < to; i++) {
                        s += Math.abs(y[i]);
                    }
                    return s;
                }) / n;
            default:
                return Parallel.sum(n, (from, to) -> {
                    double s = 0;
                    for (int i = from; i < to; i++) {
                        s += y[i];
                    }
                    return s;
                }) / n;
        }
    }

    @Override
    protected LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget) {
        Check.sameShape(name(), "input", input, "target", target);
        int n = input.numel();
        double invZ = n == 0 ? 1 : 1.0 / floored(normalizerOf(target));
        float[] x = input.data();
        float[] y = target.data();
        Reduction r = reduction();
        float[] out = r == Reduction.NONE ? new float[n] : null;
        float[] gx = gradInput ? new float[n] : null;
        float[] gy = gradTarget ? new float[n] : null;
        double scale = invZ / r.divisor(n);
        double sum = Parallel.sum(n, (from, to) -> kernel(x, y, invZ, scale, out, gx, gy, from, to));
        Map<String, Tensor> grads = new LinkedHashMap<>(2);
        putGradient(grads, "input", gx, input.shape());
        putGradient(grads, "target", gy, target.shape());
        return reduced(sum, n, out, input.shape(), grads);
    }

    /** max(z, eps); a z ≤ 0 without eps is an {@link IllegalArgumentException} (the target cannot be normalised). */
    private double floored(double z) {
        if (!(z > 0) && !Double.isNaN(z) && eps == 0) {
            throw error("normalizer " + describe() + " is " + Check.fmt(z)
                    + ", must be > 0 to divide by; set eps > 0 to divide by max(normalizer, eps) instead");
        }
        return z < eps ? eps : z;
    }

    private String describe() {
        switch (normalizer) {
            case RANGE:
                return "range = max(target) - min(target)";
            case MEAN_ABS:
                return "mean_abs = mean(|target|)";
            default:
                return "mean = mean(target)";
        }
    }

    private static double kernel(float[] x, float[] y, double invZ, double scale, float[] out, float[] gx,
            float[] gy, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double d = (double) x[i] - y[i];
            double l = Math.abs(d) * invZ;
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            double g = Math.signum(d) * scale;
            if (gx != null) {
                gx[i] = (float) g;
            }
            if (gy != null) {
                gy[i] = (float) -g;
            }
        }
        return sum;
    }
}
