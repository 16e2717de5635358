package org.losses4j.loss.classification;

import org.losses4j.kernel.BceWithLogitsKernels;
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
        final float[] out = b.out;
        final float[] gx = b.gx;
        final float[] gy = b.gy;
        final float[] hx = b.hx;
        final double scale = b.scale;
        if (b.w == null && b.pw == null) {
            // float32 like PyTorch's kernel, chunk by chunk or on whole vectors (see VectorKernels#bceWithLogits)
            double s = Simd.KERNELS.bceWithLogits(x, y, out, gx, gy, (float) scale, from, to);
            if (!Double.isFinite(s) && BceWithLogitsKernels.anyInfinite(x, from, to)) {
                // max(x, 0) − x·y is NaN at x = +∞ (y < 1), whose loss is +∞, and +∞ at x = −∞ (y = 1), where
                // PyTorch's (1 − y)·x + max(−x, 0) is NaN: such a range takes the general formula, PyTorch's values.
                s = BceWithLogitsKernels.general(x, y, null, 1, null, 1, out, gx, gy, null, scale, from, to);
            }
            if (hx != null) {
                BceWithLogitsKernels.hessian(x, hx, b.scale, from, to);
            }
            return s;
        }
        return BceWithLogitsKernels.general(x, y, b.w, b.wPeriod, b.pw, b.pwPeriod, out, gx, gy, hx, scale, from,
                to);
    }
}
