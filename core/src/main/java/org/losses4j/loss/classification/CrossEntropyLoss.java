package org.losses4j.loss.classification;

import java.util.Arrays;

import org.losses4j.kernel.CrossEntropyRows;
import org.losses4j.kernel.Rows;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.Tensor;

/**
 * Cross-entropy of logits, PyTorch's {@code nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean',
 * label_smoothing=0.0)} / {@code F.cross_entropy}: {@code log_softmax} over the class dimension followed by the
 * negative log-likelihood, in one pass.
 *
 * <p>With logp = x − LSE(x) per row (max-shifted log-sum-exp, finite for logits of ±100 and beyond), C classes, class
 * weights w (1 when absent) and label smoothing ε:
 * <ul>
 *   <li><b>Class-index targets</b> y (shape (), (N) or (N, d1, ..., dK)):
 *       ℓ = (1 − ε)·w<sub>y</sub>·(−logp<sub>y</sub>) + (ε/C)·Σ<sub>c</sub> w<sub>c</sub>·(−logp<sub>c</sub>);
 *       a row whose target equals {@code ignore_index} has ℓ = 0 and counts in no denominator.</li>
 *   <li><b>Class-probability targets</b> t (the input's shape, floating point): t' = (1 − ε)·t + ε/C,
 *       ℓ = −Σ<sub>c</sub> w<sub>c</sub>·t'<sub>c</sub>·logp<sub>c</sub>. {@code ignore_index} ≥ 0 is rejected with
 *       them, as PyTorch does.</li>
 * </ul>
 * Reductions:
 * <ul>
 *   <li>{@code none}: ℓ per row, shape () for a (C) input, (N) or (N, d1, ..., dK);</li>
 *   <li>{@code mean} (default): index targets Σℓ / W with W = Σ w<sub>y</sub> over the non-ignored rows (their count
 *       without weights), both terms over the same W exactly as PyTorch; all rows ignored gives 0/0 = NaN.
 *       Probability targets Σℓ / (number of rows), never divided by the weights. NaN for an empty batch;</li>
 *   <li>{@code sum}: Σℓ.</li>
 * </ul>
 * <p>Gradient (index targets, p = softmax(x), g = 1/W for mean, else 1):
 * ∂ℓ/∂x<sub>k</sub> = g·[ (1 − ε)·w<sub>y</sub>·(p<sub>k</sub> − δ<sub>ky</sub>) + (ε/C)·(p<sub>k</sub>·Σw −
 * w<sub>k</sub>) ], zero on ignored rows (also when every row is ignored). Probability targets:
 * g·(p<sub>k</sub>·Σ<sub>c</sub> w<sub>c</sub>t'<sub>c</sub> − w<sub>k</sub>t'<sub>k</sub>). The target is a label:
 * no gradient is offered for it (PyTorch can differentiate probability targets).
 * <p>Validation (one line each): class index out of range (naming the index, its position and C); weight not of
 * length C; label_smoothing outside [0, 1] (PyTorch 1.13 silently ignores a negative value); shapes that are neither
 * class indices nor probabilities; int64 probability targets (as PyTorch). Whole-number float32 class indices are
 * accepted as indices (PyTorch requires int64).
 * <p>Peers: Keras's {@code CategoricalCrossentropy} takes probabilities by default ({@code from_logits=False}); its
 * label smoothing y(1 − ε) + ε/C is the same.
 * <p>Reference: PyTorch {@code torch.nn.CrossEntropyLoss}; label smoothing: C. Szegedy et al., "Rethinking the
 * Inception Architecture for Computer Vision", CVPR 2016.
 */
public final class CrossEntropyLoss extends ClassDimLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("cross_entropy", Family.CLASSIFICATION,
                    "log_softmax + NLL; index or probability targets (PyTorch CrossEntropyLoss).")
            .inputs(InputSpec.differentiable("input"), InputSpec.indicesOrFloat("target"))
            .tensor("weight", "a weight per class, shape (C)")
            .integer("ignore_index", -100, Rule.ANY, "rows with this target index count nowhere")
            .number("label_smoothing", 0.0, Rule.closed(0, 1), "the share of the target spread evenly over the classes")
            .factory(p -> builder().weight(p.getTensor("weight")).ignoreIndex(p.getLong("ignore_index"))
                    .labelSmoothing(p.getDouble("label_smoothing")).reduction(p.reduction()).build());

    private final Tensor weight;
    private final long ignoreIndex;
    private final double labelSmoothing;

    /** PyTorch's defaults: no weights, ignore_index −100, reduction mean, no label smoothing. */
    public CrossEntropyLoss() {
        this(builder());
    }

    /**
     * PyTorch's defaults with the given reduction.
     *
     * @param reduction how the per-sample losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public CrossEntropyLoss(Reduction reduction) {
        this(builder().reduction(reduction));
    }

    private CrossEntropyLoss(Builder b) {
        super(DECLARATION, b.reduction);
        this.weight = weightParam(name(), "weight", b.weight);
        this.ignoreIndex = b.ignoreIndex;
        if (weight != null) {
            param("weight", weight);
        }
        param("ignore_index", ignoreIndex);
        this.labelSmoothing = checked("label_smoothing", b.labelSmoothing);
    }

    /**
     * A builder with PyTorch's defaults.
     *
     * @return a builder with PyTorch's defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The parameters of {@link CrossEntropyLoss}, with PyTorch's names and defaults. */
    public static final class Builder {
        private Tensor weight;
        private long ignoreIndex = -100;
        private Reduction reduction = Reduction.MEAN;
        private double labelSmoothing;

        private Builder() {
        }

        /**
         * Class weights of shape (C), or null (default).
         *
         * @param weight the class weights, a float32 tensor of shape (C), each ≥ 0; or null for none
         * @return this builder
         */
        public Builder weight(Tensor weight) {
            this.weight = weight;
            return this;
        }

        /**
         * Target value whose rows are ignored (default −100).
         *
         * @param ignoreIndex the target index that contributes nothing, or a value no index takes
         * @return this builder
         */
        public Builder ignoreIndex(long ignoreIndex) {
            this.ignoreIndex = ignoreIndex;
            return this;
        }

        /**
         * {@code none}, {@code mean} (default) or {@code sum}.
         *
         * @param reduction how the per-sample losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
         * @return this builder
         */
        public Builder reduction(Reduction reduction) {
            this.reduction = reduction;
            return this;
        }

        /**
         * ε in [0, 1] (default 0).
         *
         * @param labelSmoothing the label smoothing in [0, 1]
         * @return this builder
         */
        public Builder labelSmoothing(double labelSmoothing) {
            this.labelSmoothing = labelSmoothing;
            return this;
        }

        /**
         * The loss.
         *
         * @return a new loss with the parameters set on this builder
         * @throws IllegalArgumentException for an invalid parameter, naming it
         */
        public CrossEntropyLoss build() {
            return new CrossEntropyLoss(this);
        }
    }

    @Override
    protected LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget) {
        return evaluate(input, target, gradInput ? new float[input.numel()] : null, null);
    }

    /**
     * Here the row kernel writes straight into {@code gradInput} (zeroed first where weights, smoothing, class
     * probabilities or extra dimensions take the row kernels that leave an ignored row's gradient as it is).
     */
    @Override
    protected LossResult evaluateInto(Tensor input, Tensor target, Tensor gradInput) {
        return evaluate(input, target, gradInput.data(), gradInput);
    }

    /**
     * The value, and the input gradient into {@code gx} when it is not null: a fresh array, or the storage of
     * {@code into}, the caller's gradient tensor, which the result then holds.
     */
    private LossResult evaluate(Tensor input, Tensor target, float[] gx, Tensor into) {
        Layout l = layout(input, target, true);
        float[] w = classWeights("weight", weight, l.c);
        float[] x = input.data();
        float[] out = rowValues(l);
        double denominator;
        if (l.index != null) {
            denominator = reduction().divisor(targetWeight(l.index, l.rows, l.c, ignoreIndex, w));
        } else {
            if (ignoreIndex >= 0) {
                throw error("ignore_index is not supported for class-probability targets, got " + ignoreIndex);
            }
            denominator = rowDivisor(l);
        }
        double sumW = l.c;
        if (w != null) {
            sumW = 0;
            for (float v : w) {
                sumW += v;
            }
        }
        double g = 1 / denominator;
        double sw = sumW;
        boolean fast = l.index != null && w == null && labelSmoothing == 0 && l.inner == 1 && l.c > 0;
        if (into != null && !fast) {
            Arrays.fill(gx, 0f);
        }
        long ignore = ignoreIndex;
        double eps = labelSmoothing;
        double sum = Rows.sum(l.rows, CrossEntropyRows.rowCost(l.c), (r0, r1) -> fast
                ? CrossEntropyRows.plainIndexRows(l.index, ignore, x, l.c, g, out, gx, r0, r1)
                : l.index != null ? CrossEntropyRows.indexRows(l.index, ignore, x, l.c, l.inner, w, sw, eps, g, out, gx,
                        r0, r1)
                : CrossEntropyRows.probabilityRows(l.prob, x, l.c, l.inner, w, eps, g, out, gx, r0, r1));
        if (into != null) {
            return withGradInput(out != null ? Tensor.wrap(out, l.rowShape) : null, sum / denominator, into);
        }
        return result(reduction(), l.rowShape, input, out, gx, sum, denominator);
    }

    /**
     * Value and input gradient for class-index targets, the gradient written into a buffer the caller owns: the
     * training loop's fast path, the class-index counterpart of
     * {@link #valueAndGradInput(float[], float[], float[], int)}. Without {@code weight} and {@code label_smoothing}
     * it runs the same row kernel as the tensor API and allocates nothing per call (per-row scratch is reused per
     * thread) unless the batch is large enough to be split across cores (a few small objects per call then).
     * Otherwise it evaluates through the tensor API and copies the gradient.
     *
     * @param input     logits, {@code rows × classes} in row-major order (the first {@code rows·classes} elements)
     * @param target    one class index per row, in [0, classes) or {@code ignore_index}
     * @param gradInput receives ∂loss/∂input for the first {@code rows·classes} elements (ignored rows get 0)
     * @param rows      N ≥ 0
     * @param classes   C ≥ 1
     * @return the loss under this loss's reduction ({@code mean} over the rows not ignored, NaN if all are;
     *         {@code sum}; for {@code none}, the sum of the per-row losses, added in double before any rounding to
     *         float32)
     * @throws IllegalArgumentException for a null array, arrays shorter than the sizes, rows &lt; 0, classes &lt; 1,
     *                                  or a target out of range (naming the row)
     */
    public double valueAndGradInput(float[] input, long[] target, float[] gradInput, int rows, int classes) {
        if (input == null || target == null || gradInput == null) {
            throw error("fast path needs input, target and gradInput, got null for "
                    + (input == null ? "input" : target == null ? "target" : "gradInput"));
        }
        if (gradInput == input) {
            throw error("fast path needs a gradInput array of its own, got the input array (the inputs are read while"
                    + " the gradient is written)");
        }
        if (rows < 0 || classes < 1) {
            throw error("fast path needs rows >= 0 and classes >= 1, got rows = " + rows + ", classes = " + classes);
        }
        long n = (long) rows * classes;
        if (n > Integer.MAX_VALUE || input.length < n || gradInput.length < n || target.length < rows) {
            throw error("fast path needs input and gradInput of at least rows * classes = " + n
                    + " elements and target of at least rows = " + rows + ", got input " + input.length
                    + ", target " + target.length + ", gradInput " + gradInput.length);
        }
        if (weight != null || labelSmoothing != 0) {
            return intoBuffer(compute(Tensor.wrap(Arrays.copyOf(input, (int) n), rows, classes),
                    Tensor.wrapIndices(Arrays.copyOf(target, rows), rows), true, false), gradInput);
        }
        double denominator = reduction().divisor(targetWeight(target, rows, classes, ignoreIndex, null));
        double sum = CrossEntropyRows.plainIndexSum(target, ignoreIndex, input, rows, classes, 1 / denominator,
                gradInput);
        return sum / denominator;
    }
}
