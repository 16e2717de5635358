package org.losses4j.loss.classification;

import java.util.LinkedHashMap;
import java.util.Map;

import org.losses4j.loss.Check;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.DType;
import org.losses4j.tensor.Tensor;

/**
 * Soft Dice loss on probabilities, per sample and class, averaged over the classes: the V-Net form with a squared
 * denominator (default) or the plain form with linear sums.
 *
 * <p>Layout: {@code input} holds probabilities of shape (N, C, d<sub>1</sub>, …, d<sub>k</sub>), k ≥ 0 (apply
 * softmax over C, or a sigmoid for one-class masks, before the loss). {@code target} is either a float tensor of the
 * same shape (one-hot, or soft targets such as smoothed labels or a soft mask), or int64 class indices of shape
 * (N, d<sub>1</sub>, …, d<sub>k</sub>) with values in [0, C), read as their one-hot encoding. For each sample n
 * and class c, with the sums over the spatial positions j and smoothing s:
 * <pre>
 *   I    = Σ_j p_j·g_j
 *   D    = Σ_j p_j² + Σ_j g_j² + s        (squared = true, V-Net)
 *   D    = Σ_j p_j  + Σ_j g_j  + s        (squared = false, plain)
 *   ℓ_nc = 1 − (2I + s) / D
 *   ℓ_n  = (1/|K|) · Σ_{c∈K} ℓ_nc          K = all classes, or 1…C−1 with include_background = false
 * </pre>
 * <ul>
 *   <li>{@code none}: the (N) tensor of ℓ<sub>n</sub>;</li>
 *   <li>{@code mean} (default): Σℓ<sub>n</sub> / N;</li>
 *   <li>{@code sum}: Σℓ<sub>n</sub>.</li>
 * </ul>
 * <p>Gradient (input only; the target is a constant): ∂ℓ<sub>nc</sub>/∂p<sub>j</sub> =
 * −(2g<sub>j</sub>·D − (2I + s)·∂D/∂p<sub>j</sub>) / D², with ∂D/∂p<sub>j</sub> = 2p<sub>j</sub> (squared) or 1
 * (plain); divided by |K| and, for {@code mean}, by N; 0 for an excluded background class. With s = 0 and a class
 * absent from both prediction and target the ratio is 0/0 and the value and gradient are NaN, as the formula (and a
 * PyTorch transcription of it) gives; the default s = 1 keeps every term finite.
 * <p>Defaults: smooth = 1, squared = true, include_background = true, reduction {@code mean}.
 * <p>Validation: input at least 2-d; a float target of the input's shape (never broadcast); an index target of the
 * input's shape without dimension 1, indices in [0, C) (the message names the value, its flat index and C);
 * smooth ≥ 0; include_background = false needs C ≥ 2.
 * <p>Peers differ: Keras {@code dice} uses linear sums over the whole batch at once ({@code axis=None}) with
 * ε = 1e-7 only in the denominator; optax {@code dice_loss} uses linear sums with smooth = 1 and applies softmax by
 * default; MONAI's {@code DiceLoss} has separate numerator/denominator smoothing (1e-5) and reduces per class.
 * <p>Reference: F. Milletari, N. Navab, S.-A. Ahmadi, "V-Net: Fully Convolutional Neural Networks for Volumetric
 * Medical Image Segmentation", 3DV 2016 (squared form); Sudre et al., DLMIA 2017 (per-class averaging).
 */
public final class DiceLoss extends InputTargetLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("dice_loss", Family.CLASSIFICATION,
                    "Soft Dice 1 - (2I + s)/(sum p^2 + sum g^2 + s) per sample and class on probabilities (N, C, ...).")
            .inputs(InputSpec.differentiable("input"), InputSpec.indicesOrFloat("target"))
            .number("smooth", 1.0, Rule.NON_NEGATIVE_FINITE, "added to the numerator 2I and to the denominator")
            .bool("squared", true, "the denominator is sum p^2 + sum g^2 (V-Net), else sum p + sum g")
            .bool("include_background", true, "class 0 counts in the average over classes")
            .factory(p -> new DiceLoss(p.getDouble("smooth"), p.getBoolean("squared"),
                    p.getBoolean("include_background"), p.reduction()));

    private final double smooth;
    private final boolean squared;
    private final boolean includeBackground;

    /** smooth = 1, squared denominator, every class, reduction {@code mean}. */
    public DiceLoss() {
        this(1.0, true, true, Reduction.MEAN);
    }

    /**
     * @param smooth            s ≥ 0, added to the numerator 2I and to the denominator
     * @param squared           true for the V-Net denominator Σp² + Σg², false for Σp + Σg
     * @param includeBackground false to leave class 0 out of the average over classes
     * @param reduction         none, mean or sum over the samples
     */
    public DiceLoss(double smooth, boolean squared, boolean includeBackground, Reduction reduction) {
        super(DECLARATION, reduction);
        this.smooth = checked("smooth", smooth);
        this.squared = squared;
        this.includeBackground = includeBackground;
        param("squared", squared);
        param("include_background", includeBackground);
    }

    /**
     * The smoothing term s.
     *
     * @return the smoothing term s
     */
    public double smooth() {
        return smooth;
    }

    /**
     * Whether the denominator uses squares (V-Net).
     *
     * @return whether the denominator uses squares (V-Net)
     */
    public boolean squared() {
        return squared;
    }

    /**
     * Whether class 0 counts in the average over classes.
     *
     * @return whether class 0 counts in the average over classes
     */
    public boolean includeBackground() {
        return includeBackground;
    }

    @Override
    protected LossResult evaluate(Tensor tx, Tensor ty, boolean gradInput, boolean gradTarget) {
        if (tx.dim() < 2) {
            throw error("input must have shape (N, C, ...) with at least 2 dimensions, got " + tx.shapeString());
        }
        int n = tx.size(0);
        int c = tx.size(1);
        int sp = n * c == 0 ? 0 : tx.numel() / (n * c);
        boolean indices = ty.dtype() == DType.INT64;
        long[] lab = null;
        float[] g = null;
        if (indices) {
            int[] want = new int[tx.dim() - 1];
            want[0] = n;
            System.arraycopy(tx.shape(), 2, want, 1, tx.dim() - 2);
            if (!ty.hasShape(want)) {
                throw error("target of class indices must have shape " + Check.shape(want) + " (input "
                        + tx.shapeString() + " without the class dimension), got " + ty.shapeString());
            }
            lab = ty.longData();
            EmbeddingMath.labelsInRange(name(), "target", lab, c);
        } else {
            Check.sameShape(name(), "input", tx, "target", ty);
            g = ty.data();
        }
        if (!includeBackground && c < 2) {
            throw error("include_background=false leaves no class: input has C = " + c);
        }
        float[] p = tx.data();
        float[] gx = EmbeddingMath.grad(gradInput, tx);
        int first = includeBackground ? 0 : 1;
        double perClass = 1.0 / (c - first);
        double scale = LossResult.gradientScale(reduction(), n) * perClass;
        double[] per = new double[n];
        for (int s = 0; s < n; s++) {
            double sampleSum = 0;
            for (int k = first; k < c; k++) {
                int o = (s * c + k) * sp;
                int lo = s * sp;
                double inter = 0;
                double sumP = 0;
                double sumG = 0;
                for (int j = 0; j < sp; j++) {
                    double pj = p[o + j];
                    double gj = indices ? (lab[lo + j] == k ? 1 : 0) : g[o + j];
                    inter += pj * gj;
                    if (squared) {
                        sumP += pj * pj;
                        sumG += gj * gj;
                    } else {
                        sumP += pj;
                        sumG += gj;
                    }
                }
                double num = 2 * inter + smooth;
                double den = sumP + sumG + smooth;
                sampleSum += 1 - num / den;
                if (gx != null) {
                    double den2 = den * den;
                    for (int j = 0; j < sp; j++) {
                        double gj = indices ? (lab[lo + j] == k ? 1 : 0) : g[o + j];
                        double dDen = squared ? 2 * p[o + j] : 1;
                        gx[o + j] = (float) (-(2 * gj * den - num * dDen) / den2 * scale);
                    }
                }
            }
            per[s] = sampleSum * perClass;
        }
        Map<String, Tensor> grads = new LinkedHashMap<>();
        if (gx != null) {
            grads.put("input", Tensor.wrap(gx, tx.shape()));
        }
        return LossResult.reduce(reduction(), per, new int[] {n}, grads);
    }
}
