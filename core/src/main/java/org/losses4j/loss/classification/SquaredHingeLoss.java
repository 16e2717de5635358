package org.losses4j.loss.classification;

import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/**
 * Squared hinge loss with Keras's semantics, {@code keras.losses.squared_hinge} / {@code SquaredHinge()}.
 *
 * <p>Labels: if <b>every</b> target value is 0 or 1 they are first converted to −1 and 1 (y ← 2y − 1), as Keras's
 * {@code convert_binary_labels_to_hinge}; otherwise they are used as they are (expected −1 and 1). Then per sample,
 * over the K values of the last axis:
 * <pre>
 *   ℓ = (1/K) · Σ_k max(1 − y_k·x_k, 0)²
 * </pre>
 * <ul>
 *   <li>{@code none}: ℓ per sample, the input's shape without its last dimension;</li>
 *   <li>{@code mean} (default; Keras's {@code sum_over_batch_size}): Σℓ / number of samples. An empty batch gives
 *       NaN, as every mean in losses4j (Keras's divide-no-NaN gives 0);</li>
 *   <li>{@code sum}: Σℓ.</li>
 * </ul>
 * <p>Shapes: input (predictions) and target (labels) of identical shape with at least one dimension (Keras squeezes
 * or expands a rank difference of one; losses4j requires equal shapes).
 * <p>Gradient: ∂ℓ/∂x<sub>k</sub> = −2·y<sub>k</sub>·max(1 − y<sub>k</sub>x<sub>k</sub>, 0)/K (0 at the kink), divided
 * by the number of samples for {@code mean}. No gradient for the labels.
 * <p>Reference: Keras {@code keras.losses.squared_hinge}; the squared hinge of L2-SVMs (C.-P. Lee and C.-J. Lin,
 * "A Study on L2-Loss (Squared Hinge-Loss) Multiclass SVM", Neural Computation 25(5), 2013).
 */
public final class SquaredHingeLoss extends LastAxisLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("squared_hinge", Family.CLASSIFICATION,
                    "Mean over the last axis of max(1 - y x, 0)^2 (Keras squared_hinge).")
            .inputs(InputSpec.differentiable("input"), InputSpec.constant("target"))
            .factory(p -> new SquaredHingeLoss(p.reduction()));

    /** Reduction {@code mean} (Keras's {@code sum_over_batch_size}). */
    public SquaredHingeLoss() {
        this(Reduction.MEAN);
    }

    /**
     * The given reduction.
     *
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public SquaredHingeLoss(Reduction reduction) {
        super(DECLARATION, reduction);
    }

    @Override
    void prepare(Call c, Tensor input, Tensor target) {
        boolean binary = true;
        for (float v : c.y) {
            if (v != 0 && v != 1) {
                binary = false;
                break;
            }
        }
        c.convertLabels = binary;
    }

    @Override
    double rows(Call c, int r0, int r1) {
        final float[] x = c.x;
        final float[] y = c.y;
        final float[] gx = c.gx;
        final int k = c.k;
        final boolean convert = c.convertLabels;
        final double g = -2 * c.g / k;
        double sum = 0;
        for (int r = r0; r < r1; r++) {
            double l = 0;
            for (int i = r * k, end = i + k; i < end; i++) {
                double yi = convert ? 2.0 * y[i] - 1 : y[i];
                double h = Math.max(1 - yi * x[i], 0);
                l += h * h;
                if (gx != null) {
                    gx[i] = (float) (g * yi * h);
                }
            }
            l /= k;
            sum += l;
            if (c.out != null) {
                c.out[r] = (float) l;
            }
        }
        return sum;
    }
}
