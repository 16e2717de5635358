package org.losses4j.loss.ranking;

import java.util.Map;
import java.util.Set;

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
 * InfoNCE (van den Oord, Li and Vinyals, "Representation Learning with Contrastive Predictive Coding", 2018), with
 * the semantics of the common reference implementation, the {@code info-nce-pytorch} package
 * ({@code info_nce.InfoNCE(temperature=0.1, reduction='mean', negative_mode='unpaired')}).
 *
 * <p>Every embedding is L2-normalised, u = z / max(‖z‖, 1e-12). For query q<sub>i</sub> and positive key
 * p<sub>i</sub>, the logits are cosines ÷ τ and the loss is the cross-entropy of the positive:
 * <pre>
 *   ℓ_i = −q_i·p_i/τ + log( exp(q_i·p_i/τ) + Σ_j exp(q_i·n_j/τ) )
 * </pre>
 * The negatives n<sub>j</sub> are:
 * <ul>
 *   <li>no {@code negative_keys}: the other queries' positive keys (in-batch negatives), i.e. CE of the (N, N)
 *       logits q·pᵀ/τ with labels 0..N−1;</li>
 *   <li>{@code negative_mode=unpaired}: {@code negative_keys} (M, D), shared by every query;</li>
 *   <li>{@code negative_mode=paired}: {@code negative_keys} (N, M, D), M negatives of each query.</li>
 * </ul>
 * <p>Reductions: {@code none} (N), {@code mean} (default, ÷ N), {@code sum}.
 * <p>Shapes: query and positive_key (N, D). Errors (one line): a query or key not 2-D, negative_keys not 2-D
 * (unpaired) / 3-D (paired), different N or D, τ ≤ 0 or not finite, an unknown negative_mode.
 * <p>Gradient: (softmax − onehot)/τ on the logits, through the cosines and the normalisation, to every input.
 * <p>Cost: O(N·C·D) time (C candidates per query), memory of the inputs; no (N, C) matrix is stored.
 */
public final class InfoNceLoss extends AbstractLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("info_nce", Family.RANKING,
                    "InfoNCE (CPC): CE of cos(q, k+)/T against explicit or in-batch negatives (info-nce-pytorch).")
            .inputs(InputSpec.differentiable("query"), InputSpec.differentiable("positive_key"),
                    InputSpec.differentiable("negative_keys").asOptional())
            .number("temperature", 0.1, Rule.POSITIVE_FINITE, "divides the cosines")
            .choice("negative_mode", NegativeMode.UNPAIRED, NegativeMode.values(),
                    "negatives shared by every query (unpaired) or one set per query (paired)")
            .factory(p -> new InfoNceLoss(p.getDouble("temperature"),
                    p.getChoice("negative_mode", NegativeMode.values()), p.reduction()));

    /** How explicit negatives relate to the queries. */
    public enum NegativeMode implements Labelled {
        /** (M, D): every query is contrasted with all M negatives. */
        UNPAIRED,
        /** (N, M, D): query i is contrasted with its own M negatives. */
        PAIRED;

        /**
         * Parses {@code unpaired} or {@code paired}.
         *
         * @param loss the loss's name, for the message
         * @param s the label given: {@code unpaired} or {@code paired}, exactly
         * @return the mode of that label
         * @throws IllegalArgumentException for any other value
         */
        public static NegativeMode parse(String loss, String s) {
            return Check.choice(loss, "negative_mode", s, values());
        }

    }

    private final double temperature;
    private final NegativeMode mode;

    /** τ = 0.1, unpaired negatives, reduction {@code mean} (the reference's defaults). */
    public InfoNceLoss() {
        this(0.1, NegativeMode.UNPAIRED, Reduction.MEAN);
    }

    /**
     * Every parameter.
     *
     * @param temperature τ &gt; 0 and finite, which divides the cosines (smaller is sharper)
     * @param mode which negatives each anchor is compared with
     * @param reduction how the per-sample losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public InfoNceLoss(double temperature, NegativeMode mode, Reduction reduction) {
        super(DECLARATION, reduction);
        this.temperature = checked("temperature", temperature);
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        param("negative_mode", mode.label());
    }

    /**
     * The temperature τ.
     *
     * @return τ, which divides the cosines
     */
    public double temperature() {
        return temperature;
    }

    /**
     * How explicit negatives are laid out.
     *
     * @return how explicit negatives are laid out
     */
    public NegativeMode negativeMode() {
        return mode;
    }

    @Override
    protected LossResult evaluate(Map<String, Tensor> in, Set<String> wrt) {
        Tensor q = in.get("query");
        Tensor p = in.get("positive_key");
        Tensor ng = in.get("negative_keys");
        if (q.dim() != 2) {
            throw error("query must be 2-D (N, D), got shape " + q.shapeString());
        }
        if (p.dim() != 2) {
            throw error("positive_key must be 2-D (N, D), got shape " + p.shapeString());
        }
        int n = q.size(0);
        int d = q.size(1);
        if (p.size(0) != n) {
            throw error("query and positive_key must have the same number of samples, got shapes "
                    + q.shapeString() + " and " + p.shapeString());
        }
        if (p.size(1) != d) {
            throw error("query and positive_key must have the same width D, got shapes " + q.shapeString()
                    + " and " + p.shapeString());
        }
        int m = 0;
        if (ng != null) {
            if (mode == NegativeMode.UNPAIRED && ng.dim() != 2) {
                throw error("negative_keys must be 2-D (M, D) with negative_mode=unpaired, got shape "
                        + ng.shapeString());
            }
            if (mode == NegativeMode.PAIRED) {
                if (ng.dim() != 3) {
                    throw error("negative_keys must be 3-D (N, M, D) with negative_mode=paired, got shape "
                            + ng.shapeString());
                }
                if (ng.size(0) != n) {
                    throw error("negative_keys must have the same number of samples as query with "
                            + "negative_mode=paired, got shapes " + ng.shapeString() + " and " + q.shapeString());
                }
            }
            if (ng.size(-1) != d) {
                throw error("negative_keys must have the width D of query, got shapes " + ng.shapeString()
                        + " and " + q.shapeString());
            }
            m = ng.size(-2);
        }
        boolean grads = !wrt.isEmpty();
        CosineSoftmax cs = new CosineSoftmax(new Tensor[] {q, p, ng}, d, grads);
        double c = LossResult.gradientScale(reduction(), n);
        int count = ng == null ? n : 1 + m;
        int[] src = new int[count];
        int[] row = new int[count];
        double[] logits = new double[count];
        double[] per = new double[n];
        for (int i = 0; i < n; i++) {
            int pos;
            if (ng == null) {
                for (int k = 0; k < n; k++) {
                    src[k] = 1;
                    row[k] = k;
                }
                pos = i;
            } else {
                src[0] = 1;
                row[0] = i;
                for (int j = 0; j < m; j++) {
                    src[1 + j] = 2;
                    row[1 + j] = mode == NegativeMode.PAIRED ? i * m + j : j;
                }
                pos = 0;
            }
            per[i] = cs.row(0, i, src, row, count, pos, 1 / temperature, c, logits);
        }
        Map<String, Tensor> g = cs.grads(new String[] {"query", "positive_key", "negative_keys"}, wrt);
        return LossResult.reduce(reduction(), per, new int[] {n}, g);
    }
}
