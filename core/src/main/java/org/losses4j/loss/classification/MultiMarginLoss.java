package org.losses4j.loss.classification;

import org.losses4j.kernel.Rows;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossParams;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.Tensor;

/**
 * Multi-class margin (hinge) loss, PyTorch's {@code nn.MultiMarginLoss(p=1, margin=1.0, weight=None,
 * reduction='mean')} / {@code F.multi_margin_loss}.
 *
 * <p>Per sample n with class index y and C classes:
 * <pre>
 *   ℓ_n = (1/C) · Σ_{i ≠ y} w_y · max(0, margin − x_y + x_i)^p,     p ∈ {1, 2}
 * </pre>
 * (the weight multiplies after the power, as PyTorch's kernel).
 * <ul>
 *   <li>{@code none}: ℓ per sample, shape (N), or () for a (C) input;</li>
 *   <li>{@code mean} (default): Σℓ / N, the number of samples (not the weights). An empty batch (0, C) gives NaN
 *       (PyTorch 1.13 returns uninitialised memory there);</li>
 *   <li>{@code sum}: Σℓ (0 for an empty batch).</li>
 * </ul>
 * <p>Shapes: input (C) or (N, C) with C ≥ 1; target of int64 class indices () or (N).
 * <p>Gradient: for each i ≠ y with z<sub>i</sub> = margin − x<sub>y</sub> + x<sub>i</sub> &gt; 0 (strictly, as PyTorch):
 * ∂ℓ/∂x<sub>i</sub> = w<sub>y</sub>·(1 or 2z<sub>i</sub>)/C and ∂ℓ/∂x<sub>y</sub> = −Σ of those; divided by N for
 * {@code mean}.
 * <p>Validation: p other than 1 or 2 (PyTorch: "only p == 1 and p == 2 supported"); weight not one-dimensional or
 * not of length C (PyTorch 1.13 reads past a short weight); a class index outside [0, C); a non-finite margin.
 * <p>Reference: PyTorch {@code torch.nn.MultiMarginLoss}; J. Weston and C. Watkins, "Support Vector Machines for
 * Multi-Class Pattern Recognition", ESANN 1999.
 */
public final class MultiMarginLoss extends InputTargetLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("multi_margin_loss", Family.CLASSIFICATION,
                    "Multi-class hinge, p in {1, 2} (PyTorch MultiMarginLoss).")
            .inputs(InputSpec.differentiable("input"), InputSpec.indices("target"))
            .integer("p", 1, Rule.oneOfNumbers(1, 2), "the hinge's power")
            .number("margin", 1.0, Rule.FINITE, "the margin between the target's score and the others'")
            .tensor("weight", "a weight per class, shape (C)")
            .factory(MultiMarginLoss::create);

    private final int p;
    private final double margin;
    private final Tensor weight;

    /** The registry's factory: p is read as a whole number, and checked before it is narrowed to an int. */
    private static MultiMarginLoss create(LossParams p) {
        long pp = p.getLong("p");
        DECLARATION.parameter("p").check(pp);
        return new MultiMarginLoss((int) pp, p.getDouble("margin"), p.getTensor("weight"), p.reduction());
    }

    /** p = 1, margin 1, no weights, reduction {@code mean}. */
    public MultiMarginLoss() {
        this(1, 1.0, null, Reduction.MEAN);
    }

    /**
     * @param p         1 or 2
     * @param margin    finite margin
     * @param weight    class weights (C), or null
     * @param reduction {@code none}, {@code mean} or {@code sum}
     */
    public MultiMarginLoss(int p, double margin, Tensor weight, Reduction reduction) {
        super(DECLARATION, reduction);
        this.p = checkedInt("p", p);
        this.margin = checked("margin", margin);
        this.weight = ClassDimLoss.weightParam(name(), "weight", weight);
        if (this.weight != null) {
            param("weight", this.weight);
        }
    }

    @Override
    protected LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget) {
        int dim = input.dim();
        if (dim < 1 || dim > 2 || input.size(-1) == 0) {
            throw error("input must be a non-empty (C) vector or an (N, C) matrix, got shape " + input.shapeString());
        }
        int c = input.size(-1);
        int n = dim == 1 ? 1 : input.size(0);
        int[] rowShape = dim == 1 ? new int[0] : new int[] {n};
        if (!target.hasShape(rowShape)) {
            throw error("target shape " + target.shapeString() + " must be " + java.util.Arrays.toString(rowShape)
                    + " (one class index per sample) for input " + input.shapeString());
        }
        float[] w = null;
        if (weight != null) {
            if (weight.numel() != c) {
                throw error("weight must have one entry per class (C = " + c + "), got shape "
                        + weight.shapeString());
            }
            w = weight.data();
        }
        long[] y = target.longData();
        for (int r = 0; r < n; r++) {
            if (y[r] < 0 || y[r] >= c) {
                throw error("target " + y[r] + " at index " + r + " is out of range for C = " + c
                        + " classes (valid: 0 to " + (c - 1) + ")");
            }
        }
        float[] x = input.data();
        float[] gx = gradInput ? new float[x.length] : null;
        float[] out = reduction() == Reduction.NONE ? new float[n] : null;
        double denominator = reduction().divisor(n);
        double g = 1 / denominator / c;
        float[] wf = w;
        double sum = Rows.sum(n, c, (r0, r1) -> rows(x, y, wf, c, g, out, gx, r0, r1));
        return ClassDimLoss.result(reduction(), rowShape, input, out, gx, sum, denominator);
    }

    private double rows(float[] x, long[] y, float[] w, int c, double g, float[] out, float[] gx, int r0, int r1) {
        final double m = margin;
        final boolean squared = p == 2;
        double sum = 0;
        for (int r = r0; r < r1; r++) {
            int base = r * c;
            int t = (int) y[r];
            double xt = x[base + t];
            double wt = w == null ? 1 : w[t];
            double l = 0;
            double gt = 0;
            for (int i = 0; i < c; i++) {
                if (i == t) {
                    continue;
                }
                double z = m - xt + x[base + i];
                if (z > 0) {
                    l += squared ? z * z : z;
                    if (gx != null) {
                        double gi = wt * (squared ? 2.0 * z : 1.0) * g;
                        gx[base + i] = (float) gi;
                        gt -= gi;
                    }
                }
            }
            if (gx != null) {
                gx[base + t] = (float) gt;
            }
            l = wt * l / c;
            sum += l;
            if (out != null) {
                out[r] = (float) l;
            }
        }
        return sum;
    }
}
