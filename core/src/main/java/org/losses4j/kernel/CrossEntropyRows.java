package org.losses4j.kernel;

import java.util.Arrays;

/**
 * The row kernels of cross-entropy over logits ({@code org.losses4j.loss.classification.CrossEntropyLoss} holds the
 * specification, the validation and the choice among them). A row is one sample's C logits, at a stride between
 * classes ({@code stride}, 1 for an (N, C) input); row r's class 0 is at {@link #base}. Each kernel evaluates rows
 * {@code [r0, r1)} and returns the sum of their losses in double; {@code out} (per-row losses) and {@code gx} (the
 * gradient, scaled by {@code g}) may be null when not wanted. Every row's result is independent of the others, so
 * of the chunking {@link Rows} chooses.
 */
public final class CrossEntropyRows {
    private CrossEntropyRows() {
    }

    /**
     * Offset of class 0 of row {@code row} for C classes at a stride of {@code stride} (positions per sample).
     *
     * @param row the row's flat index in [0, N·d1·…·dK): sample n = row / stride, position row % stride within it
     * @param c the number of classes C
     * @param stride the positions per sample d1·…·dK, the distance between two classes of a row (1 for a (C) or (N, C)
     *               input)
     * @return the index in the logits of class 0 of that row; class k is then at that index + k·stride
     */
    public static int base(int row, int c, int stride) {
        return stride == 1 ? row * c : (row / stride) * c * stride + row % stride;
    }

    /**
     * Σ of {@link #plainIndexRows} over rows {@code [0, rows)}, chunked as {@link Rows#sum} chunks them; on the
     * calling thread (when {@link Rows#sequential}) without allocating a capturing lambda: the training loop's fast
     * path.
     *
     * @param index the target class of each row, in [0, c) or {@code ignore}; the caller has checked the range
     * @param ignore the {@code ignore_index}: a row with this target scores 0 and gets a zero gradient
     * @param x the logits, {@code rows × c} in row-major order (contiguous classes)
     * @param rows the number of rows N ≥ 0
     * @param c the number of classes C ≥ 1
     * @param g the factor of the gradient: 1 for {@code sum}, 1 / (rows not ignored) for {@code mean}
     * @param gx receives g·∂ℓ/∂x for the first {@code rows·c} elements (overwritten, need not be zeroed; it is also the
     *           scratch of the exponentials)
     * @return the sum of the rows' losses in double (ignored rows add 0), the same bits as {@link Rows#sum} over
     *         {@link #plainIndexRows}
     */
    public static double plainIndexSum(long[] index, long ignore, float[] x, int rows, int c, double g,
            float[] gx) {
        int cost = rowCost(c);
        if (!Rows.sequential(rows, cost)) {
            return Rows.sum(rows, cost, (r0, r1) -> plainIndexRows(index, ignore, x, c, g, null, gx, r0, r1));
        }
        // Rows.sequentialSum's chunks and order
        int chunk = Rows.chunk(cost);
        if (rows <= chunk) {
            return rows == 0 ? 0 : plainIndexRows(index, ignore, x, c, g, null, gx, 0, rows);
        }
        double sum = 0;
        for (int r0 = 0; r0 < rows; r0 += chunk) {
            sum += plainIndexRows(index, ignore, x, c, g, null, gx, r0, Math.min(rows, r0 + chunk));
        }
        return sum;
    }

    /**
     * The common case, fast: class-index targets, no weights, no label smoothing, rows of C contiguous classes
     * ((C) or (N, C) input). Per row: the maximum m in float; e<sup>x − m</sup> with {@link FastMath} (within 2 ulp,
     * vectorised) stored into the gradient and summed in double in class order; ℓ = m + log Σe − x<sub>y</sub> in
     * double; the gradient g·e/Σe − g·δ<sub>ky</sub> in float.
     *
     * @param index the target class of each row, in [0, c) or {@code ignore}; the caller has checked the range
     * @param ignore the {@code ignore_index}: a row with this target scores 0 and gets a zero gradient
     * @param x the logits, N × c in row-major order; row r's class k at r·c + k
     * @param c the number of classes C ≥ 1
     * @param g the factor of the gradient (the upstream gradient over the reduction's denominator)
     * @param out receives row r's loss, as float, at {@code out[r]}; null when the losses per row are not wanted
     * @param gx receives g·∂ℓ/∂x at the logits' positions of rows {@code [r0, r1)}, overwritten (it is also the scratch
     *           of the exponentials); null when no gradient is wanted
     * @param r0 the first row, inclusive
     * @param r1 the end row, exclusive
     * @return the sum over rows {@code [r0, r1)} of ℓ = −log softmax(x)<sub>y</sub>, in double (ignored rows add 0)
     */
    public static double plainIndexRows(long[] index, long ignore, float[] x, int c, double g, float[] out,
            float[] gx, int r0, int r1) {
        if (c < NARROW) {
            return narrowIndexRows(index, ignore, x, c, g, out, gx, r0, r1);
        }
        final float[] e = gx != null ? gx : new float[c];
        final float gf = (float) g;
        double sum = 0;
        for (int r = r0; r < r1; r++) {
            long t = index[r];
            int base = r * c;
            int end = base + c;
            if (t == ignore) {
                if (out != null) {
                    out[r] = 0;
                }
                if (gx != null) {
                    Arrays.fill(gx, base, end, 0f); // a caller's buffer (the fast path) is not zeroed beforehand
                }
                continue;
            }
            float m = rowMax(x, base, end);
            int eb = gx != null ? base : 0;
            double se = FastMath.expShiftedSum(x, base, m, e, eb, c);
            int jt = base + (int) t;
            // The shift first (m + log Σe would round away log Σe), in double: m − x_t overflows float for logits
            // of ±2e38, a finite loss in double, as on the weighted path.
            double loss = ((double) m - x[jt]) + Math.log(se);
            sum += loss;
            if (out != null) {
                out[r] = (float) loss;
            }
            if (gx != null) {
                float a = (float) (g / se);
                for (int j = base; j < end; j++) {
                    gx[j] *= a;
                }
                gx[jt] -= gf;
            }
        }
        return sum;
    }

    /**
     * The largest non-NaN logit of {@code x[from, to)} (−∞ if none): a NaN is skipped here but still makes Σe, the
     * loss and the gradient NaN.
     */
    private static float rowMax(float[] x, int from, int to) {
        // a narrow row is over before the lanes of the Vector API kernels pay for their set-up
        return to - from >= NARROW ? Simd.KERNELS.max(x, from, to) : PlainKernels.INSTANCE.max(x, from, to);
    }

    /**
     * A row's cost in element-operation units, for splitting rows over the cores: an exponential is worth about eight
     * element-wise operations, and a row's logarithm and set-up about 64, so that a batch of many narrow rows is cut
     * into enough chunks for the cores to share. The chunks depend only on C, never on the thread count.
     *
     * @param c the number of classes C
     * @return 8·C + 64, the cost of one row in element-operation units (for {@link Rows#sum} and {@link Rows#chunk})
     */
    public static int rowCost(int c) {
        return 8 * c + 64;
    }

    /**
     * Narrow rows whose logits all lie within ±this are exponentiated without the shift by their maximum:
     * e<sup>80</sup>·63 classes stays far below float's overflow (e<sup>88.7</sup>), and e<sup>−80</sup> far above
     * its smallest normal value (e<sup>−87.3</sup>).
     */
    private static final float UNSHIFTED = 80f;

    /** max |x[from, to)|, NaN if there is a NaN (then no bound holds). */
    private static float maxAbs(float[] x, int from, int to) {
        return Simd.KERNELS.maxAbs(x, from, to);
    }

    /**
     * Per thread: {@link #narrowIndexRows}'s per-row maxima, sums, sums over the target's term and logarithms, grown
     * as needed.
     */
    private static final ThreadLocal<NarrowScratch> NARROW_SCRATCH = ThreadLocal.withInitial(NarrowScratch::new);

    private static final class NarrowScratch {
        float[] max = new float[0];
        double[] se = new double[0];
        double[] lse = new double[0];
        double[] ratio = new double[0];

        NarrowScratch ensure(int rows) {
            if (max.length < rows) {
                max = new float[rows];
                se = new double[rows];
                lse = new double[rows];
                ratio = new double[rows];
            }
            return this;
        }
    }

    /** Rows narrower than this take {@link #narrowIndexRows}: the exponentials of many rows in one call. */
    private static final int NARROW = 64;

    /**
     * {@link #plainIndexRows} for narrow rows, where a call per row would cost more than its C exponentials: the
     * shifted logits x − m of all rows [r0, r1) are written first (or, when every logit is within ±{@value #UNSHIFTED},
     * the logits themselves are used), then exponentiated in one vectorised
     * {@link FastMath#exp(float[], int, float[], int, int)} call, then each row is summed (in double, in class
     * order), scored and scaled. Every row's result is independent of the others, so of the chunking.
     */
    private static double narrowIndexRows(long[] index, long ignore, float[] x, int c, double g, float[] out,
            float[] gx, int r0, int r1) {
        final int off = gx != null ? 0 : r0 * c; // position of row r in e: r * c - off
        final float[] e = gx != null ? gx : new float[(r1 - r0) * c];
        final int rows = r1 - r0;
        final NarrowScratch scratch = NARROW_SCRATCH.get().ensure(rows);
        final float[] max = scratch.max;
        final float gf = (float) g;
        final boolean unshifted = maxAbs(x, r0 * c, r1 * c) <= UNSHIFTED;
        if (unshifted) {
            // No row needs its maximum subtracted (max[] stays 0): e^x neither overflows nor leaves a row without
            // a normal term, and each e^x is as accurate as e^(x − m); the loss is then log(Σe / e_t) (below).
            // This skips two short loops per row, most of the time of a (1024, 10) batch.
            Arrays.fill(max, 0, rows, 0f);
            FastMath.exp(x, r0 * c, e, r0 * c - off, (r1 - r0) * c);
        } else {
            for (int r = r0; r < r1; r++) {
                int base = r * c;
                int end = base + c;
                float m = rowMax(x, base, end);
                max[r - r0] = m;
                for (int j = base; j < end; j++) {
                    e[j - off] = x[j] - m;
                }
            }
            FastMath.exp(e, r0 * c - off, e, r0 * c - off, (r1 - r0) * c);
        }
        // Σe per row, then all the rows' logarithms in one call (one Math.log per row costs ~13 ns; the Vector API
        // kernels take them lanes at a time), then the losses and gradients.
        final double[] se = scratch.se;
        final double[] lse = scratch.lse;
        for (int r = r0; r < r1; r++) {
            // Four partial sums: one chain of dependent double adds would make the latency of an add the cost of
            // a class on these short rows.
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int k = r * c - off;
            final int kEnd = k + c;
            for (; k + 3 < kEnd; k += 4) {
                s0 += e[k];
                s1 += e[k + 1];
                s2 += e[k + 2];
                s3 += e[k + 3];
            }
            for (; k < kEnd; k++) {
                s0 += e[k];
            }
            se[r - r0] = (s0 + s1) + (s2 + s3);
        }
        double[] logArg = se;
        if (unshifted) {
            // −log p = log(Σe / e_t), not log Σe − x_t: e_t is a term of Σe, so its rounding cancels in the ratio,
            // while log Σe − x_t would carry e_t's error (an ulp of float) into a confident row's tiny loss, even
            // below 0.
            logArg = scratch.ratio;
            for (int r = r0; r < r1; r++) {
                long t = index[r];
                logArg[r - r0] = t == ignore ? 1 : se[r - r0] / e[r * c - off + (int) t];
            }
        }
        Simd.KERNELS.log(logArg, lse, rows);
        double sum = 0;
        for (int r = r0; r < r1; r++) {
            int base = r * c;
            long t = index[r];
            if (t == ignore) {
                if (out != null) {
                    out[r] = 0;
                }
                if (gx != null) {
                    Arrays.fill(gx, base, base + c, 0f);
                }
                continue;
            }
            int jt = base + (int) t;
            double loss = unshifted ? lse[r - r0] : ((double) max[r - r0] - x[jt]) + lse[r - r0]; // in double, as above
            sum += loss;
            if (out != null) {
                out[r] = (float) loss;
            }
            if (gx != null) {
                float a = (float) (g / se[r - r0]);
                for (int j = base, end = base + c; j < end; j++) {
                    gx[j] *= a;
                }
                gx[jt] -= gf;
            }
        }
        return sum;
    }

    /**
     * Class-index targets in general: class weights {@code w} (null for none, Σw = {@code sumW}), label smoothing
     * {@code eps}, any stride; rows whose target is {@code ignore} score 0 (their gradient is left as it is).
     *
     * @param index the target class of each row, in [0, c) or {@code ignore}; the caller has checked the range
     * @param ignore the {@code ignore_index}: a row with this target scores 0, and its {@code out} and gradient entries
     *               are not written (apart from {@code out[r] = 0})
     * @param x the logits; row r's class k at {@link #base base(r, c, stride)} + k·stride
     * @param c the number of classes C ≥ 1
     * @param stride the positions per sample d1·…·dK (1 for a (C) or (N, C) input)
     * @param w the class weights, C of them, or null for all 1
     * @param sumW Σ<sub>k</sub> w<sub>k</sub> over the C classes (C when {@code w} is null): the weight of the smoothed
     *             part
     * @param eps the label smoothing ε in [0, 1]: the target is (1 − ε) on class y plus ε/C on every class
     * @param g the factor of the gradient (the upstream gradient over the reduction's denominator)
     * @param out receives row r's weighted loss, as float, at {@code out[r]}; null when not wanted
     * @param gx receives g·∂ℓ/∂x at the logits' positions of the rows not ignored; null when no gradient is wanted
     * @param r0 the first row, inclusive
     * @param r1 the end row, exclusive
     * @return the sum over rows {@code [r0, r1)} of the weighted, smoothed losses, in double
     */
    public static double indexRows(long[] index, long ignore, float[] x, int c, int stride, float[] w, double sumW,
            double eps, double g, float[] out, float[] gx, int r0, int r1) {
        final double epsC = eps / c;
        double sum = 0;
        for (int r = r0; r < r1; r++) {
            long t = index[r];
            if (t == ignore) {
                if (out != null) {
                    out[r] = 0;
                }
                continue;
            }
            int base = base(r, c, stride);
            int jt = base + (int) t * stride;
            double m = Softmax.max(x, base, stride, c);
            double se = Softmax.sumExp(x, base, stride, c, m, gx);
            double ls = Math.log(se);
            double wt = w == null ? 1 : w[(int) t];
            // −log p = (m − x) + log Σe: the shift is subtracted first, so that logits far from 0 keep log Σe's bits
            double loss = (1 - eps) * wt * ((m - x[jt]) + ls);
            if (eps > 0) {
                double swd = 0; // Σ w·(m − x)
                for (int k = 0, j = base; k < c; k++, j += stride) {
                    swd += w == null ? m - x[j] : w[k] * (m - x[j]);
                }
                loss += epsC * (sumW * ls + swd);
            }
            sum += loss;
            if (out != null) {
                out[r] = (float) loss;
            }
            if (gx != null) {
                double a = g * ((1 - eps) * wt + epsC * sumW) / se;
                if (eps > 0) {
                    double b = g * epsC;
                    for (int k = 0, j = base; k < c; k++, j += stride) {
                        gx[j] = (float) (gx[j] * a - b * (w == null ? 1 : w[k]));
                    }
                } else {
                    for (int k = 0, j = base; k < c; k++, j += stride) {
                        gx[j] = (float) (gx[j] * a);
                    }
                }
                gx[jt] = (float) (gx[jt] - g * (1 - eps) * wt);
            }
        }
        return sum;
    }

    /**
     * Class-probability targets {@code t} (the input's layout), class weights {@code w} or null, smoothing eps.
     *
     * @param t the target probabilities, in the logits' layout (row r's class k at the same index as its logit)
     * @param x the logits; row r's class k at {@link #base base(r, c, stride)} + k·stride
     * @param c the number of classes C ≥ 1
     * @param stride the positions per sample d1·…·dK (1 for a (C) or (N, C) input)
     * @param w the class weights, C of them, or null for all 1
     * @param eps the label smoothing ε in [0, 1]: each target becomes (1 − ε)·t + ε/C
     * @param g the factor of the gradient (the upstream gradient over the reduction's denominator)
     * @param out receives row r's loss, as float, at {@code out[r]}; null when not wanted
     * @param gx receives g·∂ℓ/∂x at the logits' positions of rows {@code [r0, r1)}; null when no gradient is wanted
     * @param r0 the first row, inclusive
     * @param r1 the end row, exclusive
     * @return the sum over rows {@code [r0, r1)} of ℓ = −Σ<sub>k</sub> w<sub>k</sub>·t'<sub>k</sub>·log
     *         softmax(x)<sub>k</sub>, in double
     */
    public static double probabilityRows(float[] t, float[] x, int c, int stride, float[] w, double eps, double g,
            float[] out, float[] gx, int r0, int r1) {
        final double keep = 1 - eps;
        final double epsC = eps / c;
        double sum = 0;
        for (int r = r0; r < r1; r++) {
            int base = base(r, c, stride);
            double m = Softmax.max(x, base, stride, c);
            double se = Softmax.sumExp(x, base, stride, c, m, gx);
            double ls = Math.log(se);
            double swt = 0;
            double swtd = 0; // Σ w·t·(m − x): −log p = (m − x) + log Σe, the shift subtracted first
            for (int k = 0, j = base; k < c; k++, j += stride) {
                double wt = (w == null ? 1 : w[k]) * (keep * t[j] + epsC);
                swt += wt;
                swtd += wt * (m - x[j]);
            }
            double loss = ls * swt + swtd;
            sum += loss;
            if (out != null) {
                out[r] = (float) loss;
            }
            if (gx != null) {
                double a = g * swt / se;
                for (int k = 0, j = base; k < c; k++, j += stride) {
                    double wt = (w == null ? 1 : w[k]) * (keep * t[j] + epsC);
                    gx[j] = (float) (gx[j] * a - g * wt);
                }
            }
        }
        return sum;
    }
}
