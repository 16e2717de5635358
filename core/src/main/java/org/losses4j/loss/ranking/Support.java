package org.losses4j.loss.ranking;

import org.losses4j.loss.Check;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.Tensor;

/** Shared pieces of the ranking family: gradient buffers, embedding shapes, label checks, pairwise distances. */
final class Support {
    private Support() {
    }

    /** A float gradient array of a tensor's size, or {@code null} when not wanted. */
    static float[] grad(boolean wanted, Tensor t) {
        return wanted ? new float[t.numel()] : null;
    }

    /**
     * Rows and width of a batch of embeddings, (N, D), or one unbatched embedding, (D).
     *
     * @return {N, D}
     */
    static int[] embeddings(String loss, String name, Tensor t) {
        if (t.dim() == 2) {
            return new int[] {t.size(0), t.size(1)};
        }
        if (t.dim() == 1) {
            return new int[] {1, t.size(0)};
        }
        throw Check.error(loss, name + " must be (N, D) or (D), got shape " + t.shapeString());
    }

    /** Every input has the shape of {@code first}. */
    static void sameShapes(String loss, String firstName, Tensor first, String[] names, Tensor... others) {
        for (int i = 0; i < others.length; i++) {
            Check.sameShape(loss, firstName, first, names[i], others[i]);
        }
    }

    /** The labels of {@code t} are all in {-1, 1}. */
    static void plusMinusOne(String loss, String name, float[] y) {
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 1f && y[i] != -1f) {
                throw Check.error(loss, name + " labels must be 1 or -1, got " + Check.fmt(y[i]) + " at index " + i);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Pairwise L_p distance, PyTorch's pairwise_distance: ‖u − w + eps‖_p over the last dimension.

    /** ‖u[uo..uo+d) − w[wo..wo+d) + eps‖_p, accumulated in double. */
    static double distance(float[] u, int uo, float[] w, int wo, int d, double p, double eps) {
        double s = 0;
        if (p == 2) {
            for (int k = 0; k < d; k++) {
                double v = (double) u[uo + k] - w[wo + k] + eps;
                s += v * v;
            }
            return Math.sqrt(s);
        }
        if (p == 1) {
            for (int k = 0; k < d; k++) {
                s += Math.abs((double) u[uo + k] - w[wo + k] + eps);
            }
            return s;
        }
        // General p: scaled by the largest |v_k| so that neither a large p (→ the max norm) nor large values
        // overflow: ‖v‖_p = m·(Σ(|v_k|/m)^p)^(1/p), the sum in [1, d].
        double m = 0;
        for (int k = 0; k < d; k++) {
            m = Math.max(m, Math.abs((double) u[uo + k] - w[wo + k] + eps));
        }
        if (m == 0 || Double.isInfinite(m) || Double.isNaN(m) || p == Double.POSITIVE_INFINITY) {
            return m; // p = ∞: the max norm
        }
        for (int k = 0; k < d; k++) {
            s += Math.pow(Math.abs((double) u[uo + k] - w[wo + k] + eps) / m, p);
        }
        return m * Math.pow(s, 1 / p);
    }

    /** The smallest p accepted: below it (Σ|v|^p)^(1/p) overflows double for all but tiny dimensions. */
    static final double MIN_P = 1e-3;

    /** The rule of the p of a pairwise L_p distance: at least {@link #MIN_P}, finite or +∞ (the max norm). */
    static final Rule NORM_DEGREE = Rule.of(">= 0.001, or Infinity", Support::checkP);

    /** The rule of the eps of a pairwise distance: ≥ 0 and finite as the float32 PyTorch would hold it. */
    static final Rule DISTANCE_EPS = Rule.of(">= 0, finite in float32", Support::checkEps);

    private static double checkP(String loss, String arg, double p) {
        if (p == Double.POSITIVE_INFINITY) {
            return p;
        }
        Check.positive(loss, arg, Check.finite(loss, arg, p));
        if (p < MIN_P) {
            throw Check.error(loss, arg + " must be >= " + Check.fmt(MIN_P) + " (a smaller p overflows every "
                    + "distance), got " + Check.fmt(p));
        }
        return p;
    }

    private static double checkEps(String loss, String arg, double eps) {
        Check.nonNegative(loss, arg, Check.finite(loss, arg, eps));
        if (eps > Float.MAX_VALUE) {
            throw Check.error(loss, arg + " must be at most " + Check.fmt(Float.MAX_VALUE)
                    + " (finite in float32), got " + Check.fmt(eps));
        }
        return eps;
    }

    /**
     * Adds {@code c·∂dist/∂u} to {@code gu} and {@code −c·∂dist/∂u} to {@code gw} (either may be null), where
     * {@code dist} is the value {@link #distance} returned. With v = u − w + eps: ∂dist/∂u<sub>k</sub> =
     * sgn(v<sub>k</sub>)·|v<sub>k</sub>|<sup>p−1</sup>/dist<sup>p−1</sup> (v/dist for p = 2, sgn(v) for p = 1); 0
     * where v<sub>k</sub> = 0 and, as PyTorch's norm backward, 0 everywhere when dist = 0. For p = ∞ (dist the max
     * |v<sub>k</sub>|), sgn(v<sub>k</sub>)/t on the t elements where |v<sub>k</sub>| = dist, 0 elsewhere: PyTorch
     * shares the gradient of a tie equally.
     */
    static void distanceGrad(float[] u, int uo, float[] w, int wo, int d, double p, double eps, double dist,
            double c, float[] gu, int guo, float[] gw, int gwo) {
        if (c == 0 || (gu == null && gw == null) || (dist == 0 && p != 1)) {
            return;
        }
        int ties = 0;
        if (p == Double.POSITIVE_INFINITY) {
            for (int k = 0; k < d; k++) {
                if (Math.abs((double) u[uo + k] - w[wo + k] + eps) == dist) {
                    ties++;
                }
            }
        }
        for (int k = 0; k < d; k++) {
            double v = (double) u[uo + k] - w[wo + k] + eps;
            double g;
            if (p == 2) {
                g = v / dist;
            } else if (p == 1) {
                g = Math.signum(v);
            } else if (p == Double.POSITIVE_INFINITY) {
                g = Math.abs(v) == dist ? Math.signum(v) / ties : 0;
            } else if (v == 0) {
                g = 0;
            } else {
                g = Math.signum(v) * Math.pow(Math.abs(v) / dist, p - 1);
            }
            g *= c;
            if (gu != null) {
                gu[guo + k] += (float) g;
            }
            if (gw != null) {
                gw[gwo + k] -= (float) g;
            }
        }
    }
}
