package org.losses4j.loss.classification;

import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;

/**
 * Categorical hinge loss with Keras's semantics, {@code keras.losses.categorical_hinge} /
 * {@code CategoricalHinge()}: the Crammer–Singer multi-class hinge on one-hot targets.
 *
 * <p>Per sample, over the K classes of the last axis, with y the one-hot target (used as given; no label
 * conversion, as Keras):
 * <pre>
 *   pos = Σ_k y_k·x_k,   neg = max_k (1 − y_k)·x_k,   ℓ = max(neg − pos + 1, 0)
 * </pre>
 * <ul>
 *   <li>{@code none}: ℓ per sample, the input's shape without its last dimension;</li>
 *   <li>{@code mean} (default; Keras's {@code sum_over_batch_size}): Σℓ / number of samples (NaN for an empty
 *       batch, where Keras gives 0);</li>
 *   <li>{@code sum}: Σℓ.</li>
 * </ul>
 * <p>Shapes: input and target of identical shape with at least one dimension.
 * <p>Gradient, where neg − pos + 1 ≥ 0 (at exactly 0 the gradient passes, as TensorFlow's {@code maximum} gives it
 * to its first argument): ∂ℓ/∂x<sub>k</sub> = −y<sub>k</sub> + (1 − y<sub>k</sub>)·[k attains the max]/T, where the T
 * classes tied at the max share the gradient equally (TensorFlow's {@code reduce_max}); 0 elsewhere. Divided by the
 * number of samples for {@code mean}. No gradient for the labels.
 * <p>Reference: Keras {@code keras.losses.categorical_hinge}; K. Crammer and Y. Singer, "On the Algorithmic
 * Implementation of Multiclass Kernel-based Vector Machines", JMLR 2, 2001.
 */
public final class CategoricalHingeLoss extends LastAxisLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("categorical_hinge", Family.CLASSIFICATION,
                    "max(max_neg - pos + 1, 0) on one-hot targets (Keras categorical_hinge).")
            .inputs(InputSpec.differentiable("input"), InputSpec.constant("target"))
            .factory(p -> new CategoricalHingeLoss(p.reduction()));

    /** Reduction {@code mean} (Keras's {@code sum_over_batch_size}). */
    public CategoricalHingeLoss() {
        this(Reduction.MEAN);
    }

    /**
     * The given reduction.
     *
     * @param reduction how the per-sample losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public CategoricalHingeLoss(Reduction reduction) {
        super(DECLARATION, reduction);
    }

    @Override
    double rows(Call c, int r0, int r1) {
        final float[] x = c.x;
        final float[] y = c.y;
        final float[] gx = c.gx;
        final int k = c.k;
        final double g = c.g;
        double sum = 0;
        for (int r = r0; r < r1; r++) {
            int base = r * k;
            double pos = 0;
            double neg = Double.NEGATIVE_INFINITY;
            int ties = 0;
            for (int i = base; i < base + k; i++) {
                pos += (double) y[i] * x[i];
                double v = (1 - (double) y[i]) * x[i];
                if (v > neg) {
                    neg = v;
                    ties = 1;
                } else if (v == neg) {
                    ties++;
                }
            }
            double z = neg - pos + 1;
            double l = Math.max(z, 0);
            sum += l;
            if (c.out != null) {
                c.out[r] = (float) l;
            }
            if (gx != null && z >= 0) {
                double share = g / ties;
                for (int i = base; i < base + k; i++) {
                    double yi = y[i];
                    double v = (1 - yi) * x[i];
                    gx[i] = (float) (-yi * g + (v == neg ? (1 - yi) * share : 0));
                }
            }
        }
        return sum;
    }
}
