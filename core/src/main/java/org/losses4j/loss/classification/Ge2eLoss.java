package org.losses4j.loss.classification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.losses4j.kernel.Ge2eRows;
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
 * Generalized end-to-end (GE2E) loss for speaker verification, softmax and contrast variants, with its learnable
 * scale w and bias b.
 *
 * <p>Input: {@code embeddings} e of shape (N speakers, M utterances, D), N ≥ 2 and M ≥ 2. With every vector
 * L2-normalised as {@code F.normalize} does (norm floored at 1e-12):
 * <pre>
 *   c_k       = (1/M)·Σ_m e_km                         centroid of speaker k
 *   c_j^(−i)  = (Σ_m e_jm − e_ji)/(M − 1)              own-speaker centroid without the utterance itself
 *   S_ji,k    = w⁺·cos(e_ji, c_k) + b                   k ≠ j
 *   S_ji,j    = w⁺·cos(e_ji, c_j^(−i)) + b              w⁺ = max(w, 1e-6)
 *   softmax:   L_ji = −S_ji,j + log Σ_k exp(S_ji,k)
 *   contrast:  L_ji = 1 − σ(S_ji,j) + max_{k≠j} σ(S_ji,k)
 * </pre>
 * <ul>
 *   <li>{@code none}: the (N, M) tensor of L<sub>ji</sub>;</li>
 *   <li>{@code sum} (default, as the paper and HarryVolek's implementation): ΣL<sub>ji</sub>;</li>
 *   <li>{@code mean} (CorentinJ's encoder, which uses cross-entropy): ΣL<sub>ji</sub> / (N·M).</li>
 * </ul>
 * <p>Learnable parameters: w (initially 10) and b (initially −5) are constructor parameters, listed by
 * {@link #learnableParameters()}; their gradients are requested like an input's ({@code wrt = {"w", "b"}}) and
 * returned as 0-d tensors. A training loop updates them and builds the next loss with {@link #withParameters}.
 * The paper requires w &gt; 0; the reference implementations call a clamp (whose result HarryVolek's code discards):
 * losses4j uses w⁺ = max(w, 1e-6), so any finite w is accepted, and ∂L/∂w = 0 while w &lt; 1e-6 (the gradient passes
 * at w = 1e-6, as PyTorch's {@code clamp}).
 * <p>Gradient: with G = ∂L/∂S (softmax: softmax<sub>k</sub> − 1[k = j]; contrast: −σ'(S<sub>ji,j</sub>) at the own
 * speaker and σ'(S<sub>ji,k*</sub>) at the first maximising k* ≠ j, as {@code torch.max}), ∂L/∂b = ΣG (exactly 0
 * for softmax, which is invariant to a common shift of the logits; PyTorch's autograd leaves ~1e-16 there),
 * ∂L/∂w = Σ cos·G (for w ≥ 1e-6), and w⁺·G back-propagated through the cosines into each utterance and, through the
 * centroids, into every utterance of the speaker (1/M for c<sub>k</sub>, 1/(M − 1) for c<sub>j</sub><sup>(−i)</sup>
 * except the utterance itself).
 * <p>Peers differ only by small constants: HarryVolek adds 1e-6 to the cosines and inside the log, CorentinJ
 * normalises by ‖·‖ + 1e-5; losses4j uses the paper's formula with {@code F.normalize}'s floor. Training conventions
 * (CorentinJ scales the gradients of w and b by 0.01; gradient clipping at 3) belong to the optimiser, not the loss.
 * <p>Validation: embeddings 3-d with N ≥ 2 and M ≥ 2; w and b finite; variant {@code softmax} or {@code contrast}.
 * <p>Reference: L. Wan, Q. Wang, A. Papir, I. Lopez Moreno, "Generalized End-to-End Loss for Speaker
 * Verification", ICASSP 2018 (arXiv:1710.10467).
 */
public final class Ge2eLoss extends AbstractLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("ge2e_loss", Family.CLASSIFICATION,
                    "GE2E speaker-verification loss on (speakers, utterances, dim) embeddings; learnable w, b.")
            .inputs(InputSpec.differentiable("embeddings"))
            .number("w", 10.0, Rule.FINITE, "the learnable scale of the cosines (used as max(w, 1e-6))")
            .number("b", -5.0, Rule.FINITE, "the learnable offset of the scores")
            .choice("variant", Variant.SOFTMAX, Variant.values(), "softmax over speakers, or the contrast form")
            .defaultReduction(Reduction.SUM)
            .factory(p -> new Ge2eLoss(p.getDouble("w"), p.getDouble("b"), p.getChoice("variant", Variant.values()),
                    p.reduction()));

    /** The lower bound applied to w, as the reference implementations' clamp. */
    public static final double W_MIN = 1e-6;

    /** The two forms of the paper. */
    public enum Variant implements Labelled {
        /** −S<sub>ji,j</sub> + log Σ<sub>k</sub> exp S<sub>ji,k</sub>. */
        SOFTMAX,
        /** 1 − σ(S<sub>ji,j</sub>) + max<sub>k≠j</sub> σ(S<sub>ji,k</sub>). */
        CONTRAST;

        /**
         * Parses {@code softmax} or {@code contrast}; the message names the value and both names.
         *
         * @param loss the loss's name, for the message
         * @param s the label given: {@code softmax} or {@code contrast}, exactly
         * @return the variant of that label
         * @throws IllegalArgumentException for any other value
         */
        public static Variant parse(String loss, String s) {
            return Check.choice(loss, "variant", s, values());
        }
    }

    private static final List<String> PARAMETERS = List.of("w", "b");

    private final double w;
    private final double b;
    private final Variant variant;

    /** w = 10, b = −5, softmax, reduction {@code sum}. */
    public Ge2eLoss() {
        this(10.0, -5.0, Variant.SOFTMAX, Reduction.SUM);
    }

    /**
     * @param w         the similarity scale (finite; values below 1e-6 act as 1e-6)
     * @param b         the similarity bias (finite)
     * @param variant   softmax or contrast
     * @param reduction none, sum or mean over the N·M utterances
     */
    public Ge2eLoss(double w, double b, Variant variant, Reduction reduction) {
        super(DECLARATION, reduction);
        this.w = checked("w", w);
        this.b = checked("b", b);
        if (variant == null) {
            throw error("variant must be one of softmax, contrast, got null");
        }
        this.variant = variant;
        param("variant", variant.label());
    }

    /**
     * The same loss with new values of the learnable parameters (after an optimiser step).
     *
     * @param newW the new scale w, finite (the loss uses max(w, 1e-6))
     * @param newB the new offset b, finite
     * @return a new loss of the same variant and reduction with these w and b; this one is not changed
     */
    public Ge2eLoss withParameters(double newW, double newB) {
        return new Ge2eLoss(newW, newB, variant, reduction());
    }

    /**
     * w as given (the loss uses max(w, 1e-6)).
     *
     * @return w as given (the loss uses max(w, 1e-6))
     */
    public double w() {
        return w;
    }

    /**
     * b.
     *
     * @return b, the learnable offset added to every scaled cosine
     */
    public double b() {
        return b;
    }

    /**
     * The variant.
     *
     * @return the form of the loss: softmax over the speakers, or the contrast form
     */
    public Variant variant() {
        return variant;
    }

    @Override
    public List<String> learnableParameters() {
        return PARAMETERS;
    }

    /**
     * The value.
     *
     * @param embeddings the utterance embeddings, (N speakers, M utterances, D), N ≥ 2 and M ≥ 2
     * @return the loss: 0-d after a reduction, (N, M) per utterance for {@code none}
     */
    public Tensor forward(Tensor embeddings) {
        return compute(Map.of("embeddings", embeddings), Set.of()).value();
    }

    /**
     * The value and the gradients with respect to the embeddings, w and b.
     *
     * @param embeddings the utterance embeddings, (N speakers, M utterances, D), N ≥ 2 and M ≥ 2
     * @return the value and the gradients with respect to the embeddings, w and b
     */
    public LossResult valueAndGradient(Tensor embeddings) {
        return compute(Map.of("embeddings", embeddings), Set.of("embeddings", "w", "b"));
    }

    @Override
    protected LossResult evaluate(Map<String, Tensor> in, Set<String> wrt) {
        Tensor te = in.get("embeddings");
        if (te.dim() != 3) {
            throw error("embeddings must have shape (speakers, utterances, dim), got " + te.shapeString());
        }
        int n = te.size(0);
        int m = te.size(1);
        int d = te.size(2);
        if (n < 2) {
            throw error("embeddings must hold >= 2 speakers (dimension 0), got " + n + " in shape "
                    + te.shapeString());
        }
        if (m < 2) {
            throw error("embeddings must hold >= 2 utterances per speaker (dimension 1), got " + m + " in shape "
                    + te.shapeString() + " (the own-speaker centroid leaves the utterance out)");
        }
        float[] e = te.data();
        int rows = n * m;
        // normalised utterances, centroids, exclusive centroids
        double[] u = new double[rows * d];
        double[] uNorm = new double[rows];
        for (int r = 0; r < rows; r++) {
            uNorm[r] = EmbeddingMath.normalizeRow(e, r, d, u);
        }
        double[] total = new double[n * d];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                int o = (j * m + i) * d;
                for (int q = 0; q < d; q++) {
                    total[j * d + q] += e[o + q];
                }
            }
        }
        double[] cent = new double[n * d];
        for (int q = 0; q < n * d; q++) {
            cent[q] = total[q] / m;
        }
        double[] cu = new double[n * d];
        double[] cNorm = new double[n];
        for (int k = 0; k < n; k++) {
            cNorm[k] = EmbeddingMath.normalizeRow(cent, k, d, cu);
        }
        double[] excl = new double[rows * d];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                int o = (j * m + i) * d;
                for (int q = 0; q < d; q++) {
                    excl[o + q] = (total[j * d + q] - e[o + q]) / (m - 1);
                }
            }
        }
        double[] xu = new double[rows * d];
        double[] xNorm = new double[rows];
        for (int r = 0; r < rows; r++) {
            xNorm[r] = EmbeddingMath.normalizeRow(excl, r, d, xu);
        }
        // cosines and similarities S[j, i, k]
        double wEff = Math.max(w, W_MIN);
        double[] cos = new double[rows * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                int r = j * m + i;
                for (int k = 0; k < n; k++) {
                    double[] other = k == j ? xu : cu;
                    int oo = k == j ? r * d : k * d;
                    double dot = 0;
                    for (int q = 0; q < d; q++) {
                        dot += u[r * d + q] * other[oo + q];
                    }
                    cos[r * n + k] = dot;
                }
            }
        }
        boolean wantE = wrt.contains("embeddings");
        boolean wantW = wrt.contains("w");
        boolean wantB = wrt.contains("b");
        boolean anyGrad = wantE || wantW || wantB;
        double scale = LossResult.gradientScale(reduction(), rows);
        double[] per = new double[rows];
        double[] gS = anyGrad ? new double[rows * n] : null;
        Ge2eRows.scores(cos, n, m, wEff, b, variant == Variant.SOFTMAX, scale, per, gS);
        Map<String, Tensor> grads = new LinkedHashMap<>();
        if (wantE) {
            grads.put("embeddings", Tensor.of(embeddingGrad(e, n, m, d, wEff, gS, u, uNorm, cu, cNorm,
                    xu, xNorm), te.shape()));
        }
        if (wantW) {
            double gw = 0;
            if (w >= W_MIN) {
                for (int q = 0; q < gS.length; q++) {
                    gw += cos[q] * gS[q];
                }
            }
            grads.put("w", Tensor.scalar((float) gw));
        }
        if (wantB) {
            // softmax: adding b to every S_ji,k leaves the loss unchanged, so ∂L/∂b is exactly 0 (summing G would
            // leave rounding noise of ~1e-16)
            double gb = 0;
            if (variant == Variant.CONTRAST) {
                for (double v : gS) {
                    gb += v;
                }
            }
            grads.put("b", Tensor.scalar((float) gb));
        }
        return LossResult.reduce(reduction(), per, new int[] {n, m}, grads);
    }

    /** Back-propagates G = ∂L/∂S through the cosines, the normalisations and the centroids. */
    private static double[] embeddingGrad(float[] e, int n, int m, int d, double wEff, double[] gS, double[] u,
            double[] uNorm, double[] cu, double[] cNorm, double[] xu, double[] xNorm) {
        int rows = n * m;
        double[] gu = new double[rows * d];
        double[] gcu = new double[n * d];
        double[] gxu = new double[rows * d];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                int r = j * m + i;
                for (int k = 0; k < n; k++) {
                    double gc = wEff * gS[r * n + k];
                    if (gc == 0) {
                        continue;
                    }
                    if (k == j) {
                        for (int q = 0; q < d; q++) {
                            gu[r * d + q] += gc * xu[r * d + q];
                            gxu[r * d + q] += gc * u[r * d + q];
                        }
                    } else {
                        for (int q = 0; q < d; q++) {
                            gu[r * d + q] += gc * cu[k * d + q];
                            gcu[k * d + q] += gc * u[r * d + q];
                        }
                    }
                }
            }
        }
        double[] ge = new double[rows * d];
        double[] gTotal = new double[n * d];
        double[] gExcl = new double[rows * d];
        for (int r = 0; r < rows; r++) {
            EmbeddingMath.normalizeGrad(u, uNorm[r], r, d, gu, 1.0, ge);
            EmbeddingMath.normalizeGrad(xu, xNorm[r], r, d, gxu, 1.0, gExcl);
        }
        // centroid c_k = total_k / M
        for (int k = 0; k < n; k++) {
            EmbeddingMath.normalizeGrad(cu, cNorm[k], k, d, gcu, 1.0 / m, gTotal);
        }
        // exclusive centroid (total_j − e_ji)/(M − 1)
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                int o = (j * m + i) * d;
                for (int q = 0; q < d; q++) {
                    double g = gExcl[o + q] / (m - 1);
                    gTotal[j * d + q] += g;
                    ge[o + q] -= g;
                }
            }
        }
        // total_j = Σ_i e_ji
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                int o = (j * m + i) * d;
                for (int q = 0; q < d; q++) {
                    ge[o + q] += gTotal[j * d + q];
                }
            }
        }
        return ge;
    }
}
