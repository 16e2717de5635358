package org.losses4j.loss.classification;

import org.losses4j.kernel.BceWithLogitsKernels;
import org.losses4j.kernel.FastMath;
import org.losses4j.kernel.Simd;
import org.losses4j.loss.Family;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/**
 * Binary cross-entropy on logits, PyTorch's {@code nn.BCEWithLogitsLoss(weight=None, reduction='mean',
 * pos_weight=None)} / {@code F.binary_cross_entropy_with_logits}.
 *
 * <p>Per element, with x the logit, y the target (any value, soft labels allowed), w the weight and p the
 * positive-class weight ({@code pos_weight}):
 * <pre>
 *   ℓ = w·[ (1 − y)·x − (1 + (p − 1)·y)·log σ(x) ],    log σ(x) = min(x, 0) − log1p(e^−|x|)
 * </pre>
 * which without {@code pos_weight} is max(x, 0) − x·y + log1p(e^−|x|) (TensorFlow's
 * {@code sigmoid_cross_entropy_with_logits}). The stable form never evaluates log(σ(x)) or e^x: it is finite and
 * exact for logits of ±100 and far beyond.
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n over all n elements (NaN for an empty input);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of identical shape (a mismatch is an error, as in PyTorch). {@code weight} and
 * {@code pos_weight} broadcast against them; {@code pos_weight} is typically a {@code (C)} vector along the last
 * (class) dimension, one weight per class of a multi-label problem.
 * <p>The value is evaluated as w·[ (1 − y)·softplus(x) + p·y·softplus(−x) ], softplus(z) = max(z, 0) + log1p(e^−|z|), a sum of
 * non-negative terms, so tiny losses keep their relative accuracy.
 * <p>Gradient: ∂ℓ/∂x = w·[ (1 − y)·σ(x) − p·y·σ(−x) ] (w·(σ(x) − y) without {@code pos_weight}, computed as
 * (1 − y)·σ(x) − y·σ(−x), so that a tiny gradient such as −e^−x/(1 + e^−x) for y = 1 and x ≫ 0 does not round to 0);
 * ∂ℓ/∂y = w·[ p·softplus(−x) − softplus(x) ]; both divided by n for {@code mean}.
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}): w·(p·y + 1 − y)·σ(x)·σ(−x)
 * (w·σ(x)·σ(−x) without {@code pos_weight}), ¼·w at x = 0, about e<sup>−|x|</sup> in the tails, evaluated
 * without cancellation; divided by n for {@code mean}.
 * <p>Reference: PyTorch {@code torch.nn.BCEWithLogitsLoss}.
 */
public final class BinaryCrossEntropyWithLogitsLoss extends WeightedElementwiseLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("binary_cross_entropy_with_logits",
                    Family.CLASSIFICATION, "Stable BCE on logits with pos_weight (PyTorch BCEWithLogitsLoss).")
            .tensor("weight", "a weight per element, broadcast against the input")
            .tensor("pos_weight", "the weight of the positive term, broadcast against the input (one per class)")
            .factory(p -> new BinaryCrossEntropyWithLogitsLoss(p.getTensor("weight"), p.reduction(),
                    p.getTensor("pos_weight")));


    /** Without weights, reduction {@code mean}. */
    public BinaryCrossEntropyWithLogitsLoss() {
        this(null, Reduction.MEAN, null);
    }

    /**
     * Without weights, the given reduction.
     *
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public BinaryCrossEntropyWithLogitsLoss(Reduction reduction) {
        this(null, reduction, null);
    }

    /**
     * @param weight    broadcast against the input, or {@code null}
     * @param reduction {@code none}, {@code mean} or {@code sum}
     * @param posWeight weight of the positive term, broadcast against the input (usually {@code (C)}), or
     *                  {@code null}
     */
    public BinaryCrossEntropyWithLogitsLoss(Tensor weight, Reduction reduction, Tensor posWeight) {
        super(DECLARATION, reduction, weight, posWeight);
        if (weight != null) {
            param("weight", weight);
        }
        if (posWeight != null) {
            param("pos_weight", posWeight);
        }
    }

    @Override
    double kernel(Block b, int from, int to) {
        final float[] x = b.x;
        final float[] y = b.y;
        final float[] w = b.w;
        final int wp = b.wPeriod;
        final float[] pw = b.pw;
        final int pwp = b.pwPeriod;
        final float[] out = b.out;
        final float[] gx = b.gx;
        final float[] gy = b.gy;
        final double scale = b.scale;
        if (w == null && pw == null) {
            // float32 like PyTorch's kernel, chunk by chunk or on whole vectors (see VectorKernels#bceWithLogits)
            double s = Simd.KERNELS.bceWithLogits(x, y, out, gx, gy, (float) scale, from, to);
            if (!Double.isFinite(s) && BceWithLogitsKernels.anyInfinite(x, from, to)) {
                // max(x, 0) − x·y is NaN at x = +∞ (y < 1), whose loss is +∞, and +∞ at x = −∞ (y = 1), where
                // PyTorch's (1 − y)·x + max(−x, 0) is NaN: such a range takes the general formula, PyTorch's values.
                return BceWithLogitsKernels.general(x, y, null, 1, null, 1, out, gx, gy, scale, from, to);
            }
            return s;
        }
        return BceWithLogitsKernels.general(x, y, w, wp, pw, pwp, out, gx, gy, scale, from, to);
    }

    /**
     * The second derivative: ∂²ℓ/∂x² = w·(p·y + 1 − y)·σ(x)·σ(−x) (w·σ(x)·σ(−x) without {@code pos_weight}; it does
     * not depend on the target then), evaluated as e/(1 + e)² with e = e<sup>−|x|</sup>: ¼ at x = 0, about
     * e<sup>−|x|</sup> in the tails (no cancellation), 0 at x = ±∞. Divided by n for {@code mean}. Without weights
     * in float32, e by {@link FastMath#exp} in place in {@code hx} (vectorised loops, a few ulp); with weights in
     * double.
     */
    @Override
    void inputHessian(Block b, float[] hx, int from, int to) {
        final float[] x = b.x;
        final float[] y = b.y;
        final float[] w = b.w;
        final int wp = b.wPeriod;
        final float[] pw = b.pw;
        final int pwp = b.pwPeriod;
        final double scale = b.scale;
        if (w == null && pw == null) {
            for (int i = from; i < to; i++) {
                hx[i] = -Math.abs(x[i]);
            }
            FastMath.exp(hx, from, hx, from, to - from);
            final float sc = (float) scale;
            for (int i = from; i < to; i++) {
                float e = hx[i];
                float q = 1f + e;
                hx[i] = e / (q * q) * sc;
            }
            return;
        }
        int j = w == null ? 0 : from % wp;
        int k = pw == null ? 0 : from % pwp;
        for (int i = from; i < to; i++) {
            double wi = 1;
            if (w != null) {
                wi = w[j];
                if (++j == wp) {
                    j = 0;
                }
            }
            double pi = 1;
            if (pw != null) {
                pi = pw[k];
                if (++k == pwp) {
                    k = 0;
                }
            }
            double e = Math.exp(-Math.abs((double) x[i]));
            double q = 1 + e;
            hx[i] = (float) (wi * (1 + (pi - 1) * y[i]) * e / (q * q) * scale);
        }
    }
}
