package org.losses4j.loss.regression;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.losses4j.kernel.Parallel;
import org.losses4j.loss.Check;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.Labelled;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossParams;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.ParameterSpec;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.loss.SecondOrderLoss;
import org.losses4j.loss.SecondOrderResult;
import org.losses4j.tensor.Tensor;

/**
 * Quantile (pinball) loss, TF-Addons' {@code tfa.losses.PinballLoss(tau=0.5)} / {@code pinball_loss}; the loss of
 * pytorch-forecasting's {@code QuantileLoss}.
 *
 * <p>With e = y − x (target minus prediction) and a quantile q ∈ [0, 1], per element:
 * <pre>
 *   ℓ = max(q·e, (q − 1)·e)  =  q·e if e ≥ 0,  (q − 1)·e if e &lt; 0
 * </pre>
 * Its minimiser over x is the q-quantile of y: under-prediction costs q per unit, over-prediction 1 − q. q = 0.5
 * is half the absolute error.
 *
 * <p><b>One quantile</b> ({@code q} a number, default 0.5): input and target of any identical shape.
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n (NaN for an empty input), TF-Addons' mean over the last axis
 *       followed by Keras's {@code sum_over_batch_size};</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p><b>Several quantiles</b> ({@code q} a 1-d tensor of K quantiles): one prediction per quantile in the last axis
 * of the input, shape {@code (..., K)}; the target is {@code (...)} or {@code (..., 1)} (one value, shared by the K
 * predictions) or {@code (..., K)} (one per prediction). Each sample s gets L<sub>s</sub> = the mean (default,
 * TF-Addons) or the sum ({@code quantile_reduction="sum"}, pytorch-forecasting) of its K per-quantile losses, and
 * the reduction applies to the L<sub>s</sub>: {@code none} returns the tensor of L<sub>s</sub>, shape
 * {@code (...)}; {@code mean} averages them; {@code sum} adds them. pytorch-forecasting also multiplies by 2 (so that
 * q = 0.5 gives the absolute error); we do not.
 *
 * <p>Gradient: ∂ℓ/∂x = −q where e &gt; 0, 1 − q where e &lt; 0, and <b>−q at e = 0</b>: TensorFlow's
 * {@code maximum} gives a tie to its first argument, q·e (a {@code torch.maximum} implementation would give
 * ½ − q); ∂ℓ/∂y = −∂ℓ/∂x. Scaled by 1/K for the quantile mean and by 1/(number of reduced values) for {@code mean};
 * a shared target receives the sum over its K predictions.
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}): <b>0 everywhere</b>, e = 0 included (the loss
 * is piecewise linear; PyTorch's double backward of the formula is 0). A Newton method needs a floor or a constant
 * in its place (LightGBM uses 1).
 * <p>Validation: every q in [0, 1] ({@code quantile_loss: q must be in [0, 1], got 1.5}). The ends are accepted,
 * as TF-Addons' pinball loss accepts them: q = 0 charges only over-prediction and q = 1 only under-prediction (each
 * a one-sided absolute error); a q in [0, 1] stays in [0, 1] as the float32 the kernel uses. q is a number or a
 * non-empty 1-d tensor; {@code quantile_reduction} mean or sum.
 * <p>Reference: R. Koenker and G. Bassett, "Regression Quantiles", Econometrica 46(1), 1978; TF-Addons
 * {@code tfa.losses.pinball_loss}; pytorch-forecasting {@code QuantileLoss}.
 */
public final class QuantileLoss extends InputTargetLoss implements SecondOrderLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("quantile_loss", Family.REGRESSION,
                    "Pinball loss max(q e, (q - 1) e), e = y - x; q a number or a list of quantiles (TF-Addons).")
            .parameter("q", ParameterSpec.Type.NUMBER_OR_TENSOR, 0.5, Rule.closed(0, 1),
                    "the quantile, or a list of quantiles")
            .choice("quantile_reduction", QuantileReduction.MEAN, QuantileReduction.values(),
                    "how a sample's losses over several quantiles combine")
            .factory(QuantileLoss::create);

    /** How the K per-quantile losses of a sample are combined. */
    public enum QuantileReduction implements Labelled {
        /** Their mean (TF-Addons). */
        MEAN,
        /** Their sum (pytorch-forecasting). */
        SUM;

        @Override
        public String toString() {
            return label();
        }

        /**
         * Parses a parameter value (exactly: {@code mean} or {@code sum}).
         *
         * @param loss the loss's name, for the message
         * @param value the label given: {@code mean} or {@code sum}, exactly
         * @return the reduction of that label
         * @throws IllegalArgumentException for any other value, listing the choices
         */
        public static QuantileReduction parse(String loss, String value) {
            return Check.choice(loss, "quantile_reduction", value, values());
        }
    }

    private final float[] q;
    private final boolean multi;
    private final QuantileReduction quantileReduction;

    /** The median: q = 0.5, reduction {@code mean}. */
    public QuantileLoss() {
        this(0.5);
    }

    /**
     * One quantile q ∈ [0, 1], reduction {@code mean}.
     *
     * @param q the quantile q ∈ [0, 1]: under-prediction costs q per unit, over-prediction 1 − q (0.5: half the L1)
     */
    public QuantileLoss(double q) {
        this(q, Reduction.MEAN);
    }

    /**
     * One quantile q ∈ [0, 1] and the given reduction.
     *
     * @param q the quantile q ∈ [0, 1]: under-prediction costs q per unit, over-prediction 1 − q
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public QuantileLoss(double q, Reduction reduction) {
        super(DECLARATION, reduction);
        this.q = new float[] {checkedFloat32("q", q)};
        this.multi = false;
        this.quantileReduction = QuantileReduction.MEAN;
    }

    /**
     * Several quantiles, one per entry of the input's last axis.
     *
     * @param quantiles         the K quantiles, each in [0, 1]
     * @param quantileReduction how a sample's K losses are combined
     * @param reduction         {@code none}, {@code mean} or {@code sum} over the samples
     */
    public QuantileLoss(double[] quantiles, QuantileReduction quantileReduction, Reduction reduction) {
        this(Tensor.of(checked(quantiles), quantiles.length), quantileReduction, reduction);
    }

    /** Each given quantile in [0, 1], named with its index. */
    private static double[] checked(double[] quantiles) {
        for (int i = 0; i < quantiles.length; i++) {
            try {
                DECLARATION.parameter("q").check(quantiles[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " at index " + i, e);
            }
        }
        return quantiles;
    }

    /** The registry's factory: a number q is checked as given (and as the float32 it becomes); a list arrives as a tensor. */
    private static QuantileLoss create(LossParams p) {
        QuantileReduction qr = p.getChoice("quantile_reduction", QuantileReduction.values());
        if (!p.has("q") || p.isNumber("q")) {
            return new QuantileLoss(p.getDouble("q"), p.reduction());
        }
        return new QuantileLoss(p.getTensor("q", null), qr, p.reduction());
    }

    /**
     * One quantile (a 0-d {@code q}) or several (a 1-d {@code q}), as the registry receives them.
     *
     * @param q                 a 0-d tensor, or a non-empty 1-d tensor, of values in [0, 1]
     * @param quantileReduction how a sample's K losses are combined (several quantiles only)
     * @param reduction         {@code none}, {@code mean} or {@code sum}
     */
    public QuantileLoss(Tensor q, QuantileReduction quantileReduction, Reduction reduction) {
        super(DECLARATION, reduction);
        if (q == null) {
            throw error("q must be given");
        }
        if (quantileReduction == null) {
            throw error("quantile_reduction must be one of mean, sum, got null");
        }
        if (q.dim() > 1 || (q.dim() == 1 && q.numel() == 0)) {
            throw error("q must be a number or a non-empty 1-d list of quantiles, got shape " + q.shapeString());
        }
        float[] v = q.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] <= 1)) {
                throw error("q must be in [0, 1], got " + Check.fmtFloat(v[i])
                        + (q.dim() == 1 ? " at index " + i : ""));
            }
        }
        this.q = v;
        this.multi = q.dim() == 1;
        this.quantileReduction = quantileReduction;
        param("q", multi ? Tensor.of(v, v.length) : (Object) Double.parseDouble(Float.toString(v[0])));
        if (multi) {
            param("quantile_reduction", quantileReduction.label());
        }
    }

    /**
     * The quantiles (one for the single-quantile form).
     *
     * @return the quantiles (one for the single-quantile form)
     */
    public double[] quantiles() {
        double[] d = new double[q.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = q[i];
        }
        return d;
    }

    /**
     * Whether this loss takes one prediction per quantile in the input's last axis.
     *
     * @return whether this loss takes one prediction per quantile in the input's last axis
     */
    public boolean isMultiQuantile() {
        return multi;
    }

    /**
     * How a sample's per-quantile losses are combined.
     *
     * @return how a sample's per-quantile losses are combined
     */
    public QuantileReduction quantileReduction() {
        return quantileReduction;
    }

    @Override
    protected LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget) {
        int k = q.length;
        int[] outShape;
        boolean sharedTarget;
        if (!multi) {
            Check.sameShape(name(), "input", input, "target", target);
            outShape = input.shape();
            sharedTarget = true;
        } else {
            int[] s = input.shape();
            if (s.length == 0 || s[s.length - 1] != k) {
                throw error("input must hold one prediction per quantile in its last dimension, shape (..., " + k
                        + "), got " + input.shapeString());
            }
            outShape = Arrays.copyOf(s, s.length - 1);
            int[] ts = target.shape();
            int[] column = Arrays.copyOf(outShape, outShape.length + 1);
            column[outShape.length] = 1;
            if (Arrays.equals(ts, s)) {
                sharedTarget = false;
            } else if (Arrays.equals(ts, outShape) || Arrays.equals(ts, column)) {
                sharedTarget = true;
            } else {
                throw error("target shape " + target.shapeString() + " does not fit input shape "
                        + input.shapeString() + " with " + k + " quantiles; expected "
                        + Check.shape(outShape) + ", " + Check.shape(column) + " or " + input.shapeString());
            }
        }
        int samples = input.numel() / k;
        float[] x = input.data();
        float[] y = target.data();
        Reduction r = reduction();
        float[] out = r == Reduction.NONE ? new float[samples] : null;
        float[] gx = gradInput ? new float[x.length] : null;
        float[] gy = gradTarget ? new float[y.length] : null;
        double perQuantile = multi && quantileReduction == QuantileReduction.MEAN ? 1.0 / k : 1.0;
        double scale = perQuantile * (1 / r.divisor(samples));
        int n = samples;
        boolean shared = sharedTarget;
        double sum = Parallel.sum(n, (from, to) -> kernel(x, y, q, shared, perQuantile, scale, out, gx, gy, from,
                to));
        Map<String, Tensor> grads = new LinkedHashMap<>(2);
        putGradient(grads, "input", gx, input.shape());
        putGradient(grads, "target", gy, target.shape());
        return reduced(sum, n, out, outShape, grads);
    }

    /**
     * Samples [from, to): sample s has predictions x[s·K .. s·K + K) and its target at y[s] (shared) or
     * y[s·K + k].
     */
    private static double kernel(float[] x, float[] y, float[] q, boolean sharedTarget, double perQuantile,
            double scale, float[] out, float[] gx, float[] gy, int from, int to) {
        final int k = q.length;
        double sum = 0;
        for (int s = from; s < to; s++) {
            double acc = 0;
            double gyShared = 0;
            int base = s * k;
            for (int j = 0; j < k; j++) {
                int i = base + j;
                double qj = q[j];
                double e = (double) (sharedTarget ? y[s] : y[i]) - x[i];
                boolean under = e >= 0; // the tie e = 0 goes to the first argument of max(q·e, (q − 1)·e)
                acc += under ? qj * e : (qj - 1) * e;
                double g = (under ? -qj : 1 - qj) * scale;
                if (gx != null) {
                    gx[i] = (float) g;
                }
                if (gy != null) {
                    if (sharedTarget) {
                        gyShared -= g;
                    } else {
                        gy[i] = (float) -g;
                    }
                }
            }
            double l = acc * perQuantile;
            sum += l;
            if (out != null) {
                out[s] = (float) l;
            }
            if (gy != null && sharedTarget) {
                gy[s] = (float) gyShared;
            }
        }
        return sum;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The second derivative is <b>0 everywhere</b>, at e = 0 too: the loss is piecewise linear in x, and
     * PyTorch's double backward of its formula is 0 (a Newton method needs a floor or a constant in its place).
     * One quantile: allocation-free, as tensors of shape (n). Several quantiles: the arrays are taken as a tensor of
     * shape (n), which the K-prediction input shape (..., K) refuses unless n = K.
     */
    @Override
    public double valueGradHess(float[] input, float[] target, float[] gradInput, float[] hessInput, int n) {
        checkSecondOrderPath(input, target, gradInput, hessInput, n);
        if (multi) {
            SecondOrderResult r = valueGradHess(Tensor.wrap(Arrays.copyOf(input, n), n),
                    Tensor.wrap(Arrays.copyOf(target, n), n));
            System.arraycopy(r.gradInput().data(), 0, gradInput, 0, n);
            System.arraycopy(r.hessInput().data(), 0, hessInput, 0, n);
            return r.isScalar() ? r.item() : r.value().data()[0];
        }
        Reduction r = reduction();
        double scale = 1 / r.divisor(n);
        Arrays.fill(hessInput, 0, n, 0f);
        double sum = n <= Parallel.BLOCK
                ? (n == 0 ? 0 : kernel(input, target, q, true, 1.0, scale, null, gradInput, null, 0, n))
                : Parallel.sum(n, (from, to) -> kernel(input, target, q, true, 1.0, scale, null, gradInput, null,
                        from, to));
        return sum / r.divisor(n);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The value and gradient of {@link #valueAndGradInput(Tensor, Tensor)}, and a second derivative of 0
     * everywhere (see {@link #valueGradHess(float[], float[], float[], float[], int)}), in the input's shape.
     */
    @Override
    public SecondOrderResult valueGradHess(Tensor input, Tensor target) {
        LossResult r = valueAndGradInput(input, target);
        return secondOrder(r, Tensor.wrap(new float[r.gradInput().numel()], r.gradInput().shape()));
    }
}
