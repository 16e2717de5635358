package org.losses4j.loss.classification;

import org.losses4j.kernel.Logistic;
import org.losses4j.loss.Family;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/**
 * Multi-label one-versus-all logistic loss, PyTorch's {@code nn.MultiLabelSoftMarginLoss(weight=None,
 * reduction='mean')} / {@code F.multilabel_soft_margin_loss}.
 *
 * <p>Per sample, over the C classes of the last dimension, with targets y in {0, 1} (soft values are used as they
 * are) and weights w (1 when absent):
 * <pre>
 *   ℓ = (1/C) · Σ_c w_c · [ y_c·softplus(−x_c) + (1 − y_c)·softplus(x_c) ]
 *     = −(1/C) · Σ_c w_c · [ y_c·log σ(x_c) + (1 − y_c)·log σ(−x_c) ]
 * </pre>
 * evaluated with the stable softplus (finite for logits of ±100 and beyond).
 * <ul>
 *   <li>{@code none}: ℓ per sample, the input's shape without its last dimension ((N) for (N, C));</li>
 *   <li>{@code mean} (default): Σℓ / number of samples (NaN for an empty batch);</li>
 *   <li>{@code sum}: Σℓ.</li>
 * </ul>
 * <p>Shapes: input and target of identical shape with at least one dimension, classes last (PyTorch broadcasts a
 * mismatch; losses4j rejects it). {@code weight} broadcasts against the input (usually (C)).
 * <p>Gradient: ∂ℓ/∂x<sub>c</sub> = w<sub>c</sub>·(σ(x<sub>c</sub>) − y<sub>c</sub>)/C;
 * ∂ℓ/∂y<sub>c</sub> = −w<sub>c</sub>·x<sub>c</sub>/C; divided by the number of samples for {@code mean}.
 * <p>Reference: PyTorch {@code torch.nn.MultiLabelSoftMarginLoss}.
 */
public final class MultilabelSoftMarginLoss extends LastAxisLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("multilabel_soft_margin_loss", Family.CLASSIFICATION,
                    "One-vs-all logistic loss averaged over classes (PyTorch MultiLabelSoftMarginLoss).")
            .tensor("weight", "a weight per class, shape (C)")
            .factory(p -> new MultilabelSoftMarginLoss(p.getTensor("weight"), p.reduction()));

    private final Tensor weight;

    /** No weights, reduction {@code mean}. */
    public MultilabelSoftMarginLoss() {
        this(null, Reduction.MEAN);
    }

    /**
     * @param weight    broadcast against the input (usually one weight per class), or null
     * @param reduction {@code none}, {@code mean} or {@code sum}
     */
    public MultilabelSoftMarginLoss(Tensor weight, Reduction reduction) {
        super(DECLARATION, reduction);
        this.weight = Broadcast.param(weight);
        if (weight != null) {
            param("weight", this.weight);
        }
    }

    @Override
    void prepare(Call c, Tensor input, Tensor target) {
        Broadcast b = Broadcast.to(name(), "weight", weight, input.shape());
        if (b != null) {
            c.w = b.data;
            c.wPeriod = b.period;
        }
    }

    @Override
    double rows(Call c, int r0, int r1) {
        final float[] x = c.x;
        final float[] y = c.y;
        final float[] w = c.w;
        final int wp = c.wPeriod;
        final float[] gx = c.gx;
        final float[] gy = c.gy;
        final int k = c.k;
        final double g = c.g / k;
        int j = w == null ? 0 : (int) ((long) r0 * k % wp);
        double sum = 0;
        for (int r = r0; r < r1; r++) {
            double l = 0;
            for (int i = r * k, end = i + k; i < end; i++) {
                double xi = x[i];
                double yi = y[i];
                double wi = 1;
                if (w != null) {
                    wi = w[j];
                    if (++j == wp) {
                        j = 0;
                    }
                }
                double e = Math.exp(-Math.abs(xi));
                double lp = Logistic.log1pSmall(e);
                // softplus(−x) = max(−x, 0) + lp, softplus(x) = max(x, 0) + lp
                l += wi * (yi * (Math.max(-xi, 0) + lp) + (1 - yi) * (Math.max(xi, 0) + lp));
                if (gx != null) {
                    double sig = xi >= 0 ? 1 / (1 + e) : e / (1 + e);
                    gx[i] = (float) (wi * (sig - yi) * g);
                }
                if (gy != null) {
                    gy[i] = (float) (-wi * xi * g);
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
