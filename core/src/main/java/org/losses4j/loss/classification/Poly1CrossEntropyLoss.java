package org.losses4j.loss.classification;

import org.losses4j.kernel.Softmax;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.Tensor;

/**
 * Poly-1 cross-entropy (Leng et al. 2022): cross-entropy plus ε times the first polynomial term of its Taylor
 * expansion in (1 − p<sub>t</sub>).
 *
 * <p>Per row, with p = softmax(x) over the class dimension, C classes, and the (smoothed) target distribution
 * t' = (1 − ls)·t + ls/C (t one-hot for a class-index target, or the given class probabilities):
 * <pre>
 *   ℓ = CE(x, t') + ε·Σ_c t'_c·(1 − p_c)        (= CE + ε·(1 − p_t) when t' sums to 1)
 * </pre>
 * with CE(x, t') = −Σ<sub>c</sub> t'<sub>c</sub>·log p<sub>c</sub> (max-shifted log-sum-exp). The smoothed labels
 * enter both terms, as in the paper's label-smoothing listing; with ls = 0 it is optax's
 * {@code poly_loss_cross_entropy}.
 * <ul>
 *   <li>{@code none}: ℓ per row ((), (N) or (N, d1, ..., dK));</li>
 *   <li>{@code mean} (default): Σℓ / number of rows (NaN for an empty batch);</li>
 *   <li>{@code sum}: Σℓ.</li>
 * </ul>
 * <p>Shapes: as {@link CrossEntropyLoss}: input (C), (N, C) or (N, C, d1, ..., dK), classes along dimension 1;
 * target of class indices or of class probabilities (the input's shape).
 * <p>Gradient: ∂ℓ/∂x<sub>k</sub> = p<sub>k</sub>·(Σt' + ε·P) − t'<sub>k</sub>·(1 + ε·p<sub>k</sub>) with
 * P = Σ<sub>c</sub> t'<sub>c</sub>p<sub>c</sub>; for a one-hot target (p<sub>k</sub> − δ<sub>kt</sub>)·(1 + ε·p<sub>t</sub>).
 * Divided by the number of rows for {@code mean}. No gradient for the target.
 * <p>Parameters: ε ({@code epsilon}) default <b>2.0</b>, optax's default and the paper's ImageNet setting; the paper
 * suggests ε = −1 for detection; any finite ε is accepted (ε ≥ −1 keeps the leading coefficient non-negative).
 * {@code label_smoothing} in [0, 1], default 0.
 * <p>Reference: Z. Leng, M. Tan, C. Liu, E. D. Cubuk, X. Shi, S. Cheng and D. Anguelov, "PolyLoss: A Polynomial
 * Expansion Perspective of Classification Loss Functions", ICLR 2022; optax {@code poly_loss_cross_entropy}.
 */
public final class Poly1CrossEntropyLoss extends ClassDimLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("poly1_cross_entropy", Family.CLASSIFICATION,
                    "Cross-entropy + epsilon (1 - p_t) (Leng et al. 2022, optax poly_loss_cross_entropy).")
            .inputs(InputSpec.differentiable("input"), InputSpec.indicesOrFloat("target"))
            .number("epsilon", 2.0, Rule.FINITE, "the weight of the first polynomial term (1 - p_t)")
            .number("label_smoothing", 0.0, Rule.closed(0, 1), "the share of the target spread evenly over the classes")
            .factory(p -> new Poly1CrossEntropyLoss(p.getDouble("epsilon"), p.getDouble("label_smoothing"),
                    p.reduction()));

    private final double epsilon;
    private final double labelSmoothing;

    /** ε = 2, no label smoothing, reduction {@code mean}. */
    public Poly1CrossEntropyLoss() {
        this(2.0, 0.0, Reduction.MEAN);
    }

    /**
     * @param epsilon        coefficient of the (1 − p<sub>t</sub>) term, finite
     * @param labelSmoothing in [0, 1]
     * @param reduction      {@code none}, {@code mean} or {@code sum}
     */
    public Poly1CrossEntropyLoss(double epsilon, double labelSmoothing, Reduction reduction) {
        super(DECLARATION, reduction);
        this.epsilon = checked("epsilon", epsilon);
        this.labelSmoothing = checked("label_smoothing", labelSmoothing);
    }

    @Override
    protected LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget) {
        Layout l = layout(input, target, true);
        float[] x = input.data();
        return evaluateRows(l, input, gradInput, l.c, (g, out, gx, r0, r1) -> rows(l, x, g, out, gx, r0, r1));
    }

    private double rows(Layout l, float[] x, double g, float[] out, float[] gx, int r0, int r1) {
        final int c = l.c;
        final int stride = l.inner;
        final double keep = 1 - labelSmoothing;
        final double lsC = labelSmoothing / c;
        final double eps = epsilon;
        final float[] prob = l.prob;
        double sum = 0;
        for (int r = r0; r < r1; r++) {
            int base = l.base(r);
            int t = prob == null ? (int) l.index[r] : -1;
            double m = Softmax.max(x, base, stride, c);
            double se = Softmax.sumExp(x, base, stride, c, m, gx);
            double ls = Math.log(se);
            double st = 0;
            double std = 0; // Σ t·(m − x): −log p = (m − x) + log Σe, the shift subtracted first
            double ste = 0;
            for (int k = 0, j = base; k < c; k++, j += stride) {
                double tk = prob == null ? (k == t ? keep : 0) + lsC : keep * prob[j] + lsC;
                st += tk;
                std += tk * (m - x[j]);
                ste += tk * (gx != null ? gx[j] : Math.exp(x[j] - m));
            }
            double pt = ste / se;
            double loss = st * ls + std + eps * (st - pt);
            sum += loss;
            if (out != null) {
                out[r] = (float) loss;
            }
            if (gx != null) {
                double a = st + eps * pt;
                for (int k = 0, j = base; k < c; k++, j += stride) {
                    double tk = prob == null ? (k == t ? keep : 0) + lsC : keep * prob[j] + lsC;
                    double p = gx[j] / se;
                    gx[j] = (float) (g * (p * a - tk * (1 + eps * p)));
                }
            }
        }
        return sum;
    }
}
