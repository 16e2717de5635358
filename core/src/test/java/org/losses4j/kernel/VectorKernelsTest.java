package org.losses4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.losses4j.testing.BceWithLogitsReference;
import org.losses4j.testing.VectorApiRun;

/**
 * The Vector API kernels against the plain loops they replace: every value, gradient and exponential bit for bit
 * (the plain per-element expressions are written out here as the reference, exactly as the plain loops write them;
 * BCE with logits, which has arithmetic of its own, against a double reference instead),
 * and the sums to double rounding. The element-wise kernels get the whole-vector part of each range
 * ({@link VectorKernels#vectorEnd}), as the losses call them; elements after it must be left untouched. Ranges of every length around the lane count and the grouping, at odd offsets,
 * with NaN, ±∞, ±0, subnormals, huge values and points exactly at ±δ mixed in.
 *
 * <p>Runs in the build's {@code --add-modules jdk.incubator.vector} test run ({@link SimdModeTest} makes sure that
 * run has the kernels); without the module there is nothing to compare, and it is skipped.
 */
@Tag(VectorApiRun.TAG)
class VectorKernelsTest {
    private static final int[] LENGTHS = {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 255, 1000, 1023,
            1024, 1025, 2049, 4099};
    private VectorKernels v;

    @BeforeEach
    void kernels() {
        assumeTrue(Simd.enabled(), "the JVM runs without jdk.incubator.vector: plain loops only");
        v = Simd.KERNELS;
    }

    /** Data with every special case among ordinary values; {@code spread} sets the size of the ordinary ones. */
    private static float[] data(Random r, int n, float spread, float delta) {
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE,
                -Float.MIN_VALUE, 1e-39f, Float.MAX_VALUE, -Float.MAX_VALUE, delta, -delta, 1e30f, -1e30f, 88.8f,
                -88.8f, 104f, -104f, 200f, -200f};
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt(10) == 0 ? specials[r.nextInt(specials.length)] : (float) (r.nextGaussian() * spread);
        }
        return a;
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                throw new AssertionError(what + "[" + i + "]: plain " + expected[i] + ", vector " + actual[i]);
            }
        }
    }

    /** The sums agree to double rounding of float terms (or are both NaN / the same infinity). */
    private static void assertSum(double expected, double actual, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)) + 1e-6 * Math.abs(expected),
                what);
    }

    private interface Reference {
        /** Writes ℓ, gx (scale s) and gy for element i of x, y; returns ℓ. */
        float apply(float x, float y, float s, float[] g);
    }

    private interface Kernel {
        double apply(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from, int to);
    }

    private void check(String name, long seed, float spread, float delta, Reference ref, Kernel k) {
        Random r = new Random(seed);
        for (int n : LENGTHS) {
            for (int offset : new int[] {0, 3}) {
                int size = n + 2 * offset;
                float[] x = data(r, size, spread, delta);
                float[] y = data(r, size, spread, delta);
                float scale = n == 0 ? 1f : 1f / n;
                float[] out = new float[size];
                float[] gx = new float[size];
                float[] gy = new float[size];
                float[] eOut = new float[size];
                float[] eGx = new float[size];
                float[] eGy = new float[size];
                // The element-wise kernels take whole vectors; the plain loops of the caller do the rest.
                int end = v.vectorEnd(offset, offset + n);
                double expected = 0;
                float[] g = new float[2];
                for (int i = offset; i < end; i++) {
                    eOut[i] = ref.apply(x[i], y[i], scale, g);
                    eGx[i] = g[0];
                    eGy[i] = g[1];
                    expected += eOut[i];
                }
                String at = name + " n=" + n + " offset=" + offset;
                double s = k.apply(x, y, out, gx, gy, scale, offset, end);
                assertSameBits(eOut, out, at + " value");
                assertSameBits(eGx, gx, at + " gx");
                assertSameBits(eGy, gy, at + " gy");
                assertSum(expected, s, at + " sum");
                // Any subset of the outputs (the training fast path asks for gx only); the sum is the same.
                float[] gx2 = new float[size];
                assertEquals(s, k.apply(x, y, null, gx2, null, scale, offset, end), at + " gx only");
                assertSameBits(eGx, gx2, at + " gx only");
                assertEquals(s, k.apply(x, y, null, null, null, scale, offset, end), at + " value only");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(floats = {1.5f, 1f, 0.25f, 1e-3f, 1e6f})
    void huberIsThePlainLoopBitForBit(float delta) {
        check("huber", 1, 3, delta, (x, y, s, g) -> {
            float d = x - y;
            float a = Math.abs(d);
            float m = Math.min(a, delta);
            float c = Math.max(-delta, Math.min(d, delta));
            g[0] = c * s;
            g[1] = c * -s;
            return m * (a - 0.5f * m);
        }, (x, y, out, gx, gy, s, from, to) -> v.clampedQuadratic(x, y, out, gx, gy, delta, 1f, s, from, to));
    }

    @ParameterizedTest
    @ValueSource(floats = {1f, 0.5f, 1e-4f, 30f, 0x1p-126f, 0x1p64f})
    void smoothL1IsThePlainLoopBitForBit(float beta) {
        check("smooth_l1", 2, 2, beta, (x, y, s, g) -> {
            float d = x - y;
            float a = Math.abs(d);
            float m = Math.min(a, beta);
            float c = Math.max(-beta, Math.min(d, beta));
            g[0] = c * (s / beta);
            g[1] = c * (-s / beta);
            return m * (1f / beta) * (a - 0.5f * m);
        }, (x, y, out, gx, gy, s, from, to) -> v.clampedQuadratic(x, y, out, gx, gy, beta, 1f / beta, s / beta, from,
                to));
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 4})
    void l1IsThePlainLoopBitForBit(long seed) {
        check("l1", seed, 2, 1, (x, y, s, g) -> {
            float d = x - y;
            float sign = Math.max(-1f, Math.min(1f, d * 0x1p127f * 0x1p127f)) + 0f; // L1Loss.sign
            sign = d != d ? 0f : sign; // the kernel gives sgn(NaN) = +0 directly; L1Loss fixes the plain loop's up
            g[0] = sign * s;
            g[1] = sign * -s;
            return Math.abs(d);
        }, v::l1);
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6})
    void mseIsThePlainLoopBitForBit(long seed) {
        check("mse", seed, 2, 1, (x, y, s, g) -> {
            float d = x - y;
            g[0] = d * (2f * s);
            g[1] = d * (2f * -s);
            return d * d;
        }, v::mse);
    }

    /**
     * BCE with logits is the one element-wise kernel with arithmetic of its own (FMA, e<sup>−|x|</sup> directly, a
     * polynomial log1p, one division), so it is held to a double reference ({@link BceWithLogitsReference}) instead of
     * the plain loop's bits. It takes any range (its last partial vector goes through padded scratch): every length,
     * odd offsets, elements outside the range untouched, and any subset of the outputs gives the same numbers.
     */
    @ParameterizedTest
    @ValueSource(floats = {1f, 5f, 40f})
    void bceWithLogitsIsAccurateOnAnyRange(float spread) {
        Random r = new Random(7);
        for (int n : LENGTHS) {
            for (int offset : new int[] {0, 3}) {
                int size = n + 2 * offset;
                float[] x = data(r, size, spread, 1);
                float[] y = new float[size];
                for (int i = 0; i < size; i++) {
                    // mostly labels and soft labels, sometimes anything (the loss does not restrict y)
                    y[i] = r.nextInt(8) == 0 ? data(r, 1, spread, 1)[0] : r.nextInt(3) == 0 ? r.nextInt(2)
                            : r.nextFloat();
                }
                float scale = n == 0 ? 1f : 1f / n;
                float[] out = sentinel(size);
                float[] gx = sentinel(size);
                float[] gy = sentinel(size);
                String at = "bce_with_logits n=" + n + " offset=" + offset;
                double s = v.bceWithLogits(x, y, out, gx, gy, scale, offset, offset + n);
                double expected = 0;
                for (int i = 0; i < size; i++) {
                    if (i < offset || i >= offset + n) {
                        assertEquals(SENTINEL, out[i], at + " untouched value " + i);
                        assertEquals(SENTINEL, gx[i], at + " untouched gx " + i);
                        assertEquals(SENTINEL, gy[i], at + " untouched gy " + i);
                        continue;
                    }
                    BceWithLogitsReference.check(x[i], y[i], scale, out, gx, gy, i, at);
                    expected += out[i];
                }
                assertSum(expected, s, at + " sum");
                float[] gx2 = new float[size];
                assertEquals(s, v.bceWithLogits(x, y, null, gx2, null, scale, offset, offset + n), at + " gx only");
                for (int i = offset; i < offset + n; i++) {
                    assertEquals(Float.floatToIntBits(gx[i]), Float.floatToIntBits(gx2[i]), at + " gx only " + i);
                }
                assertEquals(s, v.bceWithLogits(x, y, null, null, null, scale, offset, offset + n), at + " sum only");
            }
        }
    }

    /** Logits across the whole float range, one by one and in a batch: tiny losses keep their relative accuracy. */
    @org.junit.jupiter.api.Test
    void bceWithLogitsIsAccurateAcrossTheFloatRange() {
        int n = 4096;
        float[] x = new float[n];
        float[] y = new float[n];
        Random r = new Random(11);
        for (int i = 0; i < n; i++) {
            // |x| from 1e-8 to 120, both signs, log-uniform; labels 0 and 1 (the cases where ℓ or σ − y is tiny)
            x[i] = (float) ((r.nextBoolean() ? 1 : -1) * Math.exp(-18.4 + 23.2 * r.nextDouble()));
            y[i] = r.nextInt(2);
        }
        float[] out = new float[n];
        float[] gx = new float[n];
        v.bceWithLogits(x, y, out, gx, null, 1f, 0, n);
        for (int i = 0; i < n; i++) {
            BceWithLogitsReference.check(x[i], y[i], 1f, out, gx, null, i, "range");
        }
    }

    /** max |x| against the plain loop, NaN and infinities included, at every length and offset. */
    @ParameterizedTest
    @ValueSource(floats = {1f, 1e30f})
    void maxAbsIsThePlainLoop(float spread) {
        Random r = new Random(13);
        for (int n : LENGTHS) {
            for (int offset : new int[] {0, 3}) {
                float[] x = data(r, n + 2 * offset, spread, 1);
                float expected = 0;
                for (int i = offset; i < offset + n; i++) {
                    expected = Math.max(expected, Math.abs(x[i]));
                }
                assertEquals(expected, v.maxAbs(x, offset, offset + n), "maxAbs n=" + n + " offset=" + offset);
                float[] clean = new float[n];
                for (int i = 0; i < n; i++) {
                    clean[i] = (float) r.nextGaussian();
                }
                float e2 = 0;
                for (float c : clean) {
                    e2 = Math.max(e2, Math.abs(c));
                }
                assertEquals(e2, v.maxAbs(clean, 0, n), "maxAbs without specials n=" + n);
            }
        }
    }

    private static final float SENTINEL = 12345.5f;

    private static float[] sentinel(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, SENTINEL);
        return a;
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, 3.5f, -80f, 100f})
    void expIsFastMathExpBitForBit(float shift) {
        Random r = new Random(8);
        for (int n : LENGTHS) {
            float[] src = data(r, n + 5, 30, 1);
            float[] dst = new float[n + 9];
            double s = v.expShiftedSum(src, 5, shift, dst, 9, n, true);
            float[] expected = new float[n + 9];
            double es = 0;
            for (int i = 0; i < n; i++) {
                expected[9 + i] = FastMath.exp(src[5 + i] - shift);
                es += expected[9 + i];
            }
            assertSameBits(expected, dst, "exp n=" + n + " shift=" + shift);
            assertSum(es, s, "exp sum n=" + n);
            float[] dst2 = new float[n + 9];
            assertEquals(0.0, v.expShiftedSum(src, 5, shift, dst2, 9, n, false));
            assertSameBits(expected, dst2, "exp without sum n=" + n);
            // in place
            float[] inPlace = java.util.Arrays.copyOf(src, src.length);
            v.expShiftedSum(inPlace, 5, shift, inPlace, 5, n, false);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToIntBits(expected[9 + i]), Float.floatToIntBits(inPlace[5 + i]),
                        "in place n=" + n);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12})
    void logIsWithinOneUlpOfMathLog(long seed) {
        Random r = new Random(seed);
        double[] specials = {0, -0.0, -1, 1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, Double.MAX_VALUE, 1e-310, Math.E, 1 + 1e-15, 1 - 1e-16};
        for (int n : LENGTHS) {
            double[] src = new double[n];
            for (int i = 0; i < n; i++) {
                src[i] = r.nextInt(8) == 0 ? specials[r.nextInt(specials.length)]
                        : Math.exp(r.nextGaussian() * 5) * (1 + r.nextInt(1000));
            }
            double[] dst = new double[n + 1];
            dst[n] = 42;
            v.log(src, dst, n);
            for (int i = 0; i < n; i++) {
                double expected = Math.log(src[i]);
                if (Double.isNaN(expected) || Double.isInfinite(expected) || expected == 0) {
                    assertEquals(expected, dst[i], "log(" + src[i] + ")");
                } else {
                    assertEquals(expected, dst[i], Math.ulp(expected), "log(" + src[i] + ")");
                }
            }
            assertEquals(42, dst[n], "nothing written past n");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {9, 10})
    void maxSkipsNaNLikeThePlainLoop(long seed) {
        Random r = new Random(seed);
        for (int n : LENGTHS) {
            for (int offset : new int[] {0, 5}) {
                float[] x = data(r, n + offset, 10, 1);
                float m = Float.NEGATIVE_INFINITY;
                for (int i = offset; i < offset + n; i++) {
                    if (x[i] > m) {
                        m = x[i];
                    }
                }
                float got = v.max(x, offset, offset + n);
                assertEquals(m, got, 0f, "n=" + n); // ±0 ties may keep either zero
                assertTrue(!Float.isNaN(got), "max never returns NaN");
            }
        }
        float[] nan = {Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN,
                Float.NaN};
        assertEquals(Float.NEGATIVE_INFINITY, v.max(nan, 0, nan.length));
        assertEquals(Float.NEGATIVE_INFINITY, v.max(nan, 3, 3));
    }
}
