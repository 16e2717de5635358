package org.losses4j.loss.classification;

import org.losses4j.loss.Check;
import org.losses4j.tensor.Tensor;

/**
 * Shared arithmetic of the Dice, GE2E and ArcFace losses: reductions of per-sample values, L2 normalisation with a
 * norm floor and its backward pass, and label validation.
 */
final class EmbeddingMath {
    /** The floor on a norm before dividing by it, {@code F.normalize}'s default eps. */
    static final double NORM_EPS = 1e-12;

    private EmbeddingMath() {
    }

    /** A float gradient array of a tensor's size, or {@code null} when not wanted. */
    static float[] grad(boolean wanted, Tensor t) {
        return wanted ? new float[t.numel()] : null;
    }

    /**
     * Normalises row {@code r} of width {@code d} of {@code x} into {@code u}, as {@code F.normalize}:
     * u = x / max(‖x‖, {@link #NORM_EPS}). Returns ‖x‖ where ‖x‖ ≥ eps, −eps where the floor is active (for
     * {@link #normalizeGrad}).
     */
    static double normalizeRow(double[] x, int r, int d, double[] u) {
        int o = r * d;
        double s = 0;
        for (int k = 0; k < d; k++) {
            s += x[o + k] * x[o + k];
        }
        double len = Math.sqrt(s);
        double n = Math.max(len, NORM_EPS);
        for (int k = 0; k < d; k++) {
            u[o + k] = x[o + k] / n;
        }
        return len >= NORM_EPS ? len : -NORM_EPS;
    }

    /** {@link #normalizeRow} of a float row. */
    static double normalizeRow(float[] x, int r, int d, double[] u) {
        int o = r * d;
        double s = 0;
        for (int k = 0; k < d; k++) {
            double v = x[o + k];
            s += v * v;
        }
        double len = Math.sqrt(s);
        double n = Math.max(len, NORM_EPS);
        for (int k = 0; k < d; k++) {
            u[o + k] = x[o + k] / n;
        }
        return len >= NORM_EPS ? len : -NORM_EPS;
    }

    /**
     * Back-propagates {@code gu} (∂L/∂u of row {@code r}, normalised by {@link #normalizeRow} with result
     * {@code norm}) to ∂L/∂x and adds it, times {@code factor}, to {@code gx} (same row): (gu − u·(u·gu))/‖x‖ where
     * ‖x‖ ≥ eps (the floor passes the gradient at equality, as {@code clamp_min}), gu/eps where the floor is active.
     */
    static void normalizeGrad(double[] u, double norm, int r, int d, double[] gu, double factor, double[] gx) {
        int o = r * d;
        if (norm < 0) {
            for (int k = 0; k < d; k++) {
                gx[o + k] += factor * gu[o + k] / -norm;
            }
            return;
        }
        double dot = 0;
        for (int k = 0; k < d; k++) {
            dot += u[o + k] * gu[o + k];
        }
        for (int k = 0; k < d; k++) {
            gx[o + k] += factor * (gu[o + k] - u[o + k] * dot) / norm;
        }
    }

    /** Every class index lies in [0, c); the message names the value, its index and C. */
    static void labelsInRange(String loss, String arg, long[] labels, int c) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= c) {
                throw Check.error(loss, arg + " " + labels[i] + " at index " + i + " is out of range for C = " + c
                        + " classes (must be in [0, " + c + "))");
            }
        }
    }
}
