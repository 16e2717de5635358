package org.losses4j.loss.ranking;

import java.util.Map;
import java.util.Set;

import org.losses4j.loss.AbstractLoss;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.Tensor;

/**
 * NT-Xent, the normalised temperature-scaled cross-entropy of SimCLR (Chen, Kornblith, Norouzi and Hinton, "A Simple
 * Framework for Contrastive Learning of Visual Representations", ICML 2020).
 *
 * <p>Input: 2N embeddings (2N, D) ordered [z<sub>1</sub>..z<sub>N</sub>, z'<sub>1</sub>..z'<sub>N</sub>], the two
 * augmented views of N examples; the positive of row i is row (i + N) mod 2N, every other row but itself is a
 * negative. With u = z / max(‖z‖, 1e-12) and s<sub>ik</sub> = u<sub>i</sub>·u<sub>k</sub> / τ:
 * <pre>
 *   ℓ_i = −s_{i,pos(i)} + log Σ_{k ≠ i} exp(s_ik)
 * </pre>
 * (the self-similarity is removed; SimCLR subtracts 10⁹ from it, which is the same). Max-shifted log-sum-exp.
 * <ul>
 *   <li>{@code none}: ℓ per row, shape (2N);</li>
 *   <li>{@code mean} (default): (1/2N)·Σ ℓ<sub>i</sub>, the paper's definition. The SimCLR TensorFlow code returns
 *       the mean over the first view plus the mean over the second, 2× this value (use {@code sum} ÷ N);</li>
 *   <li>{@code sum}: Σ ℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Temperature τ &gt; 0 is required; default 0.5 (SimCLR's CIFAR setting; ImageNet used 0.1, optax 0.07).
 * <p>Gradient: ∂ℓ<sub>i</sub>/∂s<sub>ik</sub> = softmax<sub>k</sub> − 1[k = pos(i)] (k ≠ i), through the cosine
 * (each similarity feeds both of its rows) and the normalisation.
 * <p>Cost: O(N²·D) time, O(N·D) memory (the similarity matrix is not stored).
 * <p>Errors: input not 2-D, an odd or zero row count, τ ≤ 0 or not finite.
 */
public final class NtXentLoss extends AbstractLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("nt_xent", Family.RANKING,
                    "SimCLR NT-Xent over 2N stacked views: CE of cos/T, positive (i+N) mod 2N, self-pairs removed.")
            .inputs(InputSpec.differentiable("input"))
            .number("temperature", 0.5, Rule.POSITIVE_FINITE, "divides the cosines")
            .factory(p -> new NtXentLoss(p.getDouble("temperature"), p.reduction()));

    private final double temperature;

    /** τ = 0.5, reduction {@code mean}. */
    public NtXentLoss() {
        this(0.5, Reduction.MEAN);
    }

    /**
     * Every parameter.
     *
     * @param temperature τ &gt; 0 and finite, which divides the cosines (smaller is sharper)
     * @param reduction how the per-sample losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public NtXentLoss(double temperature, Reduction reduction) {
        super(DECLARATION, reduction);
        this.temperature = checked("temperature", temperature);
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
     * The value and the gradient with respect to the 2N embeddings.
     *
     * @param input the 2N embeddings, (2N, D): the first views z<sub>1</sub>..z<sub>N</sub>, then the second views
     *              z'<sub>1</sub>..z'<sub>N</sub> in the same order
     * @return the value and the gradient with respect to the 2N embeddings
     */
    public LossResult valueAndGradient(Tensor input) {
        return compute(Map.of("input", input), Set.of("input"));
    }

    @Override
    protected LossResult evaluate(Map<String, Tensor> in, Set<String> wrt) {
        Tensor x = in.get("input");
        if (x.dim() != 2) {
            throw error("input must be (2N, D), the two views stacked, got shape " + x.shapeString());
        }
        int rows = x.size(0);
        int d = x.size(1);
        if (rows == 0 || rows % 2 != 0) {
            throw error("input must have an even, positive number of rows (2N: two views of N examples), got "
                    + rows);
        }
        int n = rows / 2;
        boolean grads = wrt.contains("input");
        CosineSoftmax cs = new CosineSoftmax(new Tensor[] {x}, d, grads);
        double c = LossResult.gradientScale(reduction(), rows);
        int[] src = new int[rows - 1];
        int[] cand = new int[rows - 1];
        double[] logits = new double[rows - 1];
        double[] per = new double[rows];
        for (int i = 0; i < rows; i++) {
            int count = 0;
            int pos = -1;
            int target = (i + n) % rows;
            for (int k = 0; k < rows; k++) {
                if (k == i) {
                    continue;
                }
                if (k == target) {
                    pos = count;
                }
                cand[count++] = k;
            }
            per[i] = cs.row(0, i, src, cand, count, pos, 1 / temperature, c, logits);
        }
        return LossResult.reduce(reduction(), per, new int[] {rows}, cs.grads(new String[] {"input"}, wrt));
    }
}
