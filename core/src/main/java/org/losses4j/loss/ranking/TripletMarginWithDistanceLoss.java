package org.losses4j.loss.ranking;

import org.losses4j.loss.Check;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.Labelled;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossParams;
import org.losses4j.loss.ParameterSpec;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;

/**
 * Triplet margin loss with a chosen distance, PyTorch's {@code nn.TripletMarginWithDistanceLoss(distance_function=None,
 * margin=1.0, swap=False, reduction='mean')}. PyTorch takes any Python callable as the distance; losses4j offers
 * two, chosen by name:
 * <ul>
 *   <li>{@link Distance#PAIRWISE} ({@code "pairwise_distance"}, PyTorch's default): ‖u − w + eps‖<sub>p</sub>,
 *       parameters {@code p} (default 2) and {@code eps} (default 1e-6), as {@code F.pairwise_distance};</li>
 *   <li>{@link Distance#COSINE} ({@code "cosine_distance"}): 1 − u·w / (max(‖u‖, 1e-8)·max(‖w‖, 1e-8)), the
 *       cosine distance PyTorch's documentation suggests ({@code 1 - F.cosine_similarity(u, w)}; 1e-8 is its eps,
 *       applied here as a floor on each norm).</li>
 * </ul>
 * <p>Per triplet: ℓ = max(d(a, p) − d(a, n) + margin, 0); with swap, d(a, n) ← min(d(a, n), d(p, n)).
 * Reductions: {@code none} ((N), or 0-d for (D) inputs), {@code mean} (default, ÷ N), {@code sum}.
 * <p>Shapes: anchor, positive and negative all (N, D) or all (D), identical.
 * <p>Gradient: active where the hinge argument is ≥ 0 (clamp rule: passes at 0); a swap tie splits ½/½
 * ({@code torch.min}). Pairwise: as {@link TripletMarginLoss}. Cosine: ∂(1 − cos)/∂u = −(w/(‖u‖‖w‖) −
 * cos·u/‖u‖²) (with the floored norm, and without the second term, where ‖u‖ &lt; 1e-8).
 * <p>Validation: margin ≥ 0 (the functional {@code F.triplet_margin_with_distance_loss}, whose name this is, accepts
 * 0, where the hinge max(d(a, p) − d(a, n), 0) is a plain ranking; only the module of PyTorch ≥ 2.0 requires &gt; 0),
 * p &gt; 0 finite and eps ≥ 0 for the pairwise distance; p and eps may not be given with the cosine distance.
 * <p>Reference: PyTorch {@code torch.nn.TripletMarginWithDistanceLoss}; F. Schroff, D. Kalenichenko and J. Philbin,
 * "FaceNet", CVPR 2015; V. Balntas et al., BMVC 2016 (the swap).
 */
public final class TripletMarginWithDistanceLoss extends AbstractTripletLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("triplet_margin_with_distance_loss", Family.RANKING,
                    "Triplet loss with pairwise_distance or cosine_distance (PyTorch TripletMarginWithDistanceLoss).")
            .inputs(InputSpec.differentiable("anchor"), InputSpec.differentiable("positive"),
                    InputSpec.differentiable("negative"))
            .parameter("distance_function", ParameterSpec.Type.CHOICE, Distance.PAIRWISE.label(),
                    Rule.oneOf(Distance.values()), "the distance (None is pairwise_distance)")
            .number("p", 2.0, Support.NORM_DEGREE, "the norm of pairwise_distance")
            .number("eps", 1e-6, Support.DISTANCE_EPS, "added to the difference before its norm (pairwise_distance)")
            .number("margin", 1.0, Rule.NON_NEGATIVE_FINITE, "by how much the negative must be farther than the positive")
            .bool("swap", false, "use the distance from positive to negative when smaller")
            .factory(TripletMarginWithDistanceLoss::create);

    /** The norm floor of the cosine distance (PyTorch's {@code cosine_similarity} eps). */
    public static final double COSINE_EPS = 1e-8;

    /** The distance functions on offer. */
    public enum Distance implements Labelled {
        /** {@code F.pairwise_distance(u, w, p, eps)}. */
        PAIRWISE("pairwise_distance"),
        /** 1 − cosine similarity. */
        COSINE("cosine_distance");

        private final String label;

        Distance(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label();
        }

        /**
         * Parses a protocol name.
         *
         * @param loss the loss's name, for the message
         * @param name the label given: {@code pairwise_distance} or {@code cosine_distance}, exactly
         * @return the distance of that label
         * @throws IllegalArgumentException for any other value
         */
        public static Distance parse(String loss, String name) {
            return Check.choice(loss, "distance_function", name, values());
        }
    }

    private final Distance distance;
    private final double p;
    private final double eps;

    /** The registry's factory: p and eps apply to pairwise_distance only. */
    private static TripletMarginWithDistanceLoss create(LossParams p) {
        String name = p.getString("distance_function", null); // None is pairwise_distance, as in PyTorch
        Distance d = Distance.parse(p.loss(), name == null ? DECLARATION.parameter("distance_function").defaultString()
                : name);
        if (d == Distance.COSINE && (p.has("p") || p.has("eps"))) {
            throw Check.error(p.loss(), "p and eps apply to distance_function=pairwise_distance, not cosine_distance");
        }
        return new TripletMarginWithDistanceLoss(d, p.getDouble("p"), p.getDouble("eps"), p.getDouble("margin"),
                p.getBoolean("swap"), p.reduction());
    }

    /** PyTorch's defaults: pairwise distance (p = 2, eps = 1e-6), margin 1, no swap, reduction {@code mean}. */
    public TripletMarginWithDistanceLoss() {
        this(Distance.PAIRWISE, 1.0, false, Reduction.MEAN);
    }

    /**
     * The given distance (pairwise with p = 2 and eps = 1e-6), margin, swap and reduction.
     *
     * @param distance the distance function
     * @param margin by how much the negative must be farther from the anchor than the positive; ≥ 0 and finite
     * @param swap whether the distance swap of the triplet loss is used
     * @param reduction how the per-sample losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public TripletMarginWithDistanceLoss(Distance distance, double margin, boolean swap, Reduction reduction) {
        this(distance, 2.0, 1e-6, margin, swap, reduction);
    }

    /**
     * Every parameter; p and eps are those of the pairwise distance (ignored, and must be 2 and 1e-6, for cosine).
     *
     * @param reduction how the per-sample losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     * @param distance the distance function
     * @param p the degree of the pairwise distance's norm, ≥ 0.001 or +∞ (2 for {@code cosine_distance})
     * @param eps added to the difference before its norm, ≥ 0 (1e-6 for {@code cosine_distance})
     * @param margin by how much the negative must be farther from the anchor than the positive; ≥ 0 and finite
     * @param swap whether the distance swap of the triplet loss is used
     */
    public TripletMarginWithDistanceLoss(Distance distance, double p, double eps, double margin, boolean swap,
            Reduction reduction) {
        super(DECLARATION, margin, swap, reduction);
        this.distance = java.util.Objects.requireNonNull(distance, "distance");
        param("distance_function", distance.label());
        if (distance == Distance.PAIRWISE) {
            this.p = checked("p", p);
            this.eps = checked("eps", eps);
        } else {
            // checked by their rules but not recorded: the cosine distance has neither
            this.p = DECLARATION.parameter("p").check(p);
            this.eps = DECLARATION.parameter("eps").check(eps);
            if (p != 2.0 || eps != 1e-6) {
                throw error("p and eps apply to distance_function=pairwise_distance, not cosine_distance");
            }
        }
        checked("margin", margin); // held by the base class
        param("swap", swap);
    }

    /**
     * The distance function.
     *
     * @return the distance function
     */
    public Distance distance() {
        return distance;
    }

    @Override
    double distance(float[] u, int uo, float[] w, int wo, int d) {
        if (distance == Distance.PAIRWISE) {
            return Support.distance(u, uo, w, wo, d, p, eps);
        }
        double uw = 0;
        double uu = 0;
        double ww = 0;
        for (int k = 0; k < d; k++) {
            double a = u[uo + k];
            double b = w[wo + k];
            uw += a * b;
            uu += a * a;
            ww += b * b;
        }
        return 1 - uw / (Math.max(Math.sqrt(uu), COSINE_EPS) * Math.max(Math.sqrt(ww), COSINE_EPS));
    }

    @Override
    void distanceGrad(float[] u, int uo, float[] w, int wo, int d, double dist, double c, float[] gu, float[] gw) {
        if (distance == Distance.PAIRWISE) {
            Support.distanceGrad(u, uo, w, wo, d, p, eps, dist, c, gu, uo, gw, wo);
            return;
        }
        if (c == 0) {
            return;
        }
        double uu = 0;
        double ww = 0;
        for (int k = 0; k < d; k++) {
            uu += (double) u[uo + k] * u[uo + k];
            ww += (double) w[wo + k] * w[wo + k];
        }
        double nu = Math.sqrt(uu);
        double nw = Math.sqrt(ww);
        double nuc = Math.max(nu, COSINE_EPS);
        double nwc = Math.max(nw, COSINE_EPS);
        double cos = 1 - dist;
        // d(1 − cos) = −dcos; the norm's own gradient is absent where the floor is active or the norm is 0
        double su = nu >= COSINE_EPS && nu > 0 ? cos / (nu * nu) : 0;
        double sw = nw >= COSINE_EPS && nw > 0 ? cos / (nw * nw) : 0;
        double inv = 1 / (nuc * nwc);
        for (int k = 0; k < d; k++) {
            double a = u[uo + k];
            double b = w[wo + k];
            if (gu != null) {
                gu[uo + k] += (float) (-c * (b * inv - su * a));
            }
            if (gw != null) {
                gw[wo + k] += (float) (-c * (a * inv - sw * b));
            }
        }
    }

    @Override
    boolean nanPropagates() {
        return distance != Distance.PAIRWISE || (p != 1 && p != Double.POSITIVE_INFINITY);
    }

    @Override
    double hingeArgument(double dPos, double dNeg) {
        return dPos - dNeg + margin;
    }
}
