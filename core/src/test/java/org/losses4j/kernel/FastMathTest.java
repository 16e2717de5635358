package org.losses4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.losses4j.testing.VectorApiRun;

/** {@link FastMath#exp(float)}: at most 2 ulp from the correctly rounded e^x, scalar and array forms identical. */
@Tag(VectorApiRun.TAG)
class FastMathTest {
    /** The correctly rounded float e^x (Math.exp is within 1 ulp in double, far finer than a float ulp). */
    private static float reference(float x) {
        return (float) Math.exp(x);
    }

    /** Distance in float ulps between two non-negative floats (subnormals included), or MAX for NaN/sign issues. */
    private static long ulps(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b) || a < 0 || b < 0) {
            return Long.MAX_VALUE;
        }
        return Math.abs((long) Float.floatToRawIntBits(a) - Float.floatToRawIntBits(b));
    }

    /** Sweeps every {@code step}-th float bit pattern in [lo, hi] (both of one sign) through both forms. */
    private static long sweep(float lo, float hi, int step) {
        int a = Float.floatToRawIntBits(lo);
        int b = Float.floatToRawIntBits(hi);
        int from = Math.min(a, b);
        int to = Math.max(a, b);
        int n = 4096;
        float[] xs = new float[n];
        float[] ys = new float[n];
        long worst = 0;
        long bits = from;
        while (bits <= to) {
            int m = 0;
            while (m < n && bits <= to) {
                xs[m++] = Float.intBitsToFloat((int) bits);
                bits += step;
            }
            FastMath.exp(xs, 0, ys, 0, m);
            for (int i = 0; i < m; i++) {
                float s = FastMath.exp(xs[i]);
                assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(ys[i]),
                        () -> "array and scalar forms differ");
                long d = ulps(s, reference(xs[i]));
                if (d > 2) {
                    throw new AssertionError("exp(" + xs[i] + ") = " + s + ", expected " + reference(xs[i]) + " ("
                            + d + " ulp)");
                }
                worst = Math.max(worst, d);
            }
        }
        return worst;
    }

    @Test
    void denseSweepOverTheWholeFiniteRangeIsWithinTwoUlp() {
        // Negative x: from -0 down past the underflow threshold; positive x up past the overflow threshold.
        long worst = Math.max(sweep(-0f, -120f, 997), sweep(0f, 100f, 997));
        // [-1, 1] at a finer step, and the subnormal-result and overflow ends finer still.
        worst = Math.max(worst, sweep(-0f, -1f, 101));
        worst = Math.max(worst, sweep(0f, 1f, 101));
        worst = Math.max(worst, sweep(-87f, -104.5f, 13));
        worst = Math.max(worst, sweep(88f, 89f, 3));
        assertTrue(worst <= 2, "worst " + worst);
        // Beyond the clamps: the sign bit patterns of huge magnitudes.
        assertEquals(0, sweep(-120f, -Float.MAX_VALUE, 40961));
        assertEquals(0, sweep(100f, Float.MAX_VALUE, 40961));
    }

    @Test
    void edgeValues() {
        assertEquals(1f, FastMath.exp(0f));
        assertEquals(1f, FastMath.exp(-0f));
        assertEquals(Float.POSITIVE_INFINITY, FastMath.exp(Float.POSITIVE_INFINITY));
        assertEquals(0f, FastMath.exp(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(FastMath.exp(Float.NaN)));
        assertEquals(Float.POSITIVE_INFINITY, FastMath.exp(88.73f));
        assertEquals(Float.POSITIVE_INFINITY, FastMath.exp(1000f));
        assertEquals(0f, FastMath.exp(-104.0001f));
        assertEquals(0f, FastMath.exp(-1000f));
        assertEquals(0f, FastMath.exp(-Float.MAX_VALUE));
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(FastMath.exp(-200f)), "+0, not -0");
        // The largest finite result and the subnormal range.
        float top = 88.72283f;
        assertTrue(ulps(FastMath.exp(top), reference(top)) <= 2);
        assertTrue(Float.isFinite(FastMath.exp(top)));
        for (float x : new float[] {-87.33655f, -87.34f, -90f, -95f, -100f, -103f, -103.9f, -103.97f}) {
            assertTrue(ulps(FastMath.exp(x), reference(x)) <= 2, "x = " + x);
        }
        assertTrue(Math.abs(FastMath.exp(1f) - (float) Math.E) <= Math.ulp((float) Math.E) * 2);
        float[] a = {0f, -0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 1f, -1f};
        float[] out = new float[a.length];
        FastMath.exp(a, 0, out, 0, a.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Float.floatToRawIntBits(FastMath.exp(a[i])), Float.floatToRawIntBits(out[i]), "index " + i);
        }
    }

    @Test
    void expShiftedSumSubtractsInFloatAndSumsInOrder() {
        float[] x = {3f, 1f, -2f, 3f, 100f};
        double s = FastMath.expShiftedSum(x, 1, 3f, x, 1, 3);
        assertEquals(3f, x[0]);
        assertEquals(FastMath.exp(-2f), x[1]);
        assertEquals(FastMath.exp(-5f), x[2]);
        assertEquals(1f, x[3]);
        assertEquals(100f, x[4]);
        assertEquals((double) x[1] + x[2] + x[3], s);
        // Longer than one internal block, out of place.
        float[] big = new float[2000];
        for (int i = 0; i < big.length; i++) {
            big[i] = -i * 0.01f;
        }
        float[] e = new float[big.length + 3];
        double t = FastMath.expShiftedSum(big, 0, -0.5f, e, 3, big.length);
        double expect = 0;
        for (int i = 0; i < big.length; i++) {
            assertEquals(FastMath.exp(big[i] + 0.5f), e[3 + i], "index " + i);
            expect += e[3 + i];
        }
        assertEquals(expect, t, 1e-12 * expect);
        assertEquals(t, FastMath.expShiftedSum(big, 0, -0.5f, new float[big.length], 0, big.length), "deterministic");
        assertEquals(0, e[0]);
    }

    @Test
    void log1pUnitIsWithinTwoUlpOnTheUnitInterval() {
        // Every 61st float of [0, 1] (17 M values; over all 1.07e9 of them the worst is exactly 2 ulp, at e ≈ 0.512),
        // against log1p in double rounded to float: the correctly rounded value.
        final int one = Float.floatToRawIntBits(1f);
        long worst = 0;
        for (int bits = 0; bits <= one; bits += 61) {
            float e = Float.intBitsToFloat(bits);
            float r = (float) Math.log1p(e);
            long d = ulps(FastMath.log1pUnit(e), r);
            if (d > 2) {
                throw new AssertionError("log1pUnit(" + e + ") = " + FastMath.log1pUnit(e) + ", expected " + r
                        + " (" + d + " ulp)");
            }
            worst = Math.max(worst, d);
        }
        assertTrue(worst >= 1, "a sweep that never differs from Math.log1p checks nothing: worst " + worst);
        assertTrue(ulps(FastMath.log1pUnit(1f), (float) Math.log(2)) <= 2);
        // Below 2^-24, 1 + e·Q(e) rounds to 1: e itself, to the last bit (subnormals included), as log1p(e) rounds.
        for (float e : new float[] {0f, Float.MIN_VALUE, 3 * Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, 1e-10f,
                Math.nextDown(0x1p-24f)}) {
            assertEquals(Float.floatToRawIntBits(e), Float.floatToRawIntBits(FastMath.log1pUnit(e)), "e = " + e);
            assertEquals((float) Math.log1p(e), FastMath.log1pUnit(e), "e = " + e);
        }
    }

    @Test
    void rangesAreChecked() {
        float[] x = new float[4];
        assertThrows(IndexOutOfBoundsException.class, () -> FastMath.exp(x, 1, x, 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> FastMath.exp(x, 0, new float[3], 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> FastMath.expShiftedSum(x, -1, 0f, x, 0, 2));
    }
}
