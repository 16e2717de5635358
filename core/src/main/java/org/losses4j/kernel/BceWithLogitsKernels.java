package org.losses4j.kernel;

/**
 * The element kernels of binary cross-entropy on logits
 * ({@code org.losses4j.loss.classification.BinaryCrossEntropyWithLogitsLoss} holds the specification, the
 * validation and the choice among them): PyTorch's general formula in double, with weights and
 * {@code pos_weight}, and the weight-free path in float32 that {@link PlainKernels#bceWithLogits} runs (the Vector
 * API kernels have their own, {@link VectorKernels#bceWithLogits}), and the second derivative on each path. Each
 * evaluates elements {@code [from, to)} and returns Σℓ in double; {@code out}, {@code gx}, {@code gy} and
 * {@code hx} may be null when not wanted.
 */
public final class BceWithLogitsKernels {
    private BceWithLogitsKernels() {
    }

    /**
     * Whether {@code x[from, to)} holds an infinity.
     *
     * @param x the values
     * @param from the first index checked, inclusive
     * @param to the end index, exclusive
     * @return true if some element of {@code x[from, to)} is +∞ or −∞ (NaN is not infinite)
     */
    public static boolean anyInfinite(float[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Float.isInfinite(x[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * With weights and/or pos_weight (periods wp, pwp; null for none): PyTorch's formula in double.
     *
     * @param x the logits
     * @param y the targets
     * @param w the weights, or null
     * @param wp the period of {@code w}
     * @param pw the pos_weight, or null
     * @param pwp the period of {@code pw}
     * @param out the per-element losses, or null
     * @param gx the gradient with respect to the logits, or null
     * @param gy the gradient with respect to the targets, or null
     * @param hx the second derivative with respect to the logits, or null: w·(p·y + 1 − y)·σ(x)·σ(−x), as
     *           e/(1 + e)² with e = e<sup>−|x|</sup> (no cancellation in the tails, 0 at x = ±∞)
     * @param scale the gradients' scale
     * @param from the first element
     * @param to the end of the range (exclusive)
     * @return the sum of the losses over the range
     */
    public static double general(float[] x, float[] y, float[] w, int wp, float[] pw, int pwp, float[] out,
            float[] gx, float[] gy, float[] hx, double scale, int from, int to) {
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
            if (hx != null) {
                double q = 1 + e;
                hx[i] = (float) (wi * (1 + (pi - 1) * yi) * e / (q * q) * scale);
            }
        }
        return sum;
    }

    /**
     * The second derivative without weights, σ(x)·σ(−x) = e/(1 + e)² with e = e<sup>−|x|</sup>, times
     * {@code scale}, into {@code hx[from, to)}: in float32, e by {@link FastMath#exp} in place in {@code hx}
     * (vectorised loops, a few ulp); ¼ at x = 0, about e<sup>−|x|</sup> in the tails, 0 at x = ±∞.
     *
     * @param x the logits
     * @param hx the second derivative with respect to the logits
     * @param scale the reduction's factor
     * @param from the first element
     * @param to the end of the range (exclusive)
     */
    public static void hessian(float[] x, float[] hx, float scale, int from, int to) {
        for (int i = from; i < to; i++) {
            hx[i] = -Math.abs(x[i]);
        }
        FastMath.exp(hx, from, hx, from, to - from);
        for (int i = from; i < to; i++) {
            float e = hx[i];
            float q = 1f + e;
            hx[i] = e / (q * q) * scale;
        }
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
    static double plain(float[] x, float[] y, float[] out, float[] gx, float[] gy, double scale,
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
}
