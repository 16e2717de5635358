package org.losses4j.loss;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The rule a numeric parameter must satisfy, as a person reads it ({@link #text()}: {@code > 0}) and as the loss's
 * constructor checks it ({@link #check}), with the one-line messages of {@link Check}. A rule of several checks
 * applies them in order: the first that fails names the value.
 */
public final class Rule {
    /** One of {@link Check}'s tests. */
    @FunctionalInterface
    interface Test {
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
     * A rule the loss checks itself (described, not applied here): {@code p in {1, 2}}, say.
     *
     * @param text the rule as a person reads it ({@code p in {1, 2}})
     * @return a rule with that text and no check of its own: {@link #check} passes every value
     */
    public static Rule described(String text) {
        return new Rule(text);
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
