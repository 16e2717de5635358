package org.losses4j.loss.ranking;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.losses4j.loss.AbstractLoss;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/**
 * The triplet hinge max(0, d(a, p) − d(a, n) + margin) shared by {@link TripletMarginLoss} and
 * {@link TripletMarginWithDistanceLoss}; subclasses give the distance and its gradient.
 */
abstract class AbstractTripletLoss extends AbstractLoss {
    private static final String[] OTHERS = {"positive", "negative"};

    final double margin;
    final boolean swap;

    /** The subclass checks and records the margin ({@code checked("margin", margin)}) in its declared order. */
    AbstractTripletLoss(LossDeclaration declaration, double margin, boolean swap, Reduction reduction) {
        super(declaration, reduction);
        this.margin = margin;
        this.swap = swap;
    }

    /** The distance between rows {@code u[uo..uo+d)} and {@code w[wo..wo+d)}. */
    abstract double distance(float[] u, int uo, float[] w, int wo, int d);

    /** Adds c·∂dist/∂u to {@code gu} and c·∂dist/∂w to {@code gw} (either may be null). */
    abstract void distanceGrad(float[] u, int uo, float[] w, int wo, int d, double dist, double c, float[] gu,
            float[] gw);

    /**
     * Whether a NaN distance makes its vectors' gradients NaN in PyTorch (the derivative divides by the distance),
     * rather than 0 (p = 1 and p = ∞, whose derivatives are a sign and a mask).
     */
    abstract boolean nanPropagates();

    /** The hinge argument from the two distances, in the order PyTorch adds them. */
    abstract double hingeArgument(double dPos, double dNeg);

    /**
     * The margin.
     *
     * @return the margin by which the negative must be farther from the anchor than the positive
     */
    public final double margin() {
        return margin;
    }

    /**
     * Whether the distance swap (Balntas et al., 2016) is on.
     *
     * @return whether the distance swap (Balntas et al., 2016) is on
     */
    public final boolean swap() {
        return swap;
    }

    /**
     * The value.
     *
     * @param anchor the anchor embeddings, (N, D) or (D)
     * @param positive the embeddings of the same identity as the anchors, of the anchor's shape
     * @param negative the embeddings of other identities, of the anchor's shape
     * @return the loss: 0-d after a reduction, one value per triplet (shape (N), or () for (D) inputs) for {@code none}
     */
    public final Tensor forward(Tensor anchor, Tensor positive, Tensor negative) {
        return compute(Map.of("anchor", anchor, "positive", positive, "negative", negative), Set.of()).value();
    }

    /**
     * The value and the gradients with respect to the anchor, the positive and the negative.
     *
     * @param anchor the anchor embeddings, (N, D) or (D)
     * @param positive the embeddings of the same identity as the anchors, of the anchor's shape
     * @param negative the embeddings of other identities, of the anchor's shape
     * @return the value and the gradients with respect to the anchor, the positive and the negative
     */
    public final LossResult valueAndGradient(Tensor anchor, Tensor positive, Tensor negative) {
        return compute(Map.of("anchor", anchor, "positive", positive, "negative", negative),
                Set.of("anchor", "positive", "negative"));
    }

    @Override
    protected final LossResult evaluate(Map<String, Tensor> in, Set<String> wrt) {
        Tensor ta = in.get("anchor");
        Tensor tp = in.get("positive");
        Tensor tn = in.get("negative");
        int[] nd = Support.embeddings(name(), "anchor", ta);
        Support.sameShapes(name(), "anchor", ta, OTHERS, tp, tn);
        int n = nd[0];
        int d = nd[1];
        float[] a = ta.data();
        float[] p = tp.data();
        float[] ng = tn.data();
        float[] ga = Support.grad(wrt.contains("anchor"), ta);
        float[] gp = Support.grad(wrt.contains("positive"), tp);
        float[] gn = Support.grad(wrt.contains("negative"), tn);
        boolean grads = ga != null || gp != null || gn != null;
        double c = LossResult.gradientScale(reduction(), n);
        double[] per = new double[n];
        for (int i = 0; i < n; i++) {
            int o = i * d;
            double dPos = distance(a, o, p, o, d);
            double dNeg = distance(a, o, ng, o, d);
            double dSwap = swap ? distance(p, o, ng, o, d) : Double.NaN;
            double neg = swap ? Math.min(dNeg, dSwap) : dNeg;
            double arg = hingeArgument(dPos, neg);
            per[i] = Math.max(arg, 0);
            if (!grads || arg < 0) {
                continue;
            }
            if (!(arg >= 0)) {
                // NaN: PyTorch's clamp passes a zero gradient, which times a NaN local derivative is NaN (the L_p
                // norms of p ∉ {1, ∞} and the cosine distance divide by the NaN distance; sgn and the max mask
                // give 0). A silent zero gradient would hide the NaN from the parameters.
                if (nanPropagates()) {
                    if (Double.isNaN(dPos)) {
                        distanceGrad(a, o, p, o, d, dPos, Double.NaN, ga, gp);
                    }
                    if (Double.isNaN(dNeg)) {
                        distanceGrad(a, o, ng, o, d, dNeg, Double.NaN, ga, gn);
                    }
                    if (swap && Double.isNaN(dSwap)) {
                        distanceGrad(p, o, ng, o, d, dSwap, Double.NaN, gp, gn);
                    }
                }
                continue;
            }
            // torch.min splits the gradient of a tie half and half
            double wNeg = !swap || dNeg < dSwap ? 1 : dNeg == dSwap ? 0.5 : 0;
            distanceGrad(a, o, p, o, d, dPos, c, ga, gp);
            distanceGrad(a, o, ng, o, d, dNeg, -c * wNeg, ga, gn);
            if (swap && wNeg < 1) {
                distanceGrad(p, o, ng, o, d, dSwap, -c * (1 - wNeg), gp, gn);
            }
        }
        Map<String, Tensor> g = new LinkedHashMap<>();
        if (ga != null) {
            g.put("anchor", Tensor.wrap(ga, ta.shape()));
        }
        if (gp != null) {
            g.put("positive", Tensor.wrap(gp, tp.shape()));
        }
        if (gn != null) {
            g.put("negative", Tensor.wrap(gn, tn.shape()));
        }
        return LossResult.reduce(reduction(), per, ta.dim() == 2 ? new int[] {n} : new int[0], g);
    }
}
