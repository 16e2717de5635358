package org.losses4j.loss.classification;

import org.losses4j.loss.Check;
import org.losses4j.loss.Family;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/**
 * Binary cross-entropy on probabilities, PyTorch's {@code nn.BCELoss(weight=None, reduction='mean')} /
 * {@code F.binary_cross_entropy}.
 *
 * <p>Per element, with x the predicted probability, y the target probability and w the weight:
 * <pre>
 *   ℓ = −w·[ y·max(log x, −100) + (1 − y)·max(log(1 − x), −100) ]
 * </pre>
 * Each log is clamped at −100, as PyTorch does, so x = 0 or x = 1 give a finite loss (at most 100·w) and a perfect
 * prediction gives 0 (0·(−100) = 0).
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n over all n elements (not ÷ Σw; NaN for an empty input);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of identical shape (a mismatch is an error, as in PyTorch); {@code weight} broadcasts
 * against them (a scalar, a {@code (C)} vector along the last dimension, an {@code (N, 1)} column, ...).
 * <p>Gradient: ∂ℓ/∂x = w·(x − y) / max(x·(1 − x), 1e-12) (PyTorch's floor: finite at x = 0 and 1);
 * ∂ℓ/∂y = −w·logit(x) = w·(log(1 − x) − log x), <b>unclamped</b> as PyTorch's backward, so it is ±∞ at x = 1 and
 * x = 0. Both divided by n for {@code mean}.
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}): PyTorch's double backward,
 * w·(x² − 2xy + y)/((x + ε)²·(1 − x + ε)²) with ε = 1e-12, i.e. w·(y/x² + (1 − y)/(1 − x)²), finite (about
 * 1e24·w) at x = 0 and 1; divided by n for {@code mean}.
 * <p>Validation: every input element must lie in [0, 1] (PyTorch: "all elements of input should be between 0 and
 * 1"), and so must every target element (PyTorch ≥ 2.0 checks it; 1.13 does not); the message names the value and
 * its index. NaN fails both checks.
 * <p>Peers: Keras's {@code BinaryCrossentropy} clips x to [1e-7, 1 − 1e-7] instead of clamping the logs, and
 * averages over the last axis first. Prefer {@link BinaryCrossEntropyWithLogitsLoss} on logits: it is stable.
 * <p>Reference: PyTorch {@code torch.nn.BCELoss}.
 */
public final class BinaryCrossEntropyLoss extends WeightedElementwiseLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("binary_cross_entropy", Family.CLASSIFICATION,
                    "BCE on probabilities, logs clamped at -100 (PyTorch BCELoss).")
            .tensor("weight", "a weight per element, broadcast against the input")
            .factory(p -> new BinaryCrossEntropyLoss(p.getTensor("weight"), p.reduction()));

    private static final double LOG_CLAMP = -100;
    private static final double EPS = 1e-12;

    /** BCE without weights, reduction {@code mean}. */
    public BinaryCrossEntropyLoss() {
        this(null, Reduction.MEAN);
    }

    /**
     * BCE without weights and the given reduction.
     *
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public BinaryCrossEntropyLoss(Reduction reduction) {
        this(null, reduction);
    }

    /**
     * BCE with a weight broadcast against the input (or {@code null}) and the given reduction.
     *
     * @param weight a weight per element, broadcast against the input, or null for none
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public BinaryCrossEntropyLoss(Tensor weight, Reduction reduction) {
        super(DECLARATION, reduction, weight, null);
        if (weight != null) {
            param("weight", weight);
        }
    }

    /**
     * The value and gradients, and where {@code b.hx} is set the second derivative, PyTorch's
     * {@code binary_cross_entropy} double backward:
     * <pre>
     *   ∂²ℓ/∂x² = w·(x² − 2xy + y) / ((x + ε)²·(1 − x + ε)²),   ε = 1e-12
     * </pre>
     * which is w·(y/x² + (1 − y)/(1 − x)²) with ε keeping it finite (and huge: about 1e24·w) at x = 0 and x = 1.
     * Divided by n for {@code mean}. Where a log is clamped at −100 (x below e<sup>−100</sup>, i.e. x = 0 in
     * float32) the true second derivative of the clamped loss would be 0; like PyTorch we return the formula.
     */
    @Override
    double kernel(Block b, int from, int to) {
        final float[] x = b.x;
        final float[] y = b.y;
        final float[] w = b.w;
        final int wp = b.wPeriod;
        final float[] out = b.out;
        final float[] gx = b.gx;
        final float[] gy = b.gy;
        final float[] hx = b.hx;
        final float scale = b.scale;
        int j = w == null ? 0 : from % wp;
        double sum = 0;
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double yi = y[i];
            if (!(xi >= 0 && xi <= 1)) {
                throw Check.error(name(), "input must hold probabilities in [0, 1], got " + Check.fmtFloat(x[i])
                        + " at index " + i);
            }
            if (!(yi >= 0 && yi <= 1)) {
                throw Check.error(name(), "target must hold probabilities in [0, 1], got " + Check.fmtFloat(y[i])
                        + " at index " + i);
            }
            double wi = 1;
            if (w != null) {
                wi = w[j];
                if (++j == wp) {
                    j = 0;
                }
            }
            double logX = Math.log(xi);
            double log1mX = Math.log1p(-xi);
            double l = -wi * (yi * Math.max(logX, LOG_CLAMP) + (1 - yi) * Math.max(log1mX, LOG_CLAMP));
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            if (gx != null) {
                gx[i] = (float) (wi * (xi - yi) / Math.max(xi * (1 - xi), EPS) * scale);
            }
            if (gy != null) {
                gy[i] = (float) (wi * (log1mX - logX) * scale);
            }
            if (hx != null) {
                double a = (xi + EPS) * (1 - xi + EPS);
                hx[i] = (float) (wi * (xi * xi - 2 * xi * yi + yi) / (a * a) * scale);
            }
        }
        return sum;
    }
}
