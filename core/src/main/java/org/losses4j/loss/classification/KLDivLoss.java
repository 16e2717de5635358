package org.losses4j.loss.classification;

import java.util.Arrays;
import java.util.EnumSet;

import org.losses4j.loss.Check;
import org.losses4j.loss.Family;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;

/**
 * Kullback–Leibler divergence, PyTorch's {@code nn.KLDivLoss(reduction='mean', log_target=False)} /
 * {@code F.kl_div}.
 *
 * <p>The input x holds <b>log-probabilities</b>; the target t holds probabilities, or log-probabilities when
 * {@code log_target} is true. Per element:
 * <pre>
 *   log_target = false:  ℓ = t·(log t − x), with 0·log 0 = 0 (PyTorch's xlogy(t, t) − t·x)
 *   log_target = true:   ℓ = e^t·(t − x)
 * </pre>
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean} (default, as PyTorch): Σℓ<sub>i</sub> / n over <b>all</b> elements, which divides by the
 *       batch size <em>and</em> the support size (PyTorch warns about it);</li>
 *   <li>{@code batchmean}: Σℓ<sub>i</sub> / size of dimension 0, the mathematical KL divergence per sample (the sum
 *       for a 0-d input; NaN for an empty batch);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of identical shape (PyTorch broadcasts them silently; losses4j rejects a mismatch).
 * <p>Gradient: ∂ℓ/∂x = −t (−e^t with {@code log_target}); ∂ℓ/∂t = log t + 1 − x, which is <b>NaN at t = 0</b> as
 * in PyTorch (autograd of xlogy; the derivative of t·log t is unbounded there), and e^t·(t − x + 1) with
 * {@code log_target}; all divided by the reduction's denominator.
 * <p>Second derivative with respect to the input ({@link org.losses4j.loss.SecondOrderLoss}): <b>0
 * everywhere</b> (the loss is linear in the input).
 * <p>Validation: with {@code log_target} false, a negative target is an error naming the value and its index
 * (PyTorch returns NaN there).
 * <p>Peers: Keras's {@code KLDivergence} takes two probability tensors clipped to [1e-7, 1] and sums over the last
 * axis.
 * <p>Reference: S. Kullback and R. A. Leibler, "On Information and Sufficiency", Annals of Mathematical Statistics
 * 22(1), 1951; PyTorch {@code torch.nn.KLDivLoss}.
 */
public final class KLDivLoss extends WeightedElementwiseLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("kl_div", Family.CLASSIFICATION,
                    "KL divergence of log-probability input from target; has batchmean (PyTorch KLDivLoss).")
            .bool("log_target", false, "the target holds log-probabilities")
            .reductions(EnumSet.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM, Reduction.BATCHMEAN), Reduction.MEAN)
            .factory(p -> new KLDivLoss(p.reduction(), p.getBoolean("log_target")));

    private final boolean logTarget;

    /** Probability targets, reduction {@code mean} (PyTorch's default; {@code batchmean} is the true KL). */
    public KLDivLoss() {
        this(Reduction.MEAN, false);
    }

    /**
     * @param reduction {@code none}, {@code mean}, {@code sum} or {@code batchmean}
     * @param logTarget whether the target holds log-probabilities
     */
    public KLDivLoss(Reduction reduction, boolean logTarget) {
        super(DECLARATION, reduction, null, null);
        this.logTarget = logTarget;
        param("log_target", logTarget);
    }

    /**
     * Whether the target holds log-probabilities.
     *
     * @return whether the target holds log-probabilities
     */
    public boolean logTarget() {
        return logTarget;
    }

    /**
     * The value and gradients, and where {@code b.hx} is set the second derivative: 0 everywhere (the loss is
     * linear in the input), as PyTorch's double backward.
     */
    @Override
    double kernel(Block b, int from, int to) {
        if (b.hx != null) {
            Arrays.fill(b.hx, from, to, 0f);
        }
        final float[] x = b.x;
        final float[] y = b.y;
        final float[] out = b.out;
        final float[] gx = b.gx;
        final float[] gy = b.gy;
        final double scale = b.scale;
        double sum = 0;
        if (logTarget) {
            for (int i = from; i < to; i++) {
                double xi = x[i];
                double ti = y[i];
                double et = Math.exp(ti);
                double l = et * (ti - xi);
                sum += l;
                if (out != null) {
                    out[i] = (float) l;
                }
                if (gx != null) {
                    gx[i] = (float) (-et * scale);
                }
                if (gy != null) {
                    gy[i] = (float) ((l + et) * scale);
                }
            }
            return sum;
        }
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double ti = y[i];
            if (ti < 0) {
                throw Check.error(name(), "target must hold probabilities >= 0 (log_target=false), got "
                        + Check.fmtFloat(y[i]) + " at index " + i);
            }
            double logT = Math.log(ti);
            double l = (ti == 0 ? 0 : ti * logT) - ti * xi;
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            if (gx != null) {
                gx[i] = (float) (-ti * scale);
            }
            if (gy != null) {
                gy[i] = (float) (ti == 0 ? Double.NaN : (logT + 1 - xi) * scale);
            }
        }
        return sum;
    }
}
