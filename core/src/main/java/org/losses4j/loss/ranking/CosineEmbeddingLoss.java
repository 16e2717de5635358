package org.losses4j.loss.ranking;


import org.losses4j.loss.Check;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.Tensor;

/**
 * Cosine embedding loss, PyTorch's {@code nn.CosineEmbeddingLoss(margin=0.0, reduction='mean')} /
 * {@code F.cosine_embedding_loss(input1, input2, target)}.
 *
 * <p>Per pair, with PyTorch's cosine (1e-12 added to each squared norm):
 * <pre>
 *   cos = Σ x1·x2 / sqrt((Σx1² + 1e-12)·(Σx2² + 1e-12))
 *   ℓ = 1 − cos                  if y = 1   (pull similar pairs together)
 *   ℓ = max(0, cos − margin)     if y = −1  (push dissimilar pairs below the margin)
 * </pre>
 * <ul>
 *   <li>{@code none}: the (N) tensor of ℓ<sub>i</sub> (0-d for unbatched inputs);</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / N (NaN for N = 0);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input1 and input2 (N, D) with target (N), or (D) with a 0-d target.
 * <p>Gradient: with A = Σx1² + 1e-12, B = Σx2² + 1e-12, ∂cos/∂x1 = x2/√(AB) − cos·x1/A and
 * ∂cos/∂x2 = x1/√(AB) − cos·x2/B; ∂ℓ/∂x = −∂cos/∂x for y = 1, +∂cos/∂x for y = −1 where cos − margin ≥ 0 (the
 * gradient passes at equality, as PyTorch's {@code clamp_min}), else 0. Divided by N for {@code mean}.
 * <p>Validation: margin in [−1, 1] (PyTorch documents the range but does not check it); target labels 1 or −1
 * (PyTorch silently gives 0 for any other label; losses4j rejects it).
 * <p>Reference: PyTorch {@code torch.nn.CosineEmbeddingLoss}.
 */
public final class CosineEmbeddingLoss extends AbstractPairLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("cosine_embedding_loss", Family.RANKING,
                    "1 - cos for y=1, max(0, cos - margin) for y=-1 (PyTorch CosineEmbeddingLoss).")
            .inputs(InputSpec.differentiable("input1"), InputSpec.differentiable("input2"),
                    InputSpec.constant("target"))
            .number("margin", 0.0, Rule.closed(-1, 1), "the cosine below which a dissimilar pair costs nothing")
            .factory(p -> new CosineEmbeddingLoss(p.getDouble("margin"), p.reduction()));

    /** Added to each squared norm, as PyTorch's EPSILON. */
    public static final double EPSILON = 1e-12;

    private final double margin;

    /** Margin 0, reduction {@code mean}. */
    public CosineEmbeddingLoss() {
        this(0.0, Reduction.MEAN);
    }

    /**
     * The given margin (in [−1, 1]) and reduction.
     *
     * @param margin the cosine below which a dissimilar pair costs nothing, in [−1, 1] (0 to 0.5 is usual)
     * @param reduction how the per-pair losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public CosineEmbeddingLoss(double margin, Reduction reduction) {
        super(DECLARATION, reduction);
        this.margin = checked("margin", margin);
    }

    /**
     * The margin.
     *
     * @return the cosine below which a dissimilar pair costs nothing
     */
    public double margin() {
        return margin;
    }

    @Override
    int pairs(Tensor t1, Tensor t2, Tensor ty) {
        if (ty.dim() > 1) {
            throw error("target must be 0-d or 1-d (multi-target not supported), got shape " + ty.shapeString());
        }
        int want = ty.dim() + 1;
        if (t1.dim() != want || t2.dim() != want) {
            throw error(ty.dim() + "-d target expects " + want + "-d inputs, got input1 " + t1.shapeString()
                    + " and input2 " + t2.shapeString());
        }
        Check.sameShape(name(), "input1", t1, "input2", t2);
        int n = ty.dim() == 1 ? ty.size(0) : 1;
        if (ty.dim() == 1 && t1.size(0) != n) {
            throw error("target shape " + ty.shapeString() + " must match the batch size of input1 "
                    + t1.shapeString());
        }
        Support.plusMinusOne(name(), "target", ty.data());
        return n;
    }

    @Override
    void losses(Tensor t1, Tensor t2, Tensor ty, double c, double[] per, float[] g1, float[] g2) {
        int n = per.length;
        int d = t1.size(-1);
        float[] x1 = t1.data();
        float[] x2 = t2.data();
        float[] y = ty.data();
        for (int i = 0; i < n; i++) {
            int o = i * d;
            double dot = 0;
            double a = 0;
            double b = 0;
            for (int k = 0; k < d; k++) {
                double u = x1[o + k];
                double w = x2[o + k];
                dot += u * w;
                a += u * u;
                b += w * w;
            }
            a += EPSILON;
            b += EPSILON;
            double root = Math.sqrt(a * b);
            double cos = dot / root;
            double dl;
            if (y[i] == 1f) {
                per[i] = 1 - cos;
                dl = -c;
            } else {
                per[i] = Math.max(cos - margin, 0);
                dl = cos - margin >= 0 ? c : 0;
            }
            if (dl == 0) {
                continue;
            }
            for (int k = 0; k < d; k++) {
                double u = x1[o + k];
                double w = x2[o + k];
                if (g1 != null) {
                    g1[o + k] = (float) (dl * (w / root - cos * u / a));
                }
                if (g2 != null) {
                    g2[o + k] = (float) (dl * (u / root - cos * w / b));
                }
            }
        }
    }
}
