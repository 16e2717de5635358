package org.losses4j.loss.regression;

import java.util.LinkedHashMap;
import java.util.Map;

import org.losses4j.kernel.Parallel;
import org.losses4j.loss.Check;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.Tensor;

/**
 * Root mean squared error as a loss: the square root of a reduction of the squared errors.
 *
 * <p>With d<sub>i</sub> = x<sub>i</sub> − y<sub>i</sub>, the reduction is applied to the squared errors <em>inside</em>
 * the root, and {@code eps} (default 0) is added under it:
 * <ul>
 *   <li>{@code mean} (default): RMSE = √(Σd<sub>i</sub>² / n + eps), the usual RMSE over all n elements (Keras's
 *       {@code RootMeanSquaredError}, torchmetrics' {@code MeanSquaredError(squared=False)}). An empty input gives
 *       √eps: the mean squared error of no elements is taken as 0 (Keras's divide-no-NaN), not NaN;</li>
 *   <li>{@code sum}: √(Σd<sub>i</sub>² + eps), the Euclidean norm of the error vector;</li>
 *   <li>{@code none}: √(d<sub>i</sub>² + eps) for every element on its own: |d<sub>i</sub>| when eps = 0, the
 *       Charbonnier loss when eps &gt; 0.</li>
 * </ul>
 * The root of a mean is not the mean of roots: the RMSE of a data set is not the average of the RMSEs of its
 * batches (a streaming metric accumulates Σd² and n and takes the root at the end).
 * <p>Shapes: input and target of any identical shape (never broadcast).
 * <p>Gradient: with R the value, ∂R/∂x<sub>i</sub> = d<sub>i</sub> / (n·R) for {@code mean}, d<sub>i</sub> / R for
 * {@code sum}, d<sub>i</sub> / R<sub>i</sub> for {@code none}; ∂R/∂y = −∂R/∂x. The root has an infinite slope at
 * 0, so where R = 0 (every error 0, eps = 0) the gradient is undefined: <b>we return 0 there</b>. R is a scaled
 * Euclidean norm, convex, and 0 is its smallest subgradient at that point (the sign convention of {@code abs}).
 * An eps &gt; 0 makes the loss smooth everywhere. NaN propagates: a NaN error makes R NaN and, for {@code mean} and
 * {@code sum}, every gradient element NaN (for {@code none}, that element's); an infinite error makes R = ∞, the
 * gradient 0 for the finite errors and NaN (∞/∞) for the infinite one, as autograd gives.
 * <p>Sample weights (Keras's {@code sample_weight}) are not offered.
 * <p>Validation: eps must be ≥ 0 and finite ({@code rmse: eps must be >= 0, got -1}; an infinite eps would make
 * every value ∞ and every gradient 0).
 * <p>Reference: Keras {@code keras.metrics.RootMeanSquaredError}.
 */
public final class RMSELoss extends InputTargetLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("rmse", Family.REGRESSION,
                    "Root mean squared error sqrt(mean((x - y)^2) + eps); zero gradient at 0.")
            .number("eps", 0.0, Rule.NON_NEGATIVE_FINITE, "added under the square root")
            .factory(p -> new RMSELoss(p.getDouble("eps"), p.reduction()));

    private final double eps;

    /** RMSE with eps = 0 and reduction {@code mean}. */
    public RMSELoss() {
        this(0.0, Reduction.MEAN);
    }

    /**
     * RMSE with the given eps (≥ 0, added under the root) and reduction {@code mean}.
     *
     * @param eps added under the square root, ≥ 0 and finite (0 by default; &gt; 0 makes the loss smooth at a zero
     *            error)
     */
    public RMSELoss(double eps) {
        this(eps, Reduction.MEAN);
    }

    /**
     * RMSE with the given eps (≥ 0, added under the root) and reduction.
     *
     * @param eps added under the square root, ≥ 0 and finite (0 by default; &gt; 0 makes the loss smooth at a zero
     *            error)
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public RMSELoss(double eps, Reduction reduction) {
        super(DECLARATION, reduction);
        this.eps = checked("eps", eps);
    }

    /**
     * The constant added under the root.
     *
     * @return the constant added under the root
     */
    public double eps() {
        return eps;
    }

    @Override
    protected LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget) {
        Check.sameShape(name(), "input", input, "target", target);
        int n = input.numel();
        float[] x = input.data();
        float[] y = target.data();
        float[] gx = gradInput ? new float[n] : null;
        float[] gy = gradTarget ? new float[n] : null;
        Map<String, Tensor> grads = new LinkedHashMap<>(2);
        if (reduction() == Reduction.NONE) {
            float[] out = new float[n];
            Parallel.sum(n, (from, to) -> elementwise(x, y, eps, out, gx, gy, from, to));
            putGradients(grads, gx, gy, input);
            return LossResult.elementwise(Tensor.wrap(out, input.shape()), grads);
        }
        double squares = Parallel.sum(n, (from, to) -> sumOfSquares(x, y, from, to));
        // The mean of no squares is 0 here, not NaN: the root of an empty mean is √eps.
        double inside = n == 0 ? 0 : squares / reduction().divisor(n);
        double value = Math.sqrt(inside + eps);
        if (gx != null || gy != null) {
            // R = 0 (every error 0, eps = 0): the documented zero gradient. A NaN R (a NaN error) must not take
            // that path: 1/NaN makes every gradient NaN, as autograd's chain through the root does.
            double c = value == 0 ? 0 : 1.0 / (reduction().divisor(n) * value);
            Parallel.sum(n, (from, to) -> scaled(x, y, c, gx, gy, from, to));
        }
        putGradients(grads, gx, gy, input);
        return LossResult.scalar(value, grads);
    }

    private static void putGradients(Map<String, Tensor> grads, float[] gx, float[] gy, Tensor input) {
        putGradient(grads, "input", gx, input.shape());
        putGradient(grads, "target", gy, input.shape());
    }

    private static double sumOfSquares(float[] x, float[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            double d = (double) x[i] - y[i];
            s += d * d;
        }
        return s;
    }

    /** Writes c·d<sub>i</sub> (and its negative); returns 0. */
    private static double scaled(float[] x, float[] y, double c, float[] gx, float[] gy, int from, int to) {
        for (int i = from; i < to; i++) {
            double g = ((double) x[i] - y[i]) * c;
            if (gx != null) {
                gx[i] = (float) g;
            }
            if (gy != null) {
                gy[i] = (float) -g;
            }
        }
        return 0;
    }

    private static double elementwise(float[] x, float[] y, double eps, float[] out, float[] gx, float[] gy,
            int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double d = (double) x[i] - y[i];
            double r = Math.sqrt(d * d + eps);
            out[i] = (float) r;
            sum += r;
            double g = r == 0 ? 0 : d / r; // NaN for a NaN d (not the zero of r = 0)
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
