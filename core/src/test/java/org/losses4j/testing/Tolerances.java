package org.losses4j.testing;

/** Named test tolerances (no magic numbers scattered in tests). */
public final class Tolerances {
    private Tolerances() {
    }

    /**
     * Agreement with PyTorch (docs/PROTOCOL.md): |ours − reference| ≤ 2e-5 · max(1, |reference|), the reference
     * being PyTorch in float64 on the float32-rounded inputs.
     */
    public static final double REFERENCE = 2e-5;

    /** Step of the central finite differences, relative to max(1, |x|). */
    public static final double FD_STEP = 1e-3;

    /** Finite differences: allowed error relative to the analytic gradient element. */
    public static final double FD_RELATIVE = 1e-3;

    /** Finite differences: allowed error relative to the largest analytic gradient element of the tensor. */
    public static final double FD_ABSOLUTE = 1e-3;

    /** Two float32 computations of the same formula in a different order: a few ulps. */
    public static final double FLOAT_ROUNDING = 1e-6;

    /** |actual − expected| ≤ REFERENCE · max(1, |expected|). */
    public static boolean agrees(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return expected == actual;
        }
        return Math.abs(actual - expected) <= REFERENCE * Math.max(1, Math.abs(expected));
    }
}
