package org.losses4j.loss;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The rule a numeric parameter must satisfy, as a person reads it ({@link #text()}: {@code > 0}) and as the loss's
 * constructor checks it ({@link #check}), with the one-line messages of {@link Check}. A rule of several checks
 * applies them in order: the first that fails names the value. Every rule checks what its text says: a rule of a
 * single loss is written beside the loss with {@link #of}, its text and its test together.
 */
public final class Rule {
    /** A test of a value, such as one of {@link Check}'s: returns the value, or throws naming it and the rule. */
    @FunctionalInterface
    public interface Test {
        /**
         * Checks {@code value} of parameter {@code arg} of {@code loss}.
         *
         * @param loss the loss's registry name, for the message
         * @param arg the parameter's name, for the message
         * @param value the value
         * @return the value
         * @throws IllegalArgumentException naming the loss, the parameter, the value and the rule
         */
        double apply(String loss, String arg, double value);
    }

    /** Any value (the parameter is not a number, or the loss takes any number). */
    public static final Rule ANY = new Rule("any", (l, a, v) -> v);
    /** Not NaN or infinite. */
    public static final Rule FINITE = new Rule("finite", Check::finite);
    /** {@code > 0} (+∞ passes). */
    public static final Rule POSITIVE = new Rule("> 0", Check::positive);
    /** {@code > 0}, then finite. */
    public static final Rule POSITIVE_FINITE = new Rule("> 0, finite", Check::positive, Check::finite);
    /** Finite, then {@code > 0}. */
    public static final Rule FINITE_POSITIVE = new Rule("> 0, finite", Check::finite, Check::positive);
    /** {@code >= 0}, then finite. */
    public static final Rule NON_NEGATIVE_FINITE = new Rule(">= 0, finite", Check::nonNegative, Check::finite);
    /** Finite, then {@code >= 0}. */
    public static final Rule FINITE_NON_NEGATIVE = new Rule(">= 0, finite", Check::finite, Check::nonNegative);
    /** {@code > 0}, also as the float32 the kernel uses (+∞ passes). */
    public static final Rule POSITIVE_FLOAT32 = new Rule("> 0 in float32", Check::positiveFloat32);
    /** {@code >= 0} (+∞ passes). */
    public static final Rule NON_NEGATIVE_FLOAT32 = new Rule(">= 0", Check::nonNegativeFloat32);
    /** {@code 0 < value < ∞}, also in float32. */
    public static final Rule POSITIVE_FINITE_FLOAT32 = new Rule("> 0, finite in float32",
            Check::positiveFiniteFloat32);
    /** Any number but NaN (±∞ pass). */
    public static final Rule NOT_NAN = new Rule("not NaN", Check::notNaN);

    private final String text;
    private final Test[] tests;

    Rule(String text, Test... tests) {
        this.text = text;
        this.tests = tests;
    }

    /**
     * {@code lo <= value <= hi}.
     *
     * @param lo the smallest value allowed
     * @param hi the largest value allowed
     * @return the rule, read as {@code in [lo, hi]}; NaN fails it
     */
    public static Rule closed(double lo, double hi) {
        return new Rule("in [" + Check.fmt(lo) + ", " + Check.fmt(hi) + "]",
                (l, a, v) -> Check.closedInterval(l, a, v, lo, hi));
    }

    /**
     * Finite, then {@code >= lo}.
     *
     * @param lo the smallest value allowed
     * @return the rule, read as {@code >= lo, finite}: NaN and ±∞ fail first, then values below lo
     */
    public static Rule finiteAtLeast(double lo) {
        return new Rule(">= " + Check.fmt(lo) + ", finite", Check::finite, (l, a, v) -> Check.atLeast(l, a, v, lo));
    }

    /**
     * {@code lo < value < hi}, also in float32.
     *
     * @param lo the lower bound, excluded
     * @param hi the upper bound, excluded
     * @return the rule, read as {@code in (lo, hi) in float32}: the value and its float32 rounding must both lie
     *         strictly inside
     */
    public static Rule openFloat32(double lo, double hi) {
        return new Rule("in (" + Check.fmt(lo) + ", " + Check.fmt(hi) + ") in float32",
                (l, a, v) -> Check.openIntervalFloat32(l, a, v, lo, hi));
    }

    /**
     * One of the labels of {@code choices}.
     *
     * @param choices the values allowed
     * @return the rule, read as {@code one of a, b, c}; it only describes the choice ({@link Check#choice} checks it)
     */
    public static Rule oneOf(Labelled... choices) {
        return new Rule("one of " + Arrays.stream(choices).map(Labelled::label).collect(Collectors.joining(", ")));
    }

    /**
     * One of a few numbers, such as a whole-number parameter that is {@code 1 or 2}.
     *
     * @param allowed the numbers allowed
     * @return one of {@code allowed}
     */
    public static Rule oneOfNumbers(double... allowed) {
        double[] a = allowed.clone();
        return new Rule(Check.either(a), (l, arg, v) -> Check.oneOfNumbers(l, arg, v, a));
    }

    /**
     * A rule of one loss: its text as {@code losses4j list LOSS} shows it, and the tests that check it, applied in
     * order. The tests must check what the text says.
     *
     * <pre>{@code
     * static final Rule MARGIN = Rule.of("in [0, pi/2)", (loss, arg, m) -> ...);
     * }</pre>
     *
     * @param text the rule as a person reads it
     * @param tests the tests, applied in order
     * @return the rule
     */
    public static Rule of(String text, Test... tests) {
        if (tests.length == 0) {
            throw new IllegalArgumentException("rule '" + text + "': a rule needs a test");
        }
        return new Rule(java.util.Objects.requireNonNull(text, "text"), tests.clone());
    }

    /**
     * The rule as a person reads it: {@code > 0}, {@code in [0, 1]}, {@code one of none, mean, sum}.
     *
     * @return the rule as a person reads it
     */
    public String text() {
        return text;
    }

    /**
     * Checks {@code value} of parameter {@code arg} of {@code loss}.
     *
     * @param loss  the loss's registry name, the message's prefix
     * @param arg   the parameter's name
     * @param value the value given
     * @return {@code value}, unchanged (a float32 rule checks the rounding but returns the double)
     * @throws IllegalArgumentException naming the loss, the parameter, the value and the rule
     */
    public double check(String loss, String arg, double value) {
        for (Test t : tests) {
            t.apply(loss, arg, value);
        }
        return value;
    }

    @Override
    public String toString() {
        return text;
    }
}
