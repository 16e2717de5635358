package org.losses4j.kernel;

/**
 * A fast single-precision exponential for the kernels, in plain Java: a Cephes-style {@code expf} whose array form
 * C2's SuperWord auto-vectorises on JDK 17 (AVX2: eight lanes), with no Vector API and no JVM flag.
 *
 * <p><b>Accuracy</b> (checked by {@code FastMathTest} against {@link Math#exp} rounded to float, over a sweep of
 * every 997th float bit pattern of [−120, 100], every 101st of [−1, 1], every 13th of the subnormal-result range
 * [−104.5, −87], every 3rd of [88, 89], the huge magnitudes beyond, and edge values; the worst seen is 1 ulp): at most
 * 2 ulp from the correctly rounded e<sup>x</sup> for every float x, including
 * subnormal results; {@code exp(0) == 1} and {@code exp(-0) == 1} exactly; 0 for x &lt; −104 (where e<sup>x</sup> is
 * below half the smallest subnormal, so 0 is the correctly rounded value); +∞ for x &gt; 88.73 (above
 * ln {@link Float#MAX_VALUE}) and for +∞; 0 for −∞; NaN for NaN. The result is always ≥ 0. The scalar and the array
 * forms return bit-identical values.
 *
 * <p><b>Method</b>: x is clamped to [−105, 88.8] (min/max keep NaN); n = round(x·log<sub>2</sub>e) with the
 * 1.5·2<sup>23</sup> magic number (no float-to-int conversion); r = x − n·ln 2 with ln 2 in two parts (Cody-Waite:
 * the first part has 9 significant bits, so n·C1 and the subtraction are exact), |r| ≤ ln2/2; e<sup>r</sup> ≈ 1 + r
 * + r²·P(r) with Cephes's degree-5 P; then the exact scaling by 2<sup>n</sup> in two steps,
 * p·2<sup>⌊n/2⌋</sup>·2<sup>n−⌊n/2⌋</sup>, so the first product is exact and the only rounding is the last multiply
 * (which also gives correctly scaled subnormals and overflow to +∞). The array forms skip the clamp (a vector
 * min/max costs several instructions per lane) and map n outside [−152, 128] to 0 or +∞ in the scaling instead, with
 * a single exact multiply for the usual n ∈ [−125, 127]: the same bits.
 *
 * <p><b>Vectorisation</b>: on JDK 17 SuperWord vectorises neither {@code Float.intBitsToFloat}/{@code
 * floatToRawIntBits} nor float↔int conversions (measured: the same speed with and without {@code
 * -XX:-UseSuperWord}), and one such operation keeps the whole loop scalar; building 2<sup>n</sup> from float
 * operations alone (binary digits selected with min/max) makes the loop body too large for C2 to unroll, so it is
 * not vectorised either. The array forms therefore work in blocks of 512: a vectorised pass computes the
 * polynomial and n (pure float arithmetic, the costly part) on per-thread scratch arrays indexed from 0 (an invariant
 * offset on any array also stops SuperWord), then a short scalar pass applies the exact 2<sup>n</sup> scaling through
 * the exponent bits and stores (and sums) the results.
 */
public final class FastMath {
    static final float LOG2E = 1.44269504088896341f;
    /** 1.5·2<sup>23</sup>: adding it rounds a float of magnitude &lt; 2<sup>22</sup> to an integer. */
    static final float MAGIC = 12582912f;
    /** The bits of {@link #MAGIC}: subtracted from the bits of x·log<sub>2</sub>e + MAGIC, they leave n. */
    static final int MAGIC_BITS = 0x4B400000;
    /** ln 2 = C1 − C2 (Cephes): C1 has 9 significant bits. */
    static final float C1 = 0.693359375f;
    static final float C2 = -2.12194440e-4f;
    static final float P0 = 1.9875691500E-4f;
    static final float P1 = 1.3981999507E-3f;
    static final float P2 = 8.3334519073E-3f;
    static final float P3 = 4.1665795894E-2f;
    static final float P4 = 1.6666665459E-1f;
    static final float P5 = 5.0000001201E-1f;
    /** Below it e<sup>x</sup> rounds to 0 (|x| large enough that n stays far inside the scaling range). */
    static final float LO = -105f;
    /** Above it e<sup>x</sup> overflows to +∞. */
    static final float HI = 88.8f;

    private FastMath() {
    }

    /**
     * e<sup>x</sup> in float, within 2 ulp of the correctly rounded value (see the class description). The scalar
     * form, using the exponent bits directly; {@link #exp(float[], int, float[], int, int)} is the same function
     * for arrays.
     *
     * @param x the exponent, any float
     * @return e<sup>x</sup> in float: 0 far below −87 (and for −∞), +∞ above 88.8 (and for +∞), NaN for NaN
     */
    public static float exp(float x) {
        float v = Math.min(Math.max(x, LO), HI);
        float t = v * LOG2E + MAGIC;
        float n = t - MAGIC;
        float r = v - n * C1 - n * C2;
        float p = poly(r);
        int k = Float.floatToRawIntBits(t) - MAGIC_BITS;
        int h = k >> 1;
        return p * Float.intBitsToFloat((h + 127) << 23) * Float.intBitsToFloat((k - h + 127) << 23);
    }

    /**
     * {@code dst[dstPos + i] = exp(src[srcPos + i])} for i in [0, length): {@link #exp(float)} element by element,
     * bit-identical, the polynomial auto-vectorised by C2. {@code src} and {@code dst} may be the same array at the
     * same position (in place); they must not otherwise overlap.
     *
     * @param src the exponents
     * @param srcPos the index in {@code src} of the first exponent
     * @param dst receives the exponentials
     * @param dstPos the index in {@code dst} of the first exponential
     * @param length the number of elements, ≥ 0
     */
    public static void exp(float[] src, int srcPos, float[] dst, int dstPos, int length) {
        expShiftedSum(src, srcPos, 0f, dst, dstPos, length, false);
    }

    /**
     * {@code dst[dstPos + i] = exp(src[srcPos + i] − shift)} (the shift subtracted in float) for i in [0, length),
     * returning Σ dst in double, added in a fixed order that depends only on {@code length} (blocks of 512, four
     * interleaved partial sums in each), so the sum is deterministic: the exponentials of a softmax
     * row shifted by its maximum and their sum, in one call. In place when {@code src == dst} at the same position.
     *
     * @param src the values to exponentiate
     * @param srcPos the index in {@code src} of the first value
     * @param shift the value subtracted (in float) from every element before the exponential, normally the row's
     *              maximum
     * @param dst receives the exponentials
     * @param dstPos the index in {@code dst} of the first exponential
     * @param length the number of elements, ≥ 0
     * @return Σ of the exponentials written, in double (0 for length 0); the same bits for the same inputs, whatever
     *         the caller or the thread
     */
    public static double expShiftedSum(float[] src, int srcPos, float shift, float[] dst, int dstPos, int length) {
        return expShiftedSum(src, srcPos, shift, dst, dstPos, length, true);
    }

    private static double expShiftedSum(float[] src, int srcPos, float shift, float[] dst, int dstPos, int length,
            boolean sum) {
        if (length < 0 || srcPos < 0 || dstPos < 0 || srcPos > src.length - length
                || dstPos > dst.length - length) {
            throw new IndexOutOfBoundsException("exp: range [" + srcPos + ", +" + length + ") of " + src.length
                    + " -> [" + dstPos + ", +" + length + ") of " + dst.length);
        }
        return Simd.KERNELS.expShiftedSum(src, srcPos, shift, dst, dstPos, length, sum);
    }

    /** {@link #expShiftedSum}'s plain loops, block by block on per-thread scratch ({@link PlainKernels}). */
    static double plainExpShiftedSum(float[] src, int srcPos, float shift, float[] dst, int dstPos, int length,
            boolean sum) {
        float[][] scratch = SCRATCH.get();
        float[] ps = scratch[0];
        float[] ns = scratch[1];
        double s = 0;
        for (int b = 0; b < length; b += BLOCK) {
            int m = Math.min(BLOCK, length - b);
            System.arraycopy(src, srcPos + b, ps, 0, m);
            polyPass(ps, shift, ns, m);
            int d = dstPos + b;
            if (sum) {
                // Four partial sums (the add latency would otherwise bound the loop), combined in a fixed order.
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int i = 0;
                for (; i + 3 < m; i += 4) {
                    float e0 = scale(ps[i], ns[i]);
                    float e1 = scale(ps[i + 1], ns[i + 1]);
                    float e2 = scale(ps[i + 2], ns[i + 2]);
                    float e3 = scale(ps[i + 3], ns[i + 3]);
                    dst[d + i] = e0;
                    dst[d + i + 1] = e1;
                    dst[d + i + 2] = e2;
                    dst[d + i + 3] = e3;
                    s0 += e0;
                    s1 += e1;
                    s2 += e2;
                    s3 += e3;
                }
                for (; i < m; i++) {
                    float e = scale(ps[i], ns[i]);
                    dst[d + i] = e;
                    s0 += e;
                }
                s += (s0 + s1) + (s2 + s3);
            } else {
                for (int i = 0; i < m; i++) {
                    dst[d + i] = scale(ps[i], ns[i]);
                }
            }
        }
        return s;
    }

    /** Elements per block of the array forms (the scratch holding n). */
    private static final int BLOCK = 512;
    /** Per thread: the block's arguments, then polynomials, and its n. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][BLOCK]);

    /**
     * The vectorised pass: ps = e^r (the polynomial) and ns = n for x = ps − shift, in place. Every array is indexed
     * by the loop counter alone: with an invariant offset on one of them, JDK 17's SuperWord does not vectorise
     * the loop (measured).
     */
    private static void polyPass(float[] ps, float shift, float[] ns, int m) {
        for (int i = 0; i < m; i++) {
            float v = ps[i] - shift; // not clamped (a vector min/max is costly): scale() handles n out of range
            float n = (v * LOG2E + MAGIC) - MAGIC;
            float r = v - n * C1 - n * C2;
            ps[i] = poly(r);
            ns[i] = n;
        }
    }

    /**
     * p·2<sup>n</sup> for the n of an unclamped x: the same bits as {@link #exp(float)}. In the usual range one exact
     * multiply (p ≥ 1/√2, so p·2<sup>n</sup> is a normal float for n ≥ −125); near the ends the two-step scaling;
     * beyond them (n &lt; −152: x &lt; −105.01, also −∞; n &gt; 128: x &gt; 88.9, also +∞) 0 or +∞, which the
     * clamped scalar form gives there too. A NaN x gives n = NaN, (int) 0, and p = NaN.
     */
    private static float scale(float p, float n) {
        int k = (int) n;
        if (k >= -125 && k <= 127) {
            return p * Float.intBitsToFloat((k + 127) << 23);
        }
        if (k < -152) {
            return 0f;
        }
        if (k > 128) {
            return Float.POSITIVE_INFINITY;
        }
        int h = k >> 1;
        return p * Float.intBitsToFloat((h + 127) << 23) * Float.intBitsToFloat((k - h + 127) << 23);
    }

    /**
     * log1p(e)/e − 1 = e·Q(e) on [0, 1]: Q's coefficients, lowest first (a relative minimax fit of degree 8 with
     * float32 coefficients, by tools/fit_log1p.py; the relative error of e·(1 + e·Q(e)) as log1p(e) is below 3e-8
     * before the evaluation's roundings).
     */
    static final float LOG1P_Q0 = -0.4999993145465851f;
    static final float LOG1P_Q1 = 0.33330512046813965f;
    static final float LOG1P_Q2 = -0.24958588182926178f;
    static final float LOG1P_Q3 = 0.19695401191711426f;
    static final float LOG1P_Q4 = -0.15355396270751953f;
    static final float LOG1P_Q5 = 0.10680554062128067f;
    static final float LOG1P_Q6 = -0.0576644167304039f;
    static final float LOG1P_Q7 = 0.020204560831189156f;
    static final float LOG1P_Q8 = -0.003318465081974864f;

    /**
     * log(1 + e) for e in [0, 1] (the softplus term log1p(e<sup>−|x|</sup>) of the logistic losses), in float:
     * e·(1 + e·Q(e)) by Horner's rule, no division, within 2 ulp, and e itself (to the last bit) for e below
     * 2<sup>−24</sup>, so tiny arguments keep their relative accuracy. A plain expression: C2 vectorises a loop of it.
     *
     * @param e the argument, in [0, 1] (outside it the polynomial is not accurate)
     * @return log(1 + e) in float, within 2 ulp; e itself for e below 2<sup>−24</sup>
     */
    public static float log1pUnit(float e) {
        return e * (1f + e * (LOG1P_Q0 + e * (LOG1P_Q1 + e * (LOG1P_Q2 + e * (LOG1P_Q3 + e * (LOG1P_Q4
                + e * (LOG1P_Q5 + e * (LOG1P_Q6 + e * (LOG1P_Q7 + e * LOG1P_Q8)))))))));
    }

    /** e<sup>r</sup> for |r| ≤ ln2/2: 1 + r + r²·P(r). */
    private static float poly(float r) {
        float z = r * r;
        return (((((P0 * r + P1) * r + P2) * r + P3) * r + P4) * r + P5) * z + r + 1f;
    }

}
