package org.losses4j.loss;

import java.util.Objects;

/**
 * One parameter of a loss, declared once in the loss's {@link LossDeclaration}: its PyTorch name, its type, its
 * default, the rule it must satisfy and a one-line description. The loss's constructor checks its value through it
 * ({@link #check}), the registry reads it by it ({@link LossParams}), and {@code losses4j list}, {@code eval --help}
 * and the documentation tables print it.
 *
 * @param loss         the loss's registry name, for messages
 * @param name         the PyTorch argument name
 * @param type         what the value is
 * @param defaultValue the default: a {@link Double}, {@link Long}, {@link Boolean} or {@link String}, or
 *                     {@code null} for Python's {@code None}
 * @param rule         what the value must satisfy
 * @param description  one line: what the parameter does
 */
public record ParameterSpec(String loss, String name, Type type, Object defaultValue, Rule rule, String description) {

    /** What a parameter's value is. */
    public enum Type implements Labelled {
        /** A real number (a double; some losses compute with its float32 rounding). */
        NUMBER,
        /** A whole number. */
        INTEGER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** One of a few labels (the rule lists them). */
        CHOICE,
        /** A tensor, such as class weights ({@code None} by default). */
        TENSOR,
        /** A number, or a tensor of numbers. */
        NUMBER_OR_TENSOR;

        @Override
        public String toString() {
            return label();
        }
    }

    /**
     * Checks that every component is present.
     *
     * @param loss the loss's registry name, for messages
     * @param name the PyTorch argument name
     * @param type what the value is
     * @param defaultValue the default: a {@link Double}, {@link Long}, {@link Boolean} or {@link String}, or {@code null} for Python's {@code None}
     * @param rule what the value must satisfy
     * @param description one line: what the parameter does
     */
    public ParameterSpec {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(description, "description");
    }

    /**
     * Checks a value against the rule; returns it.
     *
     * @param value the value given for this parameter
     * @return {@code value}, unchanged
     * @throws IllegalArgumentException if it breaks the rule, in the one-line form
     *                                  {@code huber_loss: delta must be > 0, got -1.5}
     */
    public double check(double value) {
        return rule.check(loss, name, value);
    }

    /**
     * Checks a value against the rule; returns the float32 the kernels compute with.
     *
     * @param value the value given for this parameter
     * @return the value rounded to float32, the one the kernels compute with
     * @throws IllegalArgumentException if the value, or its rounding, breaks the rule
     */
    public float checkFloat32(double value) {
        return (float) rule.check(loss, name, value);
    }

    /**
     * The default as a number.
     *
     * @return the default as a number
     */
    public double defaultDouble() {
        return ((Number) defaultValue).doubleValue();
    }

    /**
     * The default as a whole number.
     *
     * @return the default as a whole number
     */
    public long defaultLong() {
        return ((Number) defaultValue).longValue();
    }

    /**
     * The default as a boolean.
     *
     * @return the default as a boolean
     */
    public boolean defaultBoolean() {
        return (Boolean) defaultValue;
    }

    /**
     * The default as a string (a choice's label), or null for {@code None}.
     *
     * @return the default as a string (a choice's label), or null for {@code None}
     */
    public String defaultString() {
        return (String) defaultValue;
    }

    /**
     * The default as a user writes it: {@code 1.0}, {@code 1e-8}, {@code -100}, {@code true}, {@code None}.
     *
     * @return the default as a user writes it
     */
    public String defaultText() {
        if (defaultValue == null) {
            return "None";
        }
        String t = defaultValue.toString();
        int e = t.indexOf('E');
        if (defaultValue instanceof Double && e > 0) { // 1.0E-8 as a user writes it: 1e-8
            String mantissa = t.substring(0, e);
            return (mantissa.endsWith(".0") ? mantissa.substring(0, mantissa.length() - 2) : mantissa) + "e"
                    + t.substring(e + 1);
        }
        return t;
    }

    /** {@code delta=1.0}. */
    @Override
    public String toString() {
        return name + "=" + defaultText();
    }
}
