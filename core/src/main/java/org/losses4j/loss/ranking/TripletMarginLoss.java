package org.losses4j.loss.ranking;

import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;

/**
 * Triplet margin loss, PyTorch's {@code nn.TripletMarginLoss(margin=1.0, p=2.0, eps=1e-6, swap=False,
 * reduction='mean')} / {@code F.triplet_margin_loss(anchor, positive, negative)}.
 *
 * <p>Per triplet (a, p, n), with PyTorch's {@code pairwise_distance} d(u, w) = ‖u − w + eps‖<sub>p</sub> (eps is
 * added to the difference vector, not to the norm):
 * <pre>
 *   ℓ = max(margin + d(a, p) − d(a, n), 0)
 *   with swap: d(a, n) is replaced by min(d(a, n), d(p, n))
 * </pre>
 * <ul>
 *   <li>{@code none}: the (N) tensor of ℓ<sub>i</sub> (a 0-d tensor for unbatched (D) inputs);</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / N (NaN for N = 0);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: anchor, positive and negative all (N, D), or all (D). PyTorch requires equal ranks and broadcasts;
 * losses4j requires identical shapes.
 * <p>Gradient: where the hinge argument is ≥ 0 (at exactly 0 the gradient passes, as PyTorch's {@code clamp_min}; a NaN
 * argument gives NaN gradients where PyTorch's do, see {@code AbstractTripletLoss}),
 * ∂d/∂u<sub>k</sub> = sgn(v<sub>k</sub>)·|v<sub>k</sub>|<sup>p−1</sup>/d<sup>p−1</sup> with v = u − w + eps (v/d for
 * p = 2), ∂d/∂w = −∂d/∂u, and 0 when d = 0 (PyTorch masks zero norms). With swap, a tie d(a, n) = d(p, n) splits the
 * gradient ½/½ between the two distances, as {@code torch.min}. Divided by N for {@code mean}.
 * <p>p = ∞ is the max norm max<sub>k</sub> |v<sub>k</sub>|, whose gradient sgn(v<sub>k</sub>) is shared equally
 * between tied maxima, as PyTorch's norm backward.
 * <p>Validation: p ≥ 0.001, finite or +∞ (PyTorch also takes p = 0, a count of non-zeros without gradient, and
 * negative p; losses4j rejects them), eps ≥ 0, margin finite (any sign, as PyTorch).
 * <p>Peers: optax's {@code triplet_margin_loss} puts eps inside the root, (Σ|v|<sup>p</sup> + eps)<sup>1/p</sup>.
 * <p>Reference: PyTorch {@code torch.nn.TripletMarginLoss}; F. Schroff, D. Kalenichenko and J. Philbin, "FaceNet: A
 * Unified Embedding for Face Recognition and Clustering", CVPR 2015; V. Balntas, E. Riba, D. Ponsa and
 * K. Mikolajczyk, "Learning local feature descriptors with triplets and shallow convolutional neural networks",
 * BMVC 2016 (the swap).
 */
public final class TripletMarginLoss extends AbstractTripletLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("triplet_margin_loss", Family.RANKING,
                    "max(margin + d(a,p) - d(a,n), 0) with the pairwise L_p distance (PyTorch TripletMarginLoss).")
            .inputs(InputSpec.differentiable("anchor"), InputSpec.differentiable("positive"),
                    InputSpec.differentiable("negative"))
            .number("margin", 1.0, Rule.FINITE, "by how much the negative must be farther than the positive")
            .number("p", 2.0, Support.NORM_DEGREE, "the norm of the pairwise distance")
            .number("eps", 1e-6, Support.DISTANCE_EPS, "added to the difference before its norm")
            .bool("swap", false, "use the distance from positive to negative when smaller (Balntas et al.)")
            .factory(p -> new TripletMarginLoss(p.getDouble("margin"), p.getDouble("p"), p.getDouble("eps"),
                    p.getBoolean("swap"), p.reduction()));

    private final double p;
    private final double eps;

    /** PyTorch's defaults: margin 1, p 2, eps 1e-6, no swap, reduction {@code mean}. */
    public TripletMarginLoss() {
        this(1.0, 2.0, 1e-6, false, Reduction.MEAN);
    }

    /**
     * The given margin with PyTorch's other defaults.
     *
     * @param margin by how much the negative must be farther from the anchor than the positive; finite
     */
    public TripletMarginLoss(double margin) {
        this(margin, 2.0, 1e-6, false, Reduction.MEAN);
    }

    /**
     * Every parameter, in PyTorch's order.
     *
     * @param margin by how much the negative must be farther from the anchor than the positive; finite
     * @param p the degree of the pairwise distance's norm, ≥ 0.001 or +∞ (2: Euclidean)
     * @param eps added to the difference before its norm, ≥ 0 (PyTorch's 1e-6)
     * @param swap whether the distance swap of the triplet loss is used
     * @param reduction how the per-sample losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public TripletMarginLoss(double margin, double p, double eps, boolean swap, Reduction reduction) {
        super(DECLARATION, margin, swap, reduction);
        checked("margin", margin); // held by the base class
        this.p = checked("p", p);
        this.eps = checked("eps", eps);
        param("swap", swap);
    }

    /**
     * The norm degree p.
     *
     * @return the norm degree p
     */
    public double p() {
        return p;
    }

    /**
     * The eps added to the difference vector.
     *
     * @return the eps added to the difference vector
     */
    public double eps() {
        return eps;
    }

    @Override
    double distance(float[] u, int uo, float[] w, int wo, int d) {
        return Support.distance(u, uo, w, wo, d, p, eps);
    }

    @Override
    void distanceGrad(float[] u, int uo, float[] w, int wo, int d, double dist, double c, float[] gu, float[] gw) {
        Support.distanceGrad(u, uo, w, wo, d, p, eps, dist, c, gu, uo, gw, wo);
    }

    @Override
    boolean nanPropagates() {
        return p != 1 && p != Double.POSITIVE_INFINITY;
    }

    @Override
    double hingeArgument(double dPos, double dNeg) {
        return margin + dPos - dNeg;
    }
}
