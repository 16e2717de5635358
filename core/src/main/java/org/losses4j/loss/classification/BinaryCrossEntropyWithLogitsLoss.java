package org.losses4j.loss.classification;

import java.util.EnumSet;
import java.util.Set;

import org.losses4j.kernel.FastMath;
import org.losses4j.kernel.Simd;
import org.losses4j.kernel.VectorKernels;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/**
 * Binary cross-entropy on logits, PyTorch's {@code nn.BCEWithLogitsLoss(weight=None, reduction='mean',
 * pos_weight=None)} / {@code F.binary_cross_entropy_with_logits}.
 *
 * <p>Per element, with x the logit, y the target (any value, soft labels allowed), w the weight and p the
 * positive-class weight ({@code pos_weight}):
 * <pre>
 *   ℓ = w·[ (1 − y)·x − (1 + (p − 1)·y)·log σ(x) ],    log σ(x) = min(x, 0) − log1p(e^−|x|)
 * </pre>
 * which without {@code pos_weight} is max(x, 0) − x·y + log1p(e^−|x|) (TensorFlow's
 * {@code sigmoid_cross_entropy_with_logits}). The stable form never evaluates log(σ(x)) or e^x: it is finite and
 * exact for logits of ±100 and far beyond.
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n over all n elements (NaN for an empty input);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of identical shape (a mismatch is an error, as in PyTorch). {@code weight} and
 * {@code pos_weight} broadcast against them; {@code pos_weight} is typically a {@code (C)} vector along the last
 * (class) dimension, one weight per class of a multi-label problem.
 * <p>The value is evaluated as w·[ (1 − y)·softplus(x) + p·y·softplus(−x) ], softplus(z) = max(z, 0) + log1p(e^−|z|), a sum of
 * non-negative terms, so tiny losses keep their relative accuracy.
 * <p>Gradient: ∂ℓ/∂x = w·[ (1 − y)·σ(x) − p·y·σ(−x) ] (w·(σ(x) − y) without {@code pos_weight}, computed as
 * (1 − y)·σ(x) − y·σ(−x), so that a tiny gradient such as −e^−x/(1 + e^−x) for y = 1 and x ≫ 0 does not round to 0);
 * ∂ℓ/∂y = w·[ p·softplus(−x) − softplus(x) ]; both divided by n for {@code mean}.
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}): w·(p·y + 1 − y)·σ(x)·σ(−x)
 * (w·σ(x)·σ(−x) without {@code pos_weight}), ¼·w at x = 0, about e<sup>−|x|</sup> in the tails, evaluated
 * without cancellation; divided by n for {@code mean}.
 * <p>Reference: PyTorch {@code torch.nn.BCEWithLogitsLoss}.
 */
public final class BinaryCrossEntropyWithLogitsLoss extends WeightedElementwiseLoss {
    private static final Set<Reduction> REDUCTIONS = EnumSet.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM);

    /** Without weights, reduction {@code mean}. */
    public BinaryCrossEntropyWithLogitsLoss() {
        this(null, Reduction.MEAN, null);
    }

    /**
     * Without weights, the given reduction.
     *
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public BinaryCrossEntropyWithLogitsLoss(Reduction reduction) {
        this(null, reduction, null);
    }

    /**
     * @param weight    broadcast against the input, or {@code null}
     * @param reduction {@code none}, {@code mean} or {@code sum}
     * @param posWeight weight of the positive term, broadcast against the input (usually {@code (C)}), or
     *                  {@code null}
     */
    public BinaryCrossEntropyWithLogitsLoss(Tensor weight, Reduction reduction, Tensor posWeight) {
        super("binary_cross_entropy_with_logits", reduction, REDUCTIONS, weight, posWeight);
        if (weight != null) {
            param("weight", weight);
        }
        if (posWeight != null) {
            param("pos_weight", posWeight);
        }
    }

    @Override
    double kernel(Block b, int from, int to) {
        final float[] x = b.x;
        final float[] y = b.y;
        final float[] w = b.w;
        final int wp = b.wPeriod;
        final float[] pw = b.pw;
        final int pwp = b.pwPeriod;
        final float[] out = b.out;
        final float[] gx = b.gx;
        final float[] gy = b.gy;
        final double scale = b.scale;
        if (w == null && pw == null) {
            double s = plain(x, y, out, gx, gy, scale, from, to);
            if (!Double.isFinite(s) && anyInfinite(x, from, to)) {
                // max(x, 0) − x·y is NaN at x = +∞ (y < 1), whose loss is +∞, and +∞ at x = −∞ (y = 1), where
                // PyTorch's (1 − y)·x + max(−x, 0) is NaN: such a range takes the formula below, PyTorch's values.
                return general(x, y, null, 1, null, 1, out, gx, gy, scale, from, to);
            }
            return s;
        }
        return general(x, y, w, wp, pw, pwp, out, gx, gy, scale, from, to);
    }

    private static boolean anyInfinite(float[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Float.isInfinite(x[i])) {
                return true;
            }
        }
        return false;
    }

    /** With weights and/or pos_weight (periods wp, pwp; null for none): PyTorch's formula in double. */
    private static double general(float[] x, float[] y, float[] w, int wp, float[] pw, int pwp, float[] out,
            float[] gx, float[] gy, double scale, int from, int to) {
        int j = w == null ? 0 : from % wp;
        int k = pw == null ? 0 : from % pwp;
        double sum = 0;
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double yi = y[i];
            double wi = 1;
            if (w != null) {
                wi = w[j];
                if (++j == wp) {
                    j = 0;
                }
            }
            double pi = 1;
            if (pw != null) {
                pi = pw[k];
                if (++k == pwp) {
                    k = 0;
                }
            }
            // softplus(x) = max(x, 0) + log1p(e) and softplus(−x) = max(−x, 0) + log1p(e), e = e^−|x|: each
            // term is a sum of two non-negative parts, so a tiny loss keeps its relative accuracy (the form
            // (1 − y)·x − coef·log σ(x) cancels: −30 + 30.00000000000009 in double).
            double e = Math.exp(-Math.abs(xi));
            double lp = Logistic.log1pSmall(e);
            double spPos = Math.max(xi, 0) + lp; // softplus(x) = −log σ(−x)
            double spNeg = Math.max(-xi, 0) + lp; // softplus(−x) = −log σ(x)
            double r = 1 / (1 + e);
            double sigPos = xi >= 0 ? r : e * r; // σ(x)
            double sigNeg = xi >= 0 ? e * r : r; // σ(−x) = 1 − σ(x), without the cancellation
            double l = wi * ((1 - yi) * spPos + pi * yi * spNeg);
            if (Double.isInfinite(xi)) {
                // PyTorch's (1 − y)·x − coef·log σ(x) at x = ±∞: +∞ for (+∞, y < 1), NaN for the other three
                l = wi * ((1 - yi) * xi - (1 + (pi - 1) * yi) * (Math.min(xi, 0) - lp));
            }
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            if (gx != null) {
                gx[i] = (float) (wi * ((1 - yi) * sigPos - pi * yi * sigNeg) * scale);
            }
            if (gy != null) {
                gy[i] = (float) (wi * (Double.isInfinite(xi) ? -xi - (pi - 1) * (Math.min(xi, 0) - lp)
                        : pi * spNeg - spPos) * scale);
            }
        }
        return sum;
    }

    /** Elements per chunk of the weight-free path: a multiple of 16 that keeps the chunk in the L1 cache. */
    private static final int CHUNK = 512;

    /** Per-thread chunk scratch of the weight-free path: x, y, e<sup>−x</sup> (then a gradient), the values. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][CHUNK]);

    /**
     * The path without weights (what a training step and the benchmark of an (N) batch run), in float32 like
     * PyTorch's kernel and chunk by chunk so that the loops vectorise: e = e<sup>−|x|</sup> by {@link FastMath#exp}
     * (≤ 2 ulp, subnormal results included), then
     * <pre>
     *   ℓ = max(x, 0) − x·y + log1p(e),   ∂ℓ/∂x = (1 − y)·σ(x) − y·σ(−x),   σ(x) = 1/(1 + e) for x ≥ 0, e/(1 + e) below,
     * </pre>
     * log1p(e) by {@link FastMath#log1pUnit} (a polynomial, no division), so tiny losses (x ≪ 0 with y = 0, x ≫ 0
     * with y = 1) and tiny σ keep their relative accuracy, down to subnormal results. One division per element.
     * Finite for logits of any size. ∂ℓ/∂y = −x. The values are summed as in {@link org.losses4j.loss.ElementwiseLoss}:
     * groups of four in float32, the groups accumulated in double. With {@link Simd}'s Vector API kernels the whole
     * range runs there instead: the same formula with fused multiply-adds and its own exponential, so the two
     * paths may differ in the last bit; both are held to a double reference within a few ulp.
     */
    private static double plain(float[] x, float[] y, float[] out, float[] gx, float[] gy, double scale, int from,
            int to) {
        VectorKernels v = Simd.KERNELS;
        if (v == null) {
            return plainLoops(x, y, out, gx, gy, scale, from, to);
        }
        return v.bceWithLogits(x, y, out, gx, gy, (float) scale, from, to);
    }

    /** {@link #plain}'s loops, chunk by chunk on per-thread scratch. */
    private static double plainLoops(float[] x, float[] y, float[] out, float[] gx, float[] gy, double scale,
            int from, int to) {
        float[][] scratch = SCRATCH.get();
        float[] xs = scratch[0];
        float[] ys = scratch[1];
        float[] t = scratch[2];
        float[] l = scratch[3];
        final float sc = (float) scale;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int c = from; c < to; c += CHUNK) {
            final int m = Math.min(CHUNK, to - c);
            // Copies to scratch indexed from 0: C2 does not vectorise a loop whose arrays carry an offset.
            System.arraycopy(x, c, xs, 0, m);
            System.arraycopy(y, c, ys, 0, m);
            for (int k = 0; k < m; k++) {
                t[k] = -Math.abs(xs[k]);
            }
            FastMath.exp(t, 0, t, 0, m); // e = e^−|x|: 0 only where it rounds to 0 (|x| > 103.97)
            for (int k = 0; k < m; k++) {
                float xi = xs[k];
                l[k] = Math.max(xi, 0f) - xi * ys[k] + FastMath.log1pUnit(t[k]);
            }
            if (gx != null) {
                for (int k = 0; k < m; k++) {
                    float e = t[k];
                    float r = 1f / (1f + e); // σ(|x|)
                    // σ(x) = r for x ≥ 0, e·r below, without a select (C2 does not vectorise one): for x > 0,
                    // e·r + x ≥ r as x ≥ r·(1 − e) = tanh(x/2) (where e rounds to 1 both are r to an ulp); for
                    // x ≤ 0 the min is e·r ≤ r. NaN stays NaN.
                    float sig = Math.min(r, e * r + Math.max(xs[k], 0f));
                    float sigNeg = Math.min(r, e * r + Math.max(-xs[k], 0f)); // σ(−x), the same way
                    // σ(x) − y as (1 − y)·σ(x) − y·σ(−x): for y = 1 and x ≫ 0 that is −e/(1 + e), where σ(x) − 1
                    // rounds to 0 in float (x > 16.6). The scale goes in first, so that a target near float's
                    // largest value cannot overflow a product.
                    float yk = ys[k];
                    t[k] = ((1f - yk) * sc) * sig - (yk * sc) * sigNeg;
                }
                System.arraycopy(t, 0, gx, c, m);
            }
            if (gy != null) {
                for (int k = 0; k < m; k++) {
                    t[k] = -xs[k] * sc;
                }
                System.arraycopy(t, 0, gy, c, m);
            }
            if (out != null) {
                System.arraycopy(l, 0, out, c, m);
            }
            int k = 0;
            for (; k + 15 < m; k += 16) {
                s0 += (l[k] + l[k + 1]) + (l[k + 2] + l[k + 3]);
                s1 += (l[k + 4] + l[k + 5]) + (l[k + 6] + l[k + 7]);
                s2 += (l[k + 8] + l[k + 9]) + (l[k + 10] + l[k + 11]);
                s3 += (l[k + 12] + l[k + 13]) + (l[k + 14] + l[k + 15]);
            }
            for (; k < m; k++) {
                s0 += l[k];
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * The second derivative: ∂²ℓ/∂x² = w·(p·y + 1 − y)·σ(x)·σ(−x) (w·σ(x)·σ(−x) without {@code pos_weight}; it does
     * not depend on the target then), evaluated as e/(1 + e)² with e = e<sup>−|x|</sup>: ¼ at x = 0, about
     * e<sup>−|x|</sup> in the tails (no cancellation), 0 at x = ±∞. Divided by n for {@code mean}. Without weights
     * in float32, e by {@link FastMath#exp} in place in {@code hx} (vectorised loops, a few ulp); with weights in
     * double.
     */
    @Override
    void inputHessian(Block b, float[] hx, int from, int to) {
        final float[] x = b.x;
        final float[] y = b.y;
        final float[] w = b.w;
        final int wp = b.wPeriod;
        final float[] pw = b.pw;
        final int pwp = b.pwPeriod;
        final double scale = b.scale;
        if (w == null && pw == null) {
            for (int i = from; i < to; i++) {
                hx[i] = -Math.abs(x[i]);
            }
            FastMath.exp(hx, from, hx, from, to - from);
            final float sc = (float) scale;
            for (int i = from; i < to; i++) {
                float e = hx[i];
                float q = 1f + e;
                hx[i] = e / (q * q) * sc;
            }
            return;
        }
        int j = w == null ? 0 : from % wp;
        int k = pw == null ? 0 : from % pwp;
        for (int i = from; i < to; i++) {
            double wi = 1;
            if (w != null) {
                wi = w[j];
                if (++j == wp) {
                    j = 0;
                }
            }
            double pi = 1;
            if (pw != null) {
                pi = pw[k];
                if (++k == pwp) {
                    k = 0;
                }
            }
            double e = Math.exp(-Math.abs((double) x[i]));
            double q = 1 + e;
            hx[i] = (float) (wi * (1 + (pi - 1) * y[i]) * e / (q * q) * scale);
        }
    }
}
