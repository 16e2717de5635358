package org.losses4j.loss.classification;

import org.losses4j.kernel.Softmax;
import org.losses4j.loss.Check;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.Tensor;

/**
 * Multi-class (softmax) focal loss from logits: the focal loss of Lin et al. generalised to a softmax over C classes,
 * as Keras's {@code CategoricalFocalCrossentropy} (from logits).
 *
 * <p>Per row, with logp = log_softmax(x) over the class dimension, p = e^logp, α<sub>c</sub> the class weight and
 * y<sub>c</sub> the target distribution (one-hot for a class-index target):
 * <pre>
 *   ℓ = −Σ_c α_c · y_c · (1 − p_c)^γ · logp_c        (one-hot: −α_t·(1 − p_t)^γ·log p_t)
 * </pre>
 * 1 − p<sub>c</sub> is computed as −expm1(logp<sub>c</sub>), accurate when p<sub>c</sub> is close to 1. With γ = 0
 * and α = 1 this is exactly {@link CrossEntropyLoss} (without weights or smoothing).
 * <ul>
 *   <li>{@code none}: ℓ per row ((), (N) or (N, d1, ..., dK));</li>
 *   <li>{@code mean} (default): Σℓ / number of rows (NaN for an empty batch);</li>
 *   <li>{@code sum}: Σℓ.</li>
 * </ul>
 * <p>Shapes: as {@link CrossEntropyLoss} (classes along dimension 1; class-index or class-probability targets).
 * <p>Gradient: with u<sub>c</sub> = α<sub>c</sub>y<sub>c</sub>·[ (1 − p<sub>c</sub>)^γ −
 * γ·(1 − p<sub>c</sub>)^(γ−1)·p<sub>c</sub>·logp<sub>c</sub> ], ∂ℓ/∂x<sub>k</sub> = p<sub>k</sub>·Σ<sub>c</sub>u<sub>c</sub>
 * − u<sub>k</sub> (the second term of u is its limit 0 where p<sub>c</sub> = 1); divided by the number of rows for
 * {@code mean}. No gradient for the target.
 * <p>Parameters: γ ({@code gamma}) ≥ 0, default 2; α ({@code alpha}): none (1 for every class, the default), one
 * number for every class, or a (C) tensor of per-class weights, each ≥ 0. Keras's default α is 0.25 for every class.
 * <p>Reference: T.-Y. Lin, P. Goyal, R. Girshick, K. He and P. Dollár, "Focal Loss for Dense Object Detection",
 * ICCV 2017 (the multi-class form of its §3.2); Keras {@code CategoricalFocalCrossentropy}.
 */
public final class SoftmaxFocalLoss extends ClassDimLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("softmax_focal_loss", Family.CLASSIFICATION,
                    "Multi-class focal loss on logits, optional per-class alpha (Lin et al. 2017).")
            .inputs(InputSpec.differentiable("input"), InputSpec.indicesOrFloat("target"))
            .tensor("alpha", "a weight per class, shape (C)")
            .number("gamma", 2.0, Rule.NON_NEGATIVE_FINITE, "the focusing exponent")
            .factory(p -> new SoftmaxFocalLoss(p.getTensor("alpha"), p.getDouble("gamma"), p.reduction()));

    private final Tensor alpha;
    private final double gamma;

    /** γ = 2, no α, reduction {@code mean}. */
    public SoftmaxFocalLoss() {
        this(null, 2.0, Reduction.MEAN);
    }

    /**
     * @param alpha     null (no weighting), a 0-d tensor (one weight for every class) or a (C) tensor; values ≥ 0
     * @param gamma     focusing exponent ≥ 0
     * @param reduction {@code none}, {@code mean} or {@code sum}
     */
    public SoftmaxFocalLoss(Tensor alpha, double gamma, Reduction reduction) {
        super(DECLARATION, reduction);
        if (alpha != null) {
            Tensor a = alpha.toFloat();
            if (a.dim() > 1) {
                throw error("alpha must be a number or a 1-d tensor of one weight per class, got shape "
                        + a.shapeString());
            }
            for (float v : a.data()) {
                Check.finite(name(), "alpha", Check.nonNegative(name(), "alpha", v));
            }
            this.alpha = a;
            param("alpha", a.dim() == 0 ? (Object) (double) a.item() : a);
        } else {
            this.alpha = null;
        }
        this.gamma = checked("gamma", gamma);
    }

    @Override
    protected LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget) {
        Layout l = layout(input, target, true);
        float[] a = alpha == null ? null : alpha.dim() == 0 ? filled(alpha.item(), l.c)
                : classWeights("alpha", alpha, l.c);
        float[] x = input.data();
        return evaluateRows(l, input, gradInput, 2 * l.c, (g, out, gx, r0, r1) -> rows(l, x, a, g, out, gx, r0, r1));
    }

    private static float[] filled(float v, int c) {
        float[] f = new float[c];
        java.util.Arrays.fill(f, v);
        return f;
    }

    private double rows(Layout l, float[] x, float[] a, double g, float[] out, float[] gx, int r0, int r1) {
        final int c = l.c;
        final int stride = l.inner;
        final float[] prob = l.prob;
        double sum = 0;
        for (int r = r0; r < r1; r++) {
            int base = l.base(r);
            double m = Softmax.max(x, base, stride, c);
            double ls = Math.log(Softmax.sumExp(x, base, stride, c, m, null)); // log p = (x − m) − ls
            double loss = 0;
            double su = 0;
            if (prob == null) {
                int t = (int) l.index[r];
                double yt = a == null ? 1 : a[t];
                int jt = base + t * stride;
                double logp = (x[jt] - m) - ls;
                loss = -yt * focal(logp);
                su = yt * slope(logp);
                if (gx != null) {
                    for (int k = 0, j = base; k < c; k++, j += stride) {
                        gx[j] = (float) (g * Math.exp((x[j] - m) - ls) * su);
                    }
                    gx[jt] = (float) (gx[jt] - g * su);
                }
            } else {
                for (int k = 0, j = base; k < c; k++, j += stride) {
                    double yk = (a == null ? 1 : a[k]) * prob[j];
                    double u = 0;
                    if (yk != 0) {
                        double logp = (x[j] - m) - ls;
                        loss -= yk * focal(logp);
                        u = yk * slope(logp);
                        su += u;
                    }
                    if (gx != null) {
                        gx[j] = (float) u;
                    }
                }
                if (gx != null) {
                    for (int k = 0, j = base; k < c; k++, j += stride) {
                        gx[j] = (float) (g * (Math.exp((x[j] - m) - ls) * su - gx[j]));
                    }
                }
            }
            sum += loss;
            if (out != null) {
                out[r] = (float) loss;
            }
        }
        return sum;
    }

    /** (1 − p)^γ·log p. */
    private double focal(double logp) {
        double q = -Math.expm1(logp);
        return (gamma == 0 ? 1 : Math.pow(q, gamma)) * logp;
    }

    /** d[(1 − p)^γ·log p]/d(log p) = (1 − p)^γ − γ·(1 − p)^(γ−1)·p·log p (0 for the second term at p = 1). */
    private double slope(double logp) {
        double q = -Math.expm1(logp);
        if (gamma == 0) {
            return 1;
        }
        double qg = Math.pow(q, gamma);
        double second = q == 0 ? 0 : gamma * Math.pow(q, gamma - 1) * Math.exp(logp) * logp;
        return qg - second;
    }
}
