package org.losses4j.loss.classification;

import org.losses4j.kernel.Logistic;
import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.Family;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;

/**
 * Sigmoid focal loss, torchvision's {@code ops.sigmoid_focal_loss(inputs, targets, alpha=0.25, gamma=2,
 * reduction='none')}: binary cross-entropy on logits, down-weighted where the prediction is already good.
 *
 * <p>Per element, with x the logit, y the target in [0, 1], p = σ(x):
 * <pre>
 *   ce  = max(x, 0) − x·y + log1p(e^−|x|)            (BCE with logits, stable)
 *   p_t = p·y + (1 − p)·(1 − y)
 *   ℓ   = α_t · ce · (1 − p_t)^γ,    α_t = α·y + (1 − α)·(1 − y)   (α_t = 1 when α &lt; 0)
 * </pre>
 * 1 − p_t is computed as σ(x)·(1 − y) + σ(−x)·y, without cancellation.
 * <ul>
 *   <li>{@code none} (<b>the default, as torchvision</b>; every other loss here defaults to {@code mean}): the tensor
 *       of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean}: Σℓ<sub>i</sub> / n (NaN for an empty input). RetinaNet divides the sum by the number of
 *       positive anchors instead: use {@code sum} and divide;</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of identical shape (never broadcast).
 * <p>Gradient (autograd of the formula, also for soft labels), with q = 1 − p_t:
 * ∂ℓ/∂x = α_t·[ (p − y)·q^γ + ce·γ·q^(γ−1)·p·(1 − p)·(1 − 2y) ];
 * ∂ℓ/∂y = (2α − 1)·ce·q^γ + α_t·[ −x·q^γ + ce·γ·q^(γ−1)·(1 − 2p) ] (without the first term when α &lt; 0);
 * divided by n for {@code mean}. Where q = 0 exactly the second term of ∂ℓ/∂x is its limit, 0.
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}), autograd's of the formula, with
 * q' = p·(1 − p)·(1 − 2y):
 * ∂²ℓ/∂x² = α_t·[ p(1 − p)·q^γ + 2(p − y)·γ·q^(γ−1)·q' + ce·γ·(γ − 1)·q^(γ−2)·q'² + ce·γ·q^(γ−1)·q'·(1 − 2p) ];
 * it can be negative (the loss is not convex); where q = 0 exactly (so q' = 0 too) the terms with q' are their
 * limit, 0. Divided by n for {@code mean}.
 * <p>Validation: γ must be ≥ 0 (torchvision does not check; a negative γ makes the loss infinite at q = 0); α must be
 * finite.
 * <p>Peers: Keras's {@code BinaryFocalCrossentropy} has no α unless {@code apply_class_balancing=True}, clips
 * probabilities at 1e-7 and averages over the last axis.
 * <p>Reference: T.-Y. Lin, P. Goyal, R. Girshick, K. He and P. Dollár, "Focal Loss for Dense Object Detection",
 * ICCV 2017; torchvision {@code torchvision.ops.sigmoid_focal_loss}.
 */
public final class SigmoidFocalLoss extends ElementwiseLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("sigmoid_focal_loss", Family.CLASSIFICATION,
                    "Focal BCE on logits; default reduction none (torchvision sigmoid_focal_loss).")
            .number("alpha", 0.25, Rule.FINITE, "the weight of the positive class (negative: none)")
            .number("gamma", 2.0, Rule.NON_NEGATIVE_FINITE, "the focusing exponent")
            .defaultReduction(Reduction.NONE)
            .factory(p -> new SigmoidFocalLoss(p.getDouble("alpha"), p.getDouble("gamma"), p.reduction()));

    private final double alpha;
    private final double gamma;

    /** α = 0.25, γ = 2, reduction {@code none} (torchvision's defaults). */
    public SigmoidFocalLoss() {
        this(0.25, 2.0, Reduction.NONE);
    }

    /**
     * @param alpha     weight of the positive class in [0, 1]; a negative value disables the weighting
     * @param gamma     focusing exponent, ≥ 0 (0 gives BCE with logits, times α_t)
     * @param reduction {@code none}, {@code mean} or {@code sum}
     */
    public SigmoidFocalLoss(double alpha, double gamma, Reduction reduction) {
        super(DECLARATION, reduction);
        this.alpha = checked("alpha", alpha);
        this.gamma = checked("gamma", gamma);
    }

    /**
     * α (negative: no class weighting).
     *
     * @return α (negative: no class weighting)
     */
    public double alpha() {
        return alpha;
    }

    /**
     * γ.
     *
     * @return γ ≥ 0, the focusing exponent: (1 − p<sub>t</sub>)<sup>γ</sup> down-weights the well-classified elements
     *         (0 gives plain binary cross-entropy)
     */
    public double gamma() {
        return gamma;
    }

    @Override
    protected double kernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        final double a = alpha;
        final double gm = gamma;
        final boolean weighted = a >= 0;
        double sum = 0;
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double yi = y[i];
            double e = Math.exp(-Math.abs(xi));
            double p = xi >= 0 ? 1 / (1 + e) : e / (1 + e);      // σ(x)
            double pm = xi >= 0 ? e / (1 + e) : 1 / (1 + e);     // σ(−x) = 1 − p
            double ce = Math.max(xi, 0) - xi * yi + Logistic.log1pSmall(e);
            double q = p * (1 - yi) + pm * yi;                     // 1 − p_t
            double qg = gm == 2 ? q * q : Math.pow(q, gm);
            double at = weighted ? a * yi + (1 - a) * (1 - yi) : 1;
            double l = at * ce * qg;
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            if (gx != null || gy != null) {
                double qg1 = gm == 0 ? 0 : Math.pow(q, gm - 1);   // (1 − p_t)^(γ−1); ∞ at q = 0 for γ < 1
                if (gx != null) {
                    double focus = q == 0 ? 0 : ce * gm * qg1 * p * pm * (1 - 2 * yi);
                    gx[i] = (float) (at * ((p - yi) * qg + focus) * scale);
                }
                if (gy != null) {
                    double dy = at * (-xi * qg + ce * gm * qg1 * (1 - 2 * p));
                    if (weighted) {
                        dy += (2 * a - 1) * ce * qg;
                    }
                    gy[i] = (float) (dy * scale);
                }
            }
        }
        return sum;
    }

    /**
     * The second derivative, autograd's of the formula: with q = 1 − p<sub>t</sub>, q' = p·(1 − p)·(1 − 2y) and
     * q'' = q'·(1 − 2p),
     * <pre>
     *   ∂²ℓ/∂x² = α_t·[ p(1 − p)·q^γ + 2(p − y)·γ·q^(γ−1)·q' + ce·γ·(γ − 1)·q^(γ−2)·q'² + ce·γ·q^(γ−1)·q'' ]
     * </pre>
     * Where q = 0 exactly (p has rounded to the label 0 or 1, so q' = 0 too) the terms with q' are their limit, 0.
     * Divided by n for {@code mean}. It can be negative: the focal loss is not convex.
     */
    @Override
    protected void inputHessian(float[] x, float[] y, float[] hx, float scale, int from, int to) {
        final double a = alpha;
        final double gm = gamma;
        final boolean weighted = a >= 0;
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double yi = y[i];
            double e = Math.exp(-Math.abs(xi));
            double p = xi >= 0 ? 1 / (1 + e) : e / (1 + e);      // σ(x)
            double pm = xi >= 0 ? e / (1 + e) : 1 / (1 + e);     // σ(−x) = 1 − p
            double q = p * (1 - yi) + pm * yi;                     // 1 − p_t
            double at = weighted ? a * yi + (1 - a) * (1 - yi) : 1;
            double pp = p * pm;
            double h = pp * (gm == 2 ? q * q : Math.pow(q, gm));
            if (q != 0 && gm != 0) {
                double ce = Math.max(xi, 0) - xi * yi + Logistic.log1pSmall(e);
                double q1 = pp * (1 - 2 * yi);
                double q2 = q1 * (pm - p);
                double qg1 = Math.pow(q, gm - 1);
                double qg2 = gm == 1 ? 0 : Math.pow(q, gm - 2);
                h += 2 * (p - yi) * gm * qg1 * q1 + ce * gm * (gm - 1) * qg2 * q1 * q1 + ce * gm * qg1 * q2;
            }
            hx[i] = (float) (at * h * scale);
        }
    }
}
