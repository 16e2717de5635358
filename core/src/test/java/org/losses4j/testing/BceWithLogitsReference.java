package org.losses4j.testing;

/**
 * A double-precision reference for the weight-free binary cross-entropy on logits, element by element, and the
 * float32 accuracy both of its implementations must reach (the plain loops and the Vector API kernel compute it
 * differently: different exponentials, log1p evaluations and divisions, so they are held to the reference, not to
 * each other).
 *
 * <p>Bound: ℓ = max(x, 0) − x·y + log1p(e<sup>−|x|</sup>) may cancel, so its error is measured against the magnitude
 * of its terms: |ℓ − ref| ≤ {@value #ULPS}·2<sup>−24</sup>·(max(x, 0) + |x·y| + log1p(e<sup>−|x|</sup>)) plus two
 * subnormal steps; this is a few ulp of ℓ where nothing cancels, and of log1p's term on its own where
 * x ≪ 0 and y = 0 (tiny losses keep their relative accuracy). The gradient (σ(x) − y)·s to
 * {@value #ULPS}·2<sup>−24</sup>·(σ(x) + |y|)·|s|, the same for σ(x) alone when y = 0 (so tiny σ keeps its relative
 * accuracy too). ∂ℓ/∂y = −x·s is one float product: bit for bit. Where the float32 evaluation is not finite
 * (infinite or NaN inputs, x·y overflowing), the result must be the same NaN or infinity as the plain float
 * expression.
 */
public final class BceWithLogitsReference {
    /** Allowed error in units of 2<sup>−24</sup> of the terms' magnitude. */
    public static final double ULPS = 4;

    private BceWithLogitsReference() {
    }

    /**
     * Checks element i's value (when {@code out} is not null), input gradient and target gradient (when not null)
     * for scale s; throws an AssertionError naming {@code what}, the index and the numbers.
     */
    public static void check(float x, float y, float s, float[] out, float[] gx, float[] gy, int i, String what) {
        double xd = x;
        double yd = y;
        double e = Math.exp(-Math.abs(xd));
        double lp = Math.log1p(e);
        double sig = xd >= 0 ? 1 / (1 + e) : e / (1 + e);
        if (out != null) {
            float naive = Math.max(x, 0f) - x * y + (float) lp;
            if (!Float.isFinite(naive)) {
                sameClass(naive, out[i], what + " value", i, x, y);
            } else {
                double ref = Math.max(xd, 0) - xd * yd + lp;
                double bound = ULPS * 0x1p-24 * (Math.max(xd, 0) + Math.abs(xd * yd) + lp) + 2 * Float.MIN_VALUE;
                within(ref, out[i], bound, what + " value", i, x, y);
            }
        }
        if (gx != null) {
            float naive = ((float) sig - y) * s;
            if (!Float.isFinite(naive) || Float.isNaN(x)) {
                sameClass(naive, gx[i], what + " gx", i, x, y);
            } else {
                double ref = (sig - yd) * s;
                double bound = ULPS * 0x1p-24 * (sig + Math.abs(yd)) * Math.abs((double) s) + 2 * Float.MIN_VALUE;
                within(ref, gx[i], bound, what + " gx", i, x, y);
            }
        }
        if (gy != null) {
            float expected = -x * s;
            if (Float.floatToIntBits(expected) != Float.floatToIntBits(gy[i])) {
                throw new AssertionError(what + " gy[" + i + "] for x=" + x + ": expected " + expected + ", got "
                        + gy[i]);
            }
        }
    }

    private static void within(double ref, float actual, double bound, String what, int i, float x, float y) {
        if (!(Math.abs(actual - ref) <= bound)) {
            throw new AssertionError(String.format("%s[%d] for x=%s, y=%s: reference %.17g, got %s (error %.3g, "
                    + "allowed %.3g)", what, i, x, y, ref, actual, Math.abs(actual - ref), bound));
        }
    }

    private static void sameClass(float expected, float actual, String what, int i, float x, float y) {
        boolean ok = Float.isNaN(expected) ? Float.isNaN(actual) : expected == actual;
        if (!ok) {
            throw new AssertionError(what + "[" + i + "] for x=" + x + ", y=" + y + ": expected " + expected
                    + ", got " + actual);
        }
    }
}
