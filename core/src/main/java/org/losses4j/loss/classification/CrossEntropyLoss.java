package org.losses4j.loss.classification;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.losses4j.kernel.FastMath;
import org.losses4j.kernel.Simd;
import org.losses4j.kernel.VectorKernels;
import org.losses4j.loss.Check;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/**
 * Cross-entropy of logits, PyTorch's {@code nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean',
 * label_smoothing=0.0)} / {@code F.cross_entropy}: {@code log_softmax} over the class dimension followed by the
 * negative log-likelihood, in one pass.
 *
 * <p>With logp = x − LSE(x) per row (max-shifted log-sum-exp, finite for logits of ±100 and beyond), C classes, class
 * weights w (1 when absent) and label smoothing ε:
 * <ul>
 *   <li><b>Class-index targets</b> y (shape (), (N) or (N, d1, ..., dK)):
 *       ℓ = (1 − ε)·w<sub>y</sub>·(−logp<sub>y</sub>) + (ε/C)·Σ<sub>c</sub> w<sub>c</sub>·(−logp<sub>c</sub>);
 *       a row whose target equals {@code ignore_index} has ℓ = 0 and counts in no denominator.</li>
 *   <li><b>Class-probability targets</b> t (the input's shape, floating point): t' = (1 − ε)·t + ε/C,
 *       ℓ = −Σ<sub>c</sub> w<sub>c</sub>·t'<sub>c</sub>·logp<sub>c</sub>. {@code ignore_index} ≥ 0 is rejected with
 *       them, as PyTorch does.</li>
 * </ul>
 * Reductions:
 * <ul>
 *   <li>{@code none}: ℓ per row, shape () for a (C) input, (N) or (N, d1, ..., dK);</li>
 *   <li>{@code mean} (default): index targets Σℓ / W with W = Σ w<sub>y</sub> over the non-ignored rows (their count
 *       without weights), both terms over the same W exactly as PyTorch; all rows ignored gives 0/0 = NaN.
 *       Probability targets Σℓ / (number of rows), never divided by the weights. NaN for an empty batch;</li>
 *   <li>{@code sum}: Σℓ.</li>
 * </ul>
 * <p>Gradient (index targets, p = softmax(x), g = 1/W for mean, else 1):
 * ∂ℓ/∂x<sub>k</sub> = g·[ (1 − ε)·w<sub>y</sub>·(p<sub>k</sub> − δ<sub>ky</sub>) + (ε/C)·(p<sub>k</sub>·Σw −
 * w<sub>k</sub>) ], zero on ignored rows (also when every row is ignored). Probability targets:
 * g·(p<sub>k</sub>·Σ<sub>c</sub> w<sub>c</sub>t'<sub>c</sub> − w<sub>k</sub>t'<sub>k</sub>). The target is a label:
 * no gradient is offered for it (PyTorch can differentiate probability targets).
 * <p>Validation (one line each): class index out of range (naming the index, its position and C); weight not of
 * length C; label_smoothing outside [0, 1] (PyTorch 1.13 silently ignores a negative value); shapes that are neither
 * class indices nor probabilities; int64 probability targets (as PyTorch). Whole-number float32 class indices are
 * accepted as indices (PyTorch requires int64).
 * <p>Peers: Keras's {@code CategoricalCrossentropy} takes probabilities by default ({@code from_logits=False}); its
 * label smoothing y(1 − ε) + ε/C is the same.
 * <p>Reference: PyTorch {@code torch.nn.CrossEntropyLoss}; label smoothing: C. Szegedy et al., "Rethinking the
 * Inception Architecture for Computer Vision", CVPR 2016.
 */
public final class CrossEntropyLoss extends ClassDimLoss {
    private static final Set<Reduction> REDUCTIONS = EnumSet.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM);

    private final Tensor weight;
    private final long ignoreIndex;
    private final double labelSmoothing;

    /** PyTorch's defaults: no weights, ignore_index −100, reduction mean, no label smoothing. */
    public CrossEntropyLoss() {
        this(builder());
    }

    /**
     * PyTorch's defaults with the given reduction.
     *
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public CrossEntropyLoss(Reduction reduction) {
        this(builder().reduction(reduction));
    }

    private CrossEntropyLoss(Builder b) {
        super("cross_entropy", b.reduction, REDUCTIONS);
        this.weight = weightParam(name(), "weight", b.weight);
        this.ignoreIndex = b.ignoreIndex;
        this.labelSmoothing = Check.closedInterval(name(), "label_smoothing", b.labelSmoothing, 0, 1);
        if (weight != null) {
            param("weight", weight);
        }
        param("ignore_index", ignoreIndex);
        param("label_smoothing", labelSmoothing);
    }

    /**
     * A builder with PyTorch's defaults.
     *
     * @return a builder with PyTorch's defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The parameters of {@link CrossEntropyLoss}, with PyTorch's names and defaults. */
    public static final class Builder {
        private Tensor weight;
        private long ignoreIndex = -100;
        private Reduction reduction = Reduction.MEAN;
        private double labelSmoothing;

        private Builder() {
        }

        /**
         * Class weights of shape (C), or null (default).
         *
         * @param weight the weights, or null for none
         * @return the weight
         */
        public Builder weight(Tensor weight) {
            this.weight = weight;
            return this;
        }

        /**
         * Target value whose rows are ignored (default −100).
         *
         * @param ignoreIndex the target index that contributes nothing, or a value no index takes
         * @return Target value whose rows are ignored (default −100)
         */
        public Builder ignoreIndex(long ignoreIndex) {
            this.ignoreIndex = ignoreIndex;
            return this;
        }

        /**
         * {@code none}, {@code mean} (default) or {@code sum}.
         *
         * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
         * @return {@code none}, {@code mean} (default) or {@code sum}
         */
        public Builder reduction(Reduction reduction) {
            this.reduction = reduction;
            return this;
        }

        /**
         * ε in [0, 1] (default 0).
         *
         * @param labelSmoothing the label smoothing in [0, 1]
         * @return ε in [0, 1] (default 0)
         */
        public Builder labelSmoothing(double labelSmoothing) {
            this.labelSmoothing = labelSmoothing;
            return this;
        }

        /**
         * The loss.
         *
         * @return this CrossEntropyLoss, for chaining
         */
        public CrossEntropyLoss build() {
            return new CrossEntropyLoss(this);
        }
    }

    @Override
    protected LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget) {
        Layout l = layout(input, target, true);
        float[] w = classWeights("weight", weight, l.c);
        float[] x = input.data();
        float[] gx = gradInput ? new float[x.length] : null;
        float[] out = reduction() == Reduction.NONE ? new float[l.rows] : null;
        double denominator = 1;
        if (l.index != null) {
            double total = 0;
            for (int r = 0; r < l.rows; r++) {
                long t = l.index[r];
                if (t == ignoreIndex) {
                    continue;
                }
                if (t < 0 || t >= l.c) {
                    throw outOfRange(t, r, l.c, ignoreIndex);
                }
                total += w == null ? 1 : w[(int) t];
            }
            if (reduction() == Reduction.MEAN) {
                denominator = total;
            }
        } else {
            if (ignoreIndex >= 0) {
                throw error("ignore_index is not supported for class-probability targets, got " + ignoreIndex);
            }
            if (reduction() == Reduction.MEAN) {
                denominator = x.length == 0 ? Double.NaN : l.rows;
            }
        }
        double sumW = l.c;
        if (w != null) {
            sumW = 0;
            for (float v : w) {
                sumW += v;
            }
        }
        double g = 1 / denominator;
        double sw = sumW;
        boolean fast = l.index != null && w == null && labelSmoothing == 0 && l.inner == 1 && l.c > 0;
        double sum = Rows.sum(l.rows, rowCost(l.c), (r0, r1) -> fast ? plainIndexRows(l.index, x, l.c, g, out, gx, r0, r1)
                : l.index != null ? indexRows(l, x, w, sw, g, out, gx, r0, r1)
                : probabilityRows(l, x, w, g, out, gx, r0, r1));
        return result(l, input, out, gx, sum, denominator);
    }

    /**
     * Value and input gradient for class-index targets, the gradient written into a buffer the caller owns: the
     * training loop's fast path, the class-index counterpart of
     * {@link #valueAndGradInput(float[], float[], float[], int)}. Without {@code weight} and {@code label_smoothing}
     * it runs the same row kernel as the tensor API and allocates nothing per call (per-row scratch is reused per
     * thread) unless the batch is large enough to be split across cores (a few small objects per call then).
     * Otherwise it evaluates through the tensor API and copies the gradient.
     *
     * @param input     logits, {@code rows × classes} in row-major order (the first {@code rows·classes} elements)
     * @param target    one class index per row, in [0, classes) or {@code ignore_index}
     * @param gradInput receives ∂loss/∂input for the first {@code rows·classes} elements (ignored rows get 0)
     * @param rows      N ≥ 0
     * @param classes   C ≥ 1
     * @return the loss under this loss's reduction ({@code mean} over the rows not ignored, NaN if all are;
     *         {@code sum}; for {@code none}, the sum of the per-row losses, added in double before any rounding to
     *         float32)
     * @throws IllegalArgumentException for a null array, arrays shorter than the sizes, rows &lt; 0, classes &lt; 1,
     *                                  or a target out of range (naming the row)
     */
    public double valueAndGradInput(float[] input, long[] target, float[] gradInput, int rows, int classes) {
        if (input == null || target == null || gradInput == null) {
            throw error("fast path needs input, target and gradInput, got null for "
                    + (input == null ? "input" : target == null ? "target" : "gradInput"));
        }
        if (rows < 0 || classes < 1) {
            throw error("fast path needs rows >= 0 and classes >= 1, got rows = " + rows + ", classes = " + classes);
        }
        long n = (long) rows * classes;
        if (n > Integer.MAX_VALUE || input.length < n || gradInput.length < n || target.length < rows) {
            throw error("fast path needs input and gradInput of at least rows * classes = " + n
                    + " elements and target of at least rows = " + rows + ", got input " + input.length
                    + ", target " + target.length + ", gradInput " + gradInput.length);
        }
        if (weight != null || labelSmoothing != 0) {
            return intoBuffer(compute(Tensor.wrap(Arrays.copyOf(input, (int) n), rows, classes),
                    Tensor.wrapIndices(Arrays.copyOf(target, rows), rows), true, false), gradInput);
        }
        int counted = 0;
        for (int r = 0; r < rows; r++) {
            long t = target[r];
            if (t == ignoreIndex) {
                continue;
            }
            if (t < 0 || t >= classes) {
                throw outOfRange(t, r, classes, ignoreIndex);
            }
            counted++;
        }
        double denominator = reduction() == Reduction.MEAN ? counted : 1;
        double g = 1 / denominator;
        int cost = rowCost(classes);
        double sum;
        if (Rows.sequential(rows, cost)) {
            // Rows.sequentialSum's chunks and order, without allocating a capturing lambda per call
            int chunk = Rows.chunk(cost);
            if (rows <= chunk) {
                sum = rows == 0 ? 0 : plainIndexRows(target, input, classes, g, null, gradInput, 0, rows);
            } else {
                sum = 0;
                for (int r0 = 0; r0 < rows; r0 += chunk) {
                    sum += plainIndexRows(target, input, classes, g, null, gradInput, r0, Math.min(rows, r0 + chunk));
                }
            }
        } else {
            sum = Rows.sum(rows, cost, (r0, r1) -> plainIndexRows(target, input, classes, g, null, gradInput, r0, r1));
        }
        return sum / denominator;
    }

    /**
     * The common case, fast: class-index targets, no weights, no label smoothing, rows of C contiguous classes
     * ((C) or (N, C) input). Per row: the maximum m in float; e<sup>x − m</sup> with {@link FastMath} (within 2 ulp,
     * vectorised) stored into the gradient and summed in double in class order; ℓ = m + log Σe − x<sub>y</sub> in
     * double; the gradient g·e/Σe − g·δ<sub>ky</sub> in float.
     */
    private double plainIndexRows(long[] index, float[] x, int c, double g, float[] out, float[] gx, int r0, int r1) {
        if (c < NARROW) {
            return narrowIndexRows(index, x, c, g, out, gx, r0, r1);
        }
        final long ignore = ignoreIndex;
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
        VectorKernels v = Simd.KERNELS;
        if (v != null && to - from >= NARROW) { // a narrow row is over before the lanes pay for their set-up
            return v.max(x, from, to);
        }
        float m = Float.NEGATIVE_INFINITY;
        for (int j = from; j < to; j++) {
            float e = x[j];
            if (e > m) {
                m = e;
            }
        }
        return m;
    }

    /**
     * A row's cost in element-operation units, for splitting rows over the cores: an exponential is worth about eight
     * element-wise operations, and a row's logarithm and set-up about 64. (Counting C alone kept a (1024, 10) batch,
     * ~90 µs of work, on one core; this cuts it into ten chunks, which two threads share evenly.) The chunks depend
     * only on C, never on the thread count.
     */
    private static int rowCost(int c) {
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
        VectorKernels v = Simd.KERNELS;
        if (v != null) {
            return v.maxAbs(x, from, to);
        }
        float m = 0;
        for (int i = from; i < to; i++) {
            m = Math.max(m, Math.abs(x[i]));
        }
        return m;
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
    private double narrowIndexRows(long[] index, float[] x, int c, double g, float[] out, float[] gx, int r0,
            int r1) {
        final long ignore = ignoreIndex;
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
        log(logArg, lse, rows);
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

    /** {@code dst[i] = Math.log(src[i])}: on the Vector API kernels when {@link Simd} has them. */
    private static void log(double[] src, double[] dst, int n) {
        VectorKernels v = Simd.KERNELS;
        if (v != null) {
            v.log(src, dst, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            dst[i] = Math.log(src[i]);
        }
    }

    private double indexRows(Layout l, float[] x, float[] w, double sumW, double g, float[] out, float[] gx, int r0,
            int r1) {
        final int c = l.c;
        final int stride = l.inner;
        final double eps = labelSmoothing;
        final double epsC = eps / c;
        final long ignore = ignoreIndex;
        double sum = 0;
        for (int r = r0; r < r1; r++) {
            long t = l.index[r];
            if (t == ignore) {
                if (out != null) {
                    out[r] = 0;
                }
                continue;
            }
            int base = l.base(r);
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

    private double probabilityRows(Layout l, float[] x, float[] w, double g, float[] out, float[] gx, int r0,
            int r1) {
        final int c = l.c;
        final int stride = l.inner;
        final float[] t = l.prob;
        final double keep = 1 - labelSmoothing;
        final double epsC = labelSmoothing / c;
        double sum = 0;
        for (int r = r0; r < r1; r++) {
            int base = l.base(r);
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
