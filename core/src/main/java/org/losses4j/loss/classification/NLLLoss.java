package org.losses4j.loss.classification;

import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.Tensor;

/**
 * Negative log-likelihood, PyTorch's {@code nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean')} /
 * {@code F.nll_loss}. The input holds log-probabilities (a {@code log_softmax} output); {@link CrossEntropyLoss}
 * fuses both steps.
 *
 * <p>Per row, with y the class index and w the class weights (1 when absent):
 * ℓ = −w<sub>y</sub>·x<sub>y</sub>; a row whose target equals {@code ignore_index} has ℓ = 0 and counts neither in
 * the numerator nor in the denominator.
 * <ul>
 *   <li>{@code none}: ℓ per row, shape () for a (C) input, (N) or (N, d1, ..., dK), zeros at ignored rows;</li>
 *   <li>{@code mean} (default): Σℓ / Σ w<sub>y</sub> over the non-ignored rows (their count without weights): the
 *       weighted mean. Every row ignored gives 0/0 = NaN; an empty batch NaN;</li>
 *   <li>{@code sum}: Σℓ.</li>
 * </ul>
 * <p>Shapes: input (C), (N, C) or (N, C, d1, ..., dK); target of int64 class indices (), (N) or (N, d1, ..., dK).
 * <p>Gradient: ∂ℓ/∂x<sub>y</sub> = −w<sub>y</sub> (÷ Σw for mean), zero for every other class and on ignored rows.
 * <p>Validation: a class index outside [0, C) that is not {@code ignore_index} (the message names it, its position and
 * C); weight not of length C; mismatched shapes.
 * <p>Reference: PyTorch {@code torch.nn.NLLLoss}.
 */
public final class NLLLoss extends ClassDimLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("nll_loss", Family.CLASSIFICATION,
                    "Negative log-likelihood of log-probabilities (PyTorch NLLLoss).")
            .inputs(InputSpec.differentiable("input"), InputSpec.indices("target"))
            .tensor("weight", "a weight per class, shape (C)")
            .integer("ignore_index", -100, Rule.ANY, "rows with this target index count nowhere")
            .factory(p -> new NLLLoss(p.getTensor("weight"), p.getLong("ignore_index"), p.reduction()));

    private final Tensor weight;
    private final long ignoreIndex;

    /** No weights, ignore_index −100, reduction {@code mean}. */
    public NLLLoss() {
        this(null, -100, Reduction.MEAN);
    }

    /**
     * The given reduction.
     *
     * @param reduction how the per-sample losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public NLLLoss(Reduction reduction) {
        this(null, -100, reduction);
    }

    /**
     * @param weight      class weights of shape (C), or null
     * @param ignoreIndex target value whose rows are ignored
     * @param reduction   {@code none}, {@code mean} or {@code sum}
     */
    public NLLLoss(Tensor weight, long ignoreIndex, Reduction reduction) {
        super(DECLARATION, reduction);
        this.weight = weightParam(name(), "weight", weight);
        this.ignoreIndex = ignoreIndex;
        if (this.weight != null) {
            param("weight", this.weight);
        }
        param("ignore_index", ignoreIndex);
    }

    @Override
    protected LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget) {
        Layout l = layout(input, target, false);
        float[] w = classWeights("weight", weight, l.c);
        float[] x = input.data();
        float[] gx = gradInput ? new float[x.length] : null;
        float[] out = rowValues(l);
        long[] y = l.index;
        double total = targetWeight(y, l.rows, l.c, ignoreIndex, w);
        double sum = 0;
        for (int r = 0; r < l.rows; r++) {
            long t = y[r];
            if (t == ignoreIndex) {
                continue;
            }
            double wt = w == null ? 1 : w[(int) t];
            double loss = -wt * x[l.base(r) + (int) t * l.inner];
            sum += loss;
            if (out != null) {
                out[r] = (float) loss;
            }
        }
        double denominator = reduction().divisor(total);
        if (gx != null) {
            double g = 1 / denominator;
            for (int r = 0; r < l.rows; r++) {
                long t = y[r];
                if (t != ignoreIndex) {
                    gx[l.base(r) + (int) t * l.inner] = (float) (-(w == null ? 1 : w[(int) t]) * g);
                }
            }
        }
        return result(reduction(), l.rowShape, input, out, gx, sum, denominator);
    }
}
