package org.losses4j.kernel;

/**
 * The kernels that have a SIMD implementation on the JDK's Vector API ({@code jdk.incubator.vector}), used in place
 * of the plain loops when the JVM has the module. {@link Simd#KERNELS} is one implementation or the other: the plain
 * loops ({@code PlainKernels}, the reference) or the Vector API's ({@code VectorApiKernels}).
 *
 * <p><b>Contract</b>: every per-element output (values, gradients, exponentials) of {@link #clampedQuadratic},
 * {@link #l1}, {@link #mse}, {@link #expShiftedSum}, {@link #max} and {@link #maxAbs} is bit-identical to the plain
 * loop it replaces: the same float operations in the same order, the plain code's {@code Math.min}/{@code Math.max}
 * written as compare-and-blend with the same NaN and signed-zero results. Two kernels have arithmetic of their own and are held
 * to a reference instead: {@link #log} (within 1 ulp of {@link Math#log}) and {@link #bceWithLogits} (fused
 * multiply-adds, e<sup>−|x|</sup> directly, within a few ulp of a double reference, as the plain loop is). Sums are
 * accumulated in double, in a fixed order that depends only on the range (never on the thread count), but grouped by
 * vector lanes rather than as the plain loops group them, so a sum may differ from the plain path's in its last bits.
 *
 * <p>{@link #clampedQuadratic}, {@link #l1} and {@link #mse} evaluate elements {@code [from, to)}, whose length must
 * be a multiple of {@link #lanes()}: the caller runs its plain loop on the rest, from {@link #vectorEnd} on, so each
 * loss's scalar maths is written once. {@link #bceWithLogits} takes any range (its arithmetic differs from the plain
 * loop's, so it does its own last partial vector). {@code out}, {@code gx} and {@code gy} may each be {@code null}
 * (not wanted); the return value is Σℓ<sub>i</sub> over the range, in double.
 */
public interface VectorKernels {
    /**
     * What runs, for logs and benchmark reports: "Vector API, 256-bit (8 float lanes)", say.
     *
     * @return what runs, for logs and benchmark reports: "Vector API, 256-bit (8 float lanes)", say
     */
    String describe();

    /**
     * Float lanes per vector: the element-wise methods take ranges of a multiple of it.
     *
     * @return the number of float lanes of a vector (1 for the plain loops); the ranges of the element-wise methods are
     *         a multiple of it
     */
    int lanes();

    /**
     * The end of the longest prefix of {@code [from, to)} that the element-wise methods take: whole vectors.
     *
     * @param from the first index (inclusive)
     * @param to the end index (exclusive)
     * @return the largest end e ≤ {@code to} with e − {@code from} a multiple of {@link #lanes()}: the element-wise
     *         methods take {@code [from, e)}, the caller's plain loop the rest
     */
    default int vectorEnd(int from, int to) {
        return to - (to - from) % lanes();
    }

    /**
     * Huber and Smooth L1: with d = x − y, a = |d|, m = min(a, δ): ℓ = (m·{@code valueFactor})·(a − m/2),
     * gx = clamp(d, −δ, δ)·{@code gradFactor}, gy = clamp(d, −δ, δ)·(−{@code gradFactor}).
     *
     * @param valueFactor the factor of the value: 1 for Huber, 1/β for Smooth L1
     * @param gradFactor the factor of the gradient: the gradient scale for Huber, scale/β for Smooth L1
     * @param from the first index (inclusive)
     * @param to the end index (exclusive)
     * @param x the inputs
     * @param y the targets
     * @param out receives ℓ<sub>i</sub> at index i, or null
     * @param gx receives the gradient with respect to the input at index i, or null
     * @param gy receives the gradient with respect to the target at index i, or null
     * @param delta δ (β for Smooth L1), where the loss turns from quadratic to linear, &gt; 0
     * @return Σℓ<sub>i</sub> over the range, in double
     */
    double clampedQuadratic(float[] x, float[] y, float[] out, float[] gx, float[] gy, float delta,
            float valueFactor, float gradFactor, int from, int to);

    /**
     * L1: ℓ = |x − y|, gx = s(d)·scale, gy = s(d)·(−scale), with s(d) = ±1 for d ≷ 0, +0 for ±0 (PyTorch's sgn), and
     * NaN for NaN: {@link org.losses4j.loss.regression.L1Loss} replaces those by sgn(NaN) = +0 in a block whose sum
     * is NaN, for this kernel and its plain loop alike.
     *
     * @param x the inputs
     * @param y the targets
     * @param out receives ℓ<sub>i</sub> at index i, or null
     * @param gx receives the gradient with respect to the input at index i, or null
     * @param gy receives the gradient with respect to the target at index i, or null
     * @param scale the factor of every gradient element (the upstream gradient over the reduction's denominator)
     * @param from the first index (inclusive)
     * @param to the end index (exclusive)
     * @return Σℓ<sub>i</sub> over the range, in double
     */
    double l1(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from, int to);

    /**
     * MSE: ℓ = (x − y)², gx = d·(2·scale), gy = d·(2·(−scale)).
     *
     * @param x the inputs
     * @param y the targets
     * @param out receives ℓ<sub>i</sub> at index i, or null
     * @param gx receives the gradient with respect to the input at index i, or null
     * @param gy receives the gradient with respect to the target at index i, or null
     * @param scale the factor of every gradient element (the upstream gradient over the reduction's denominator)
     * @param from the first index (inclusive)
     * @param to the end index (exclusive)
     * @return Σℓ<sub>i</sub> over the range, in double
     */
    double mse(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from, int to);

    /**
     * Binary cross-entropy on logits without weights, the path of
     * {@link org.losses4j.loss.classification.BinaryCrossEntropyWithLogitsLoss} without weights: with
     * e = e<sup>−|x|</sup>, ℓ = max(x, 0) − x·y + log1p(e), gx = ((1 − y)·σ(x) − y·σ(−x))·scale with σ(x) = 1/(1 + e) for x ≥ 0 and
     * e/(1 + e) below, gy = −x·scale; for any range {@code [from, to)}. Within a few ulp of a double reference (not
     * the plain loop's bits; see the class description).
     *
     * @param x the logits
     * @param y the targets, normally in [0, 1]
     * @param out receives ℓ<sub>i</sub> at index i, or null
     * @param gx receives the gradient with respect to the logit at index i, or null
     * @param gy receives the gradient with respect to the target at index i, or null
     * @param scale the factor of every gradient element (the upstream gradient over the reduction's denominator)
     * @param from the first index (inclusive)
     * @param to the end index (exclusive)
     * @return Σℓ<sub>i</sub> over the range, in double
     */
    double bceWithLogits(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from, int to);

    /**
     * {@code dst[dstPos + i] = FastMath.exp(src[srcPos + i] − shift)} for i in [0, length), returning their sum in
     * double (when {@code sum}; 0 otherwise). In place when {@code src == dst} at the same position.
     *
     * @param src the values to exponentiate
     * @param srcPos the index in {@code src} of the first value
     * @param shift the value subtracted (in float) from every element before the exponential, normally the row's
     *              maximum
     * @param dst receives the exponentials from {@code dstPos} on; may be {@code src} at the same position (in place)
     * @param dstPos the index in {@code dst} of the first exponential
     * @param length the number of elements, ≥ 0
     * @param sum whether to add the exponentials up; false skips the sum (the call then only writes {@code dst})
     * @return the sum of the exponentials in double when {@code sum} is true, else 0
     */
    double expShiftedSum(float[] src, int srcPos, float shift, float[] dst, int dstPos, int length, boolean sum);

    /**
     * {@code dst[i] = log(src[i])} for i in [0, n), in double: the JDK's vector logarithm (within 1 ulp of
     * {@link Math#log}, which is itself within 1 ulp of the exact value; not bit-identical to its plain loop).
     *
     * @param src the arguments of the logarithm, read from index 0
     * @param dst receives the logarithms from index 0
     * @param n the number of elements, ≥ 0
     */
    void log(double[] src, double[] dst, int n);

    /**
     * The largest non-NaN value of {@code x[from, to)}, −∞ if there is none (NaNs are skipped).
     *
     * @param x the inputs
     * @param from the first index (inclusive)
     * @param to the end index (exclusive)
     * @return the largest non-NaN value of {@code x[from, to)}, −∞ if there is none (NaNs are skipped)
     */
    float max(float[] x, int from, int to);

    /**
     * The largest |x| of {@code x[from, to)}, 0 for an empty range, NaN if there is a NaN.
     *
     * @param x the inputs
     * @param from the first index (inclusive)
     * @param to the end index (exclusive)
     * @return the largest |x| of {@code x[from, to)}, 0 for an empty range, NaN if there is a NaN
     */
    float maxAbs(float[] x, int from, int to);
}
