package org.losses4j.loss.classification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.losses4j.kernel.Softmax;
import org.losses4j.loss.AbstractLoss;
import org.losses4j.loss.Check;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.Labelled;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.Tensor;

/**
 * ArcFace: additive angular margin on the target class, then cross-entropy on the scaled cosine logits.
 *
 * <p>Inputs: {@code input} features x of shape (N, D), {@code weight} the class-centre matrix W of shape (C, D)
 * (a learnable matrix of the model, given as an input so both gradients can be asked for), {@code target} class
 * indices (N) in [0, C). Both x and W are L2-normalised by rows as {@code F.normalize} (norm floored at 1e-12):
 * <pre>
 *   cos θ_ic = x̂_i · Ŵ_c
 *   sin θ    = sqrt(clamp(1 − cos²θ, 0, 1))
 *   φ        = cos θ·cos m − sin θ·sin m                  ( = cos(θ + m) )
 *   target logit, easy_margin = false:  φ if cos θ &gt; cos(π − m), else cos θ − sin(π − m)·m
 *   target logit, easy_margin = true:   φ if cos θ &gt; 0,          else cos θ
 *   z_ic     = s · (target logit if c = y_i, else cos θ_ic)
 *   ℓ_i      = −z_{i,y_i} + log Σ_c exp z_ic               (cross-entropy)
 * </pre>
 * The fallback keeps the target logit monotone in θ where θ + m would pass π (there cos(θ + m) would rise again).
 * <ul>
 *   <li>{@code none}: the (N) tensor of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / N;</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Gradient: ∂ℓ/∂z = softmax(z) − onehot(y) (÷N for mean), times s; through the margin branch
 * ∂φ/∂cos θ = cos m + sin m·cos θ / sin θ, through the fallbacks slope 1; then through the cosines and the
 * normalisations into x and W. The margin slope is singular as sin θ → 0 (a feature exactly on its class centre):
 * losses4j floors sin θ at 1e-12 in that derivative, where PyTorch's autograd of the reference gives ±inf or NaN
 * (it also gives NaN for any class with cos θ exactly ±1, through the unused branch of {@code torch.where}).
 * <p>Defaults: s = 64, m = 0.5, easy_margin = false, mode {@code classic}, reduction {@code mean} (insightface
 * {@code arcface_torch} up to 2022).
 * <p>Validation: input 2-d (N, D), weight 2-d (C, D) with the same D, target (N) of integer indices in [0, C) (the
 * message names the value, its index and C); s &gt; 0; m in [0, π/2). insightface's label −1 ("this class is on
 * another GPU", partial FC) has no meaning here and is rejected as out of range.
 * <p>Mode {@code straight_through}: insightface since December 2022 computes the target logit as
 * cos(arccos(cos θ) + m), without the threshold (past θ = π − m the logit rises again), in place under
 * {@code torch.no_grad()}, so the gradient of every logit passes straight through: ∂z/∂cos θ = s, margin or not.
 * cos θ is clamped to [−1, 1] before arccos (rounding can put it a hair outside; PyTorch's arccos would give NaN).
 * {@code easy_margin} belongs to the classic mode only. CosFace (cos θ − m) is not offered.
 * <p>Reference: J. Deng, J. Guo, N. Xue, S. Zafeiriou, "ArcFace: Additive Angular Margin Loss for Deep Face
 * Recognition", CVPR 2019; insightface {@code recognition/arcface_torch/losses.py} (ArcFace, up to 2022) and
 * ronghuaiyang/arcface-pytorch {@code ArcMarginProduct}.
 */
public final class ArcFaceLoss extends AbstractLoss {
    /** The margin's rule: 0 ≤ m &lt; π/2, in radians. */
    private static final Rule MARGIN = Rule.of("in [0, pi/2)", (loss, arg, m) -> {
        if (!(m >= 0 && m < Math.PI / 2)) {
            throw Check.error(loss, arg + " must be in [0, " + (Math.PI / 2) + ") (radians, [0, π/2)), got "
                    + Check.fmt(m));
        }
        return m;
    });

    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("arcface_loss", Family.CLASSIFICATION,
                    "ArcFace additive angular margin cos(theta + m), scaled by s, then cross-entropy.")
            .inputs(InputSpec.differentiable("input"), InputSpec.differentiable("weight"), InputSpec.indices("target"))
            .number("s", 64.0, Rule.POSITIVE_FINITE, "the scale of the logits")
            .number("m", 0.5, MARGIN, "the additive angular margin, in radians")
            .bool("easy_margin", false, "apply the margin only where cos(theta) > 0 (mode classic)")
            .choice("mode", Mode.CLASSIC, Mode.values(), "the margin's gradient: classic or straight_through")
            .factory(p -> new ArcFaceLoss(p.getDouble("s"), p.getDouble("m"), p.getBoolean("easy_margin"),
                    p.getChoice("mode", Mode.values()), p.reduction()));

    /** The floor on sin θ in the derivative of the margin branch. */
    public static final double SIN_FLOOR = 1e-12;

    /** How the margin enters the target logit and its gradient. */
    public enum Mode implements Labelled {
        /**
         * cos(θ + m) with the threshold fallback and its true derivative (insightface up to 2022, ronghuaiyang);
         * the default.
         */
        CLASSIC,
        /**
         * cos(arccos(cos θ) + m) with no threshold, computed as insightface has since December 2022: under no-grad,
         * so every logit's gradient passes straight through (∂z/∂cos θ = s).
         */
        STRAIGHT_THROUGH;

        /**
         * Parses a protocol name; the message names the value and both names.
         *
         * @param loss the loss's name, for the message
         * @param s the label given: {@code classic} or {@code straight_through}, exactly
         * @return the mode of that label
         * @throws IllegalArgumentException for any other value (or null)
         */
        public static Mode parse(String loss, String s) {
            return Check.choice(loss, "mode", s, values());
        }
    }

    private final double s;
    private final double m;
    private final boolean easyMargin;
    private final Mode mode;
    private final double cosM;
    private final double sinM;
    private final double th;
    private final double mm;

    /** s = 64, m = 0.5, easy_margin = false, reduction {@code mean}. */
    public ArcFaceLoss() {
        this(64.0, 0.5, false, Reduction.MEAN);
    }

    /**
     * The classic mode with the given s, m, easy_margin and reduction.
     *
     * @param s the scale s of the logits, &gt; 0 and finite (64 by default)
     * @param m the margin m (radians)
     * @param easyMargin whether the easy margin is used
     * @param reduction how the per-sample losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public ArcFaceLoss(double s, double m, boolean easyMargin, Reduction reduction) {
        this(s, m, easyMargin, Mode.CLASSIC, reduction);
    }

    /**
     * @param s          the scale of the logits (&gt; 0)
     * @param m          the angular margin in radians, in [0, π/2)
     * @param easyMargin apply the margin only where cos θ &gt; 0 (else the plain cos θ); classic mode only
     * @param mode       classic (default) or straight-through
     * @param reduction  none, mean or sum over the samples
     */
    public ArcFaceLoss(double s, double m, boolean easyMargin, Mode mode, Reduction reduction) {
        super(DECLARATION, reduction);
        this.s = checked("s", s);
        this.m = checked("m", m);
        if (mode == null) {
            throw error("mode must be one of classic, straight_through, got null");
        }
        if (easyMargin && mode == Mode.STRAIGHT_THROUGH) {
            throw error("easy_margin=true applies to mode classic only, got mode straight_through");
        }
        this.easyMargin = easyMargin;
        this.mode = mode;
        this.cosM = Math.cos(m);
        this.sinM = Math.sin(m);
        this.th = Math.cos(Math.PI - m);
        this.mm = Math.sin(Math.PI - m) * m;
        param("easy_margin", easyMargin);
        param("mode", mode.label());
    }

    /**
     * The scale s.
     *
     * @return the scale s
     */
    public double s() {
        return s;
    }

    /**
     * The margin m (radians).
     *
     * @return the margin m (radians)
     */
    public double m() {
        return m;
    }

    /**
     * Whether the easy margin is used.
     *
     * @return whether the easy margin is used
     */
    public boolean easyMargin() {
        return easyMargin;
    }

    /**
     * The mode.
     *
     * @return how the margin's gradient is taken: {@code classic} or {@code straight_through}
     */
    public Mode mode() {
        return mode;
    }

    /**
     * The value.
     *
     * @param input the features x, (N, D)
     * @param weight the class-centre matrix W, (C, D); required
     * @param target the class index of each sample, (N), in [0, C)
     * @return the loss: 0-d after a reduction, one value per sample, (N), for {@code none}
     */
    public Tensor forward(Tensor input, Tensor weight, Tensor target) {
        return compute(Map.of("input", input, "weight", weight, "target", target), Set.of()).value();
    }

    /**
     * The value and the gradients with respect to {@code input} and {@code weight}.
     *
     * @param input the features x, (N, D)
     * @param weight the class-centre matrix W, (C, D); required
     * @param target the class index of each sample, (N), in [0, C)
     * @return the value and the gradients with respect to {@code input} (N, D) and {@code weight} (C, D)
     */
    public LossResult valueAndGradient(Tensor input, Tensor weight, Tensor target) {
        return compute(Map.of("input", input, "weight", weight, "target", target), Set.of("input", "weight"));
    }

    @Override
    protected LossResult evaluate(Map<String, Tensor> in, Set<String> wrt) {
        Tensor tx = in.get("input");
        Tensor tw = in.get("weight");
        Tensor ty = in.get("target");
        if (tx.dim() != 2) {
            throw error("input must have shape (N, D), got " + tx.shapeString());
        }
        if (tw.dim() != 2) {
            throw error("weight must have shape (C, D), got " + tw.shapeString());
        }
        int n = tx.size(0);
        int d = tx.size(1);
        int c = tw.size(0);
        if (tw.size(1) != d) {
            throw error("weight shape " + tw.shapeString() + " must be (C, D) with the input's D = " + d + " (input "
                    + tx.shapeString() + ")");
        }
        if (!ty.hasShape(n)) {
            throw error("target shape " + ty.shapeString() + " must be (N) = [" + n + "] for input "
                    + tx.shapeString());
        }
        long[] y = ty.longData();
        EmbeddingMath.labelsInRange(name(), "target", y, c);
        float[] x = tx.data();
        float[] wt = tw.data();
        double[] xu = new double[n * d];
        double[] xNorm = new double[n];
        for (int i = 0; i < n; i++) {
            xNorm[i] = EmbeddingMath.normalizeRow(x, i, d, xu);
        }
        double[] wu = new double[c * d];
        double[] wNorm = new double[c];
        for (int k = 0; k < c; k++) {
            wNorm[k] = EmbeddingMath.normalizeRow(wt, k, d, wu);
        }
        boolean wantX = wrt.contains("input");
        boolean wantW = wrt.contains("weight");
        double scale = LossResult.gradientScale(reduction(), n);
        double[] per = new double[n];
        double[] z = new double[c];
        double[] dcos = new double[c];
        double[] gxu = wantX ? new double[n * d] : null;
        double[] gwu = wantW ? new double[c * d] : null;
        for (int i = 0; i < n; i++) {
            int t = (int) y[i];
            double slope = 1;
            for (int k = 0; k < c; k++) {
                double dot = 0;
                for (int q = 0; q < d; q++) {
                    dot += xu[i * d + q] * wu[k * d + q];
                }
                if (k == t && mode == Mode.STRAIGHT_THROUGH) {
                    z[k] = s * Math.cos(Math.acos(Math.max(-1, Math.min(1, dot))) + m);
                } else if (k == t) {
                    double q1 = 1 - dot * dot;
                    double sine = Math.sqrt(Math.min(Math.max(q1, 0), 1));
                    boolean margin = easyMargin ? dot > 0 : dot > th;
                    if (margin) {
                        z[k] = s * (dot * cosM - sine * sinM);
                        slope = cosM + (q1 >= 0 ? sinM * dot / Math.max(sine, SIN_FLOOR) : 0);
                    } else {
                        z[k] = s * (easyMargin ? dot : dot - mm);
                    }
                } else {
                    z[k] = s * dot;
                }
            }
            double zm = Softmax.max(z, c);
            double ls = Softmax.logSumExpShifted(z, c, zm);
            per[i] = (zm - z[t]) + ls;
            if (!wantX && !wantW) {
                continue;
            }
            for (int k = 0; k < c; k++) {
                double dz = (Math.exp((z[k] - zm) - ls) - (k == t ? 1 : 0)) * scale;
                dcos[k] = s * dz * (k == t ? slope : 1);
            }
            for (int k = 0; k < c; k++) {
                double gk = dcos[k];
                for (int q = 0; q < d; q++) {
                    if (gxu != null) {
                        gxu[i * d + q] += gk * wu[k * d + q];
                    }
                    if (gwu != null) {
                        gwu[k * d + q] += gk * xu[i * d + q];
                    }
                }
            }
        }
        Map<String, Tensor> grads = new LinkedHashMap<>();
        if (wantX) {
            double[] gx = new double[n * d];
            for (int i = 0; i < n; i++) {
                EmbeddingMath.normalizeGrad(xu, xNorm[i], i, d, gxu, 1.0, gx);
            }
            grads.put("input", Tensor.of(gx, tx.shape()));
        }
        if (wantW) {
            double[] gw = new double[c * d];
            for (int k = 0; k < c; k++) {
                EmbeddingMath.normalizeGrad(wu, wNorm[k], k, d, gwu, 1.0, gw);
            }
            grads.put("weight", Tensor.of(gw, tw.shape()));
        }
        return LossResult.reduce(reduction(), per, new int[] {n}, grads);
    }
}
