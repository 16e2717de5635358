package org.losses4j.cli.io;

import org.losses4j.loss.ParamSyntax;

/**
 * Numbers as a person writes them in a CSV cell or on the command line: decimal notation with an optional exponent
 * ({@code 3}, {@code -0.5}, {@code .25}, {@code 1e-3}) and the non-finite names {@code NaN}, {@code Infinity},
 * {@code -Infinity} (also numpy's {@code nan}, {@code inf}, {@code -inf}), read as loss parameters are
 * ({@link ParamSyntax#number}). Java's own extras are refused: {@code 1d}, {@code 2f} and hexadecimal floats are not
 * numbers here.
 */
public final class Numbers {
    /** What the messages say float32 can hold. */
    public static final String FLOAT32_RANGE = "float32's range (±3.4e38)";
    /** What the messages say float64 can hold. */
    public static final String FLOAT64_RANGE = "float64's range (±1.8e308)";

    private Numbers() {
    }

    /**
     * The value of {@code s} (already stripped), or null when it is not a number in the sense above.
     *
     * @param s the number as written
     * @return the value of {@code s} (already stripped), or null when it is not a number in the sense above
     */
    public static Double parse(String s) {
        return ParamSyntax.number(s);
    }

    /**
     * Whether {@code s} names a non-finite value ({@code NaN}, {@code inf}, ...) rather than writing digits.
     *
     * @param s the number as written
     * @return whether {@code s} names a non-finite value ({@code NaN}, {@code inf}, ...) rather than writing digits
     */
    public static boolean isNonFiniteName(String s) {
        return ParamSyntax.isNonFiniteName(s);
    }

    /**
     * Why the number written {@code s} (value {@code v}) cannot be held: "beyond float64's range (±1.8e308)" for
     * digits that overflow a double, "beyond float32's range (±3.4e38)" for digits that overflow float32 when
     * {@code float32}; null when it fits. The non-finite names always fit.
     *
     * @param s the number as written
     * @param v its value
     * @param float32 whether the value must fit float32
     * @return why the number cannot be held, or null when it fits
     */
    public static String overflow(String s, double v, boolean float32) {
        if (isNonFiniteName(s)) {
            return null;
        }
        if (Double.isInfinite(v)) {
            return "beyond " + (float32 ? FLOAT32_RANGE : FLOAT64_RANGE);
        }
        if (float32 && Float.isInfinite((float) v)) {
            return "beyond " + FLOAT32_RANGE;
        }
        return null;
    }
}
