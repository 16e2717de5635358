package org.losses4j.loss;

import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

import org.losses4j.tensor.Tensor;

/**
 * Validation shared by every loss. Each failure is an {@link IllegalArgumentException} with a one-line message that
 * names the loss, the argument, the value and the rule: {@code huber_loss: delta must be > 0, got -1.5}.
 */
public final class Check {
    private Check() {
    }

    /**
     * An exception whose message is {@code "<loss>: <message>"}.
     *
     * @param loss the loss's name, the message's prefix ({@code huber_loss})
     * @param message the rest of the message: the argument, the value and the rule
     * @return a new IllegalArgumentException with that one-line message, for the caller to throw
     */
    public static IllegalArgumentException error(String loss, String message) {
        return new IllegalArgumentException(loss + ": " + message);
    }

    /**
     * {@code value > 0} (NaN fails; +infinity passes).
     *
     * @param loss the loss's name, the message's prefix
     * @param arg the argument's name, for the message
     * @param value the value checked
     * @return {@code value}, unchanged
     * @throws IllegalArgumentException if value is not &gt; 0: {@code huber_loss: delta must be > 0, got -1.5}
     */
    public static double positive(String loss, String arg, double value) {
        if (!(value > 0)) {
            throw error(loss, arg + " must be > 0, got " + fmt(value));
        }
        return value;
    }

    /**
     * {@code value >= 0} (NaN fails).
     *
     * @param loss the loss's name, the message's prefix
     * @param arg the argument's name, for the message
     * @param value the value checked
     * @return {@code value}, unchanged
     * @throws IllegalArgumentException if value is not &gt;= 0 (NaN included)
     */
    public static double nonNegative(String loss, String arg, double value) {
        if (!(value >= 0)) {
            throw error(loss, arg + " must be >= 0, got " + fmt(value));
        }
        return value;
    }

    /**
     * A finite value (not NaN or infinite).
     *
     * @param loss the loss's name, the message's prefix
     * @param arg the argument's name, for the message
     * @param value the value checked
     * @return {@code value}, unchanged
     * @throws IllegalArgumentException if value is NaN or ±∞
     */
    public static double finite(String loss, String arg, double value) {
        if (!Double.isFinite(value)) {
            throw error(loss, arg + " must be a finite number, got " + fmt(value));
        }
        return value;
    }

    /**
     * Any number but NaN (±infinity passes).
     *
     * @param loss the loss
     * @param arg the argument's name, for the message
     * @param value the value
     * @return the value
     */
    public static double notNaN(String loss, String arg, double value) {
        if (Double.isNaN(value)) {
            throw error(loss, arg + " must be a number in [-Infinity, Infinity], got NaN");
        }
        return value;
    }

    /**
     * One of {@code allowed}: {@code multi_margin_loss: p must be 1 or 2, got 3}.
     *
     * @param loss the loss
     * @param arg the argument's name, for the message
     * @param value the value
     * @param allowed the numbers allowed
     * @return the value
     */
    public static double oneOfNumbers(String loss, String arg, double value, double... allowed) {
        for (double a : allowed) {
            if (value == a) {
                return value;
            }
        }
        throw error(loss, arg + " must be " + either(allowed) + ", got " + fmt(value));
    }

    /** {@code 1 or 2}, {@code 0, 1 or 2}. */
    static String either(double... allowed) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < allowed.length; i++) {
            b.append(i == 0 ? "" : i + 1 == allowed.length ? " or " : ", ").append(fmt(allowed[i]));
        }
        return b.toString();
    }

    /**
     * {@code value >= lo} (NaN fails).
     *
     * @param loss the loss's name, the message's prefix
     * @param arg the argument's name, for the message
     * @param value the value checked
     * @param lo the smallest value allowed (inclusive)
     * @return {@code value}, unchanged
     * @throws IllegalArgumentException if value is below lo or NaN
     */
    public static double atLeast(String loss, String arg, double value, double lo) {
        if (!(value >= lo)) {
            throw error(loss, arg + " must be >= " + fmt(lo) + ", got " + fmt(value));
        }
        return value;
    }

    /**
     * {@code lo < value < hi}.
     *
     * @param loss the loss's name, the message's prefix
     * @param arg the argument's name, for the message
     * @param value the value checked
     * @param lo the lower bound, excluded
     * @param hi the upper bound, excluded
     * @return {@code value}, unchanged
     * @throws IllegalArgumentException if value is outside (lo, hi), on a bound, or NaN
     */
    public static double openInterval(String loss, String arg, double value, double lo, double hi) {
        if (!(value > lo && value < hi)) {
            throw error(loss, arg + " must be in (" + fmt(lo) + ", " + fmt(hi) + "), got " + fmt(value));
        }
        return value;
    }

    /**
     * {@code lo <= value <= hi}.
     *
     * @param loss the loss's name, the message's prefix
     * @param lo the lower bound, included
     * @param arg the argument's name, for the message
     * @param value the value checked
     * @param hi the upper bound, included
     * @return {@code value}, unchanged
     * @throws IllegalArgumentException if value is outside [lo, hi] or NaN
     */
    public static double closedInterval(String loss, String arg, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw error(loss, arg + " must be in [" + fmt(lo) + ", " + fmt(hi) + "], got " + fmt(value));
        }
        return value;
    }

    /**
     * {@code 'value'} for an error message, control characters escaped (a newline as backslash-n, others as
     * backslash-u and four hex digits) so that the message stays on one line; {@code null} for null.
     *
     * @param value the text to quote, or null
     * @return the text between single quotes, with \n, \t, \r, other control characters and the line and paragraph
     *         separators escaped; the four letters {@code null} for null
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\n') {
                b.append("\\n");
            } else if (ch == '\t') {
                b.append("\\t");
            } else if (ch == '\r') {
                b.append("\\r");
            } else if (Character.isISOControl(ch) || ch == '\u2028' || ch == '\u2029') {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('\'').toString();
    }

    // -- Parameters the loss computes with in float32 ----------------------------------------------------------
    // The rule: the given value must satisfy the parameter's rule, and so must the float32 value it becomes (what
    // the kernel uses). A value that passes but whose rounding does not is named with its rounding:
    // "q must be in (0, 1) in float32, got 0.99999999 (rounds to 1.0)". Doubles that round to a float32
    // subnormal are kept (1e-40 stays 1e-40); to 0 or to infinity, they are judged as 0 or infinity.

    /**
     * {@code value > 0} and its float32 rounding {@code > 0} (1e-46 rounds to 0); +infinity passes.
     *
     * @param loss the loss's name, the message's prefix
     * @param arg the argument's name, for the message
     * @param value the value checked
     * @return the value rounded to float32, the value the kernel uses
     * @throws IllegalArgumentException if value is not &gt; 0, or rounds to 0 in float32 (the message then gives the
     *                                  rounding)
     */
    public static float positiveFloat32(String loss, String arg, double value) {
        positive(loss, arg, value);
        float f = (float) value;
        if (!(f > 0)) {
            throw rounded(loss, arg, "> 0", value, f);
        }
        return f;
    }

    /**
     * {@code value >= 0} (its float32 rounding then is too); +infinity passes.
     *
     * @param loss the loss's name, the message's prefix
     * @param arg the argument's name, for the message
     * @param value the value checked
     * @return the value rounded to float32
     * @throws IllegalArgumentException if value is not &gt;= 0 (NaN included)
     */
    public static float nonNegativeFloat32(String loss, String arg, double value) {
        return (float) nonNegative(loss, arg, value);
    }

    /**
     * {@code 0 < value < ∞}, in double and in float32 (1e-46 rounds to 0, 1e39 to infinity).
     *
     * @param loss the loss's name, the message's prefix
     * @param arg the argument's name, for the message
     * @param value the value checked
     * @return the value rounded to float32
     * @throws IllegalArgumentException if value is not &gt; 0, is infinite or NaN, or rounds to 0 or to infinity in
     *                                  float32
     */
    public static float positiveFiniteFloat32(String loss, String arg, double value) {
        positive(loss, arg, value);
        finite(loss, arg, value);
        float f = (float) value;
        if (!(f > 0)) {
            throw rounded(loss, arg, "> 0", value, f);
        }
        if (Float.isInfinite(f)) {
            throw rounded(loss, arg, "a finite number", value, f);
        }
        return f;
    }

    /**
     * {@code lo < value < hi}, in double and in float32 (0.99999999 rounds to 1).
     *
     * @param loss the loss's name, the message's prefix
     * @param lo the lower bound, excluded
     * @param arg the argument's name, for the message
     * @param value the value checked
     * @param hi the upper bound, excluded
     * @return the value rounded to float32
     * @throws IllegalArgumentException if value, or its float32 rounding, is not strictly between lo and hi
     */
    public static float openIntervalFloat32(String loss, String arg, double value, double lo, double hi) {
        openInterval(loss, arg, value, lo, hi);
        float f = (float) value;
        if (!(f > lo && f < hi)) {
            throw rounded(loss, arg, "in (" + fmt(lo) + ", " + fmt(hi) + ")", value, f);
        }
        return f;
    }

    private static IllegalArgumentException rounded(String loss, String arg, String rule, double value, float f) {
        return error(loss, arg + " must be " + rule + " in float32, got " + fmt(value) + " (rounds to " + f + ")");
    }

    /**
     * The reduction is one of {@code allowed}.
     *
     * @param loss the loss's name, the message's prefix
     * @param reduction the reduction asked for, or null
     * @param allowed the reductions this loss supports
     * @return {@code reduction}, unchanged
     * @throws IllegalArgumentException if it is null or not allowed, naming the allowed ones
     */
    public static Reduction reduction(String loss, Reduction reduction, Collection<Reduction> allowed) {
        if (reduction == null || !allowed.contains(reduction)) {
            throw error(loss, "reduction must be one of " + Reduction.labels(allowed) + ", got "
                    + (reduction == null ? "null" : "'" + reduction + "'"));
        }
        return reduction;
    }

    /**
     * The choice whose {@link Labelled#label() label} equals {@code value} exactly, as PyTorch compares its string
     * options: {@code nmae: normalizer must be one of range, mean_abs, mean, got 'rnage'}.
     *
     * @param <E> the type of the values
     * @param loss the loss's name, the message's prefix
     * @param arg the argument's name, for the message
     * @param value the label given, or null
     * @param choices the values allowed, in the order the message lists them
     * @return the choice whose label equals {@code value}
     * @throws IllegalArgumentException if none does, listing the labels allowed
     */
    public static <E extends Labelled> E choice(String loss, String arg, String value, E[] choices) {
        E c = labelled(value, choices);
        if (c == null) {
            throw error(loss, choiceRule(arg, value, choices));
        }
        return c;
    }

    /**
     * {@link #choice(String, String, String, Labelled[])} where no loss is concerned: the message names the argument,
     * the choices and the rejected value, {@code activation must be one of relu, linear, sigmoid, tanh, softmax, got
     * 'gelu'}.
     *
     * @param <E> the type of the values
     * @param arg the argument's name, for the message
     * @param value the value
     * @param choices the choices
     * @return the choice whose {@link Labelled#label() label} equals {@code value}
     */
    public static <E extends Labelled> E choice(String arg, String value, E[] choices) {
        E c = labelled(value, choices);
        if (c == null) {
            throw new IllegalArgumentException(choiceRule(arg, value, choices));
        }
        return c;
    }

    /**
     * The choice labelled exactly {@code value}, or null.
     *
     * @param <E> the type of the values
     * @param value the label given, or null
     * @param choices the values to search
     * @return the first choice whose label equals {@code value} exactly (case-sensitive), or null if none does or value
     *         is null
     */
    public static <E extends Labelled> E labelled(String value, E[] choices) {
        if (value != null) {
            for (E c : choices) {
                if (c.label().equals(value)) {
                    return c;
                }
            }
        }
        return null;
    }

    /** {@code normalizer must be one of range, mean_abs, mean, got 'rnage'}: the rule and the rejected value. */
    static String choiceRule(String arg, String value, Labelled[] choices) {
        return arg + " must be one of " + Arrays.stream(choices).map(Labelled::label)
                .collect(Collectors.joining(", ")) + ", got " + quote(value);
    }

    /**
     * A float32 tensor argument (not null).
     *
     * @param loss the loss's name, the message's prefix
     * @param arg the argument's name, for the message
     * @param t the tensor given, or null
     * @return {@code t}, unchanged
     * @throws IllegalArgumentException if t is null ("must be given") or not a float32 tensor
     */
    public static Tensor floatTensor(String loss, String arg, Tensor t) {
        if (t == null) {
            throw error(loss, arg + " must be given");
        }
        if (!t.isFloat()) {
            throw error(loss, arg + " must be a float32 tensor, got " + t.dtype());
        }
        return t;
    }

    /**
     * Input and target (or any two same-shaped inputs) have identical shapes. losses4j never broadcasts them, unlike
     * PyTorch, which warns and broadcasts; the message points out the (N, 1) against (N) trap when that is the case.
     *
     * @param loss the loss's name, the message's prefix
     * @param aName the name of the first tensor, for the message ({@code input})
     * @param a the first tensor
     * @param bName the name of the second tensor, for the message ({@code target})
     * @param b the second tensor, whose shape must equal {@code a}'s
     * @throws IllegalArgumentException if the shapes differ, naming both
     */
    public static void sameShape(String loss, String aName, Tensor a, String bName, Tensor b) {
        if (a.sameShape(b)) {
            return;
        }
        String msg = bName + " shape " + b.shapeString() + " must match " + aName + " shape " + a.shapeString()
                + " (losses4j does not broadcast them)";
        if (isColumnVsVector(a, b) || isColumnVsVector(b, a)) {
            msg += "; an (N, 1) tensor against an (N) tensor would broadcast to (N, N) in PyTorch: reshape one of them";
        }
        throw error(loss, msg);
    }

    private static boolean isColumnVsVector(Tensor col, Tensor vec) {
        return col.dim() == 2 && col.size(1) == 1 && vec.dim() == 1 && vec.size(0) == col.size(0);
    }

    /**
     * Every element of {@code t} is finite.
     *
     * @param loss the loss's name, the message's prefix
     * @param arg the argument's name, for the message
     * @param t the tensor checked
     * @throws IllegalArgumentException at the first NaN or infinite element, naming its value and flat index
     */
    public static void allFinite(String loss, String arg, Tensor t) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw error(loss, arg + " must be finite, got " + fmt(d[i]) + " at index " + i);
            }
        }
    }

    /**
     * A number as a person writes it: {@code -1.5}, {@code 2}, {@code 1.0E-7}, {@code NaN}, {@code Infinity}.
     *
     * @param v the number
     * @return a whole number below 10<sup>15</sup> without a fraction ({@code 2}), else Java's
     *         {@link Double#toString(double)} ({@code -1.5}, {@code 1.0E-7}, {@code NaN}, {@code Infinity})
     */
    public static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /**
     * A float32 data value as a person writes it, in the float's shortest decimal form: {@code 7}, {@code 0.95} (not
     * 0.949999988079071 as {@link #fmt(double)} would give after widening), {@code NaN}.
     *
     * @param v the float32 value
     * @return a whole number below 10<sup>15</sup> without a fraction ({@code 7}), else {@link Float#toString(float)}
     *         ({@code 0.95}, {@code NaN})
     */
    public static String fmtFloat(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Float.toString(v);
    }

    /**
     * A shape as {@code [2, 3]}.
     *
     * @param shape the sizes of the dimensions
     * @return the sizes between brackets, {@code [2, 3]}; {@code []} for a 0-d tensor
     */
    public static String shape(int[] shape) {
        return Arrays.toString(shape);
    }
}
