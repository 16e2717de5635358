package org.losses4j.loss;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a loss is, stated once, in its class: its registry name, family, one-line summary, inputs, parameters (each
 * typed, with its default, rule and description), the reductions it offers and its default reduction, and how the
 * registry builds it from named parameters. The loss's constructor validates through it, its {@code inputs()} are
 * the declared ones; the registry, {@code losses4j list}, {@code eval --help}, the documentation tables and the tests
 * read it.
 *
 * <pre>{@code
 * public static final LossDeclaration DECLARATION = LossDeclaration.of("huber_loss", Family.REGRESSION,
 *                 "Quadratic within delta, linear beyond (PyTorch HuberLoss).")
 *         .number("delta", 1.0, Rule.POSITIVE_FLOAT32, "where the loss turns from quadratic to linear")
 *         .factory(p -> new HuberLoss(p.getDouble("delta"), p.reduction()));
 * }</pre>
 *
 * <p>The inputs are {@link #INPUT_TARGET} unless the declaration states others:
 * {@code .inputs(InputSpec.differentiable("input"), InputSpec.indices("target"))}. They do not depend on the
 * parameters: an input that may be left out is declared {@link InputSpec#asOptional() optional}.
 *
 * @param name             the registry (JSON-lines) name
 * @param family the family the loss is listed under (regression, classification, ...)
 * @param summary          one line: what the loss is
 * @param inputs           the inputs, in PyTorch's argument order
 * @param parameters       the parameters, in PyTorch's order (the order {@code losses4j list} shows)
 * @param reductions       the reductions the loss offers
 * @param defaultReduction the reduction when none is given
 * @param factory          builds the loss from named parameters
 */
public record LossDeclaration(String name, Family family, String summary, List<InputSpec> inputs,
        List<ParameterSpec> parameters, Set<Reduction> reductions, Reduction defaultReduction, LossFactory factory) {

    /** {@code input} and {@code target}, float32 values, both differentiable: the inputs unless a loss says others. */
    public static final List<InputSpec> INPUT_TARGET = List.of(InputSpec.differentiable("input"),
            InputSpec.differentiable("target"));

    /**
     * Checks that every component is present, that no input is named twice and that the default reduction is
     * offered; keeps unmodifiable copies of the inputs, the parameters and the reductions.
     *
     * @param name the registry (JSON-lines) name
     * @param family the family the loss is listed under (regression, classification, ...)
     * @param summary one line: what the loss is
     * @param inputs the inputs, in PyTorch's argument order
     * @param parameters the parameters, in PyTorch's order (the order {@code losses4j list} shows)
     * @param reductions the reductions the loss offers
     * @param defaultReduction the reduction when none is given
     * @param factory builds the loss from named parameters
     */
    public LossDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(summary, "summary");
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalStateException(name + ": a loss has at least one input");
        }
        if (inputs.stream().map(InputSpec::name).distinct().count() != inputs.size()) {
            throw new IllegalStateException(name + ": an input is declared twice: " + inputs);
        }
        parameters = List.copyOf(parameters);
        reductions = Collections.unmodifiableSet(EnumSet.copyOf(reductions));
        if (!reductions.contains(defaultReduction)) {
            throw new IllegalStateException(name + ": default reduction " + defaultReduction + " not offered");
        }
        Objects.requireNonNull(factory, "factory");
    }

    /**
     * A declaration's first part: inputs {@link #INPUT_TARGET}, no parameters yet, reductions {@code none},
     * {@code mean} (the default), {@code sum}.
     *
     * @param name the registry (JSON-lines) name, snake_case as PyTorch's functional name ({@code huber_loss})
     * @param family the family the loss is listed under
     * @param summary one line: what the loss is, for {@code losses4j list}
     * @return a builder; add the parameters in PyTorch's order, then call {@link Builder#factory} to finish
     */
    public static Builder of(String name, Family family, String summary) {
        return new Builder(name, family, summary);
    }

    /**
     * The parameter called {@code param}.
     *
     * @param param the parameter's PyTorch name ({@code delta})
     * @return its specification
     * @throws IllegalArgumentException if the loss has no parameter of that name
     */
    public ParameterSpec parameter(String param) {
        for (ParameterSpec p : parameters) {
            if (p.name().equals(param)) {
                return p;
            }
        }
        throw new IllegalArgumentException(name + ": no parameter '" + param + "'");
    }

    /**
     * The parameters with their defaults as a user writes them, {@code delta=1.0, alpha=1.0}, and the default
     * reduction when it is not {@code mean}: {@code w=10.0, b=-5.0, variant=softmax (reduction sum)}.
     *
     * @return the parameters with their defaults as a user writes them, {@code delta=1.0, alpha=1.0}, and the default reduction when it is not {@code mean}
     */
    public String parametersText() {
        String s = parameters.stream().map(ParameterSpec::toString).collect(Collectors.joining(", "));
        if (defaultReduction != Reduction.MEAN) {
            s = (s.isEmpty() ? "" : s + " ") + "(reduction " + defaultReduction.label() + ")";
        }
        return s;
    }

    @Override
    public String toString() {
        return name + "(" + parametersText() + ")";
    }

    /** Collects a declaration's inputs, parameters and reductions; {@link #factory} completes it. */
    public static final class Builder {
        private final String name;
        private final Family family;
        private final String summary;
        private List<InputSpec> inputs = INPUT_TARGET;
        private final List<ParameterSpec> parameters = new ArrayList<>();
        private Set<Reduction> reductions = Reduction.STANDARD;
        private Reduction defaultReduction = Reduction.MEAN;

        private Builder(String name, Family family, String summary) {
            this.name = name;
            this.family = family;
            this.summary = summary;
        }

        /**
         * The inputs, in PyTorch's argument order, when they are not {@link #INPUT_TARGET}:
         * {@code .inputs(InputSpec.differentiable("input"), InputSpec.indices("target"))}.
         *
         * @param declared the inputs
         * @return this builder, for chaining
         */
        public Builder inputs(InputSpec... declared) {
            this.inputs = List.of(declared);
            return this;
        }

        private Builder add(String param, ParameterSpec.Type type, Object def, Rule rule, String description) {
            for (ParameterSpec p : parameters) {
                if (p.name().equals(param)) {
                    throw new IllegalStateException(name + ": parameter '" + param + "' declared twice");
                }
            }
            parameters.add(new ParameterSpec(name, param, type, def, rule, description));
            return this;
        }

        /**
         * A number parameter.
         *
         * @param param the parameter's PyTorch name
         * @param def the default value
         * @param rule what a value must satisfy (checked when the loss is built)
         * @param description one line: what the parameter does
         * @return this builder
         * @throws IllegalStateException if a parameter of that name is already declared
         */
        public Builder number(String param, double def, Rule rule, String description) {
            return add(param, ParameterSpec.Type.NUMBER, def, rule, description);
        }

        /**
         * A whole-number parameter.
         *
         * @param param the parameter's PyTorch name
         * @param def the default value
         * @param rule what a value must satisfy (checked when the loss is built)
         * @param description one line: what the parameter does
         * @return this builder
         * @throws IllegalStateException if a parameter of that name is already declared
         */
        public Builder integer(String param, long def, Rule rule, String description) {
            return add(param, ParameterSpec.Type.INTEGER, def, rule, description);
        }

        /**
         * A boolean parameter.
         *
         * @param param the parameter's PyTorch name
         * @param def the default value
         * @param description one line: what the parameter does
         * @return this builder
         * @throws IllegalStateException if a parameter of that name is already declared
         */
        public Builder bool(String param, boolean def, String description) {
            return add(param, ParameterSpec.Type.BOOLEAN, def, Rule.ANY, description);
        }

        /**
         * A choice among labels; {@code def} is one of {@code choices}.
         *
         * @param param the parameter's PyTorch name
         * @param def the default choice
         * @param choices every value allowed, in the order messages and listings give them
         * @param description one line: what the parameter does
         * @return this builder
         * @throws IllegalStateException if a parameter of that name is already declared
         */
        public Builder choice(String param, Labelled def, Labelled[] choices, String description) {
            return add(param, ParameterSpec.Type.CHOICE, def.label(), Rule.oneOf(choices), description);
        }

        /**
         * A tensor parameter whose default is {@code None}.
         *
         * @param param the parameter's PyTorch name
         * @param description one line: what the parameter does (and what shape it takes)
         * @return this builder
         * @throws IllegalStateException if a parameter of that name is already declared
         */
        public Builder tensor(String param, String description) {
            return add(param, ParameterSpec.Type.TENSOR, null, Rule.ANY, description);
        }

        /**
         * A parameter of another type or default (a number or a list, say).
         *
         * @param param the parameter's PyTorch name
         * @param type what the value is
         * @param def the default: a {@link Double}, {@link Long}, {@link Boolean} or {@link String}, or {@code null}
         *            for Python's {@code None}
         * @param rule what a value must satisfy
         * @param description one line: what the parameter does
         * @return this builder
         * @throws IllegalStateException if a parameter of that name is already declared
         */
        public Builder parameter(String param, ParameterSpec.Type type, Object def, Rule rule, String description) {
            return add(param, type, def, rule, description);
        }

        /**
         * The reductions offered, and the default among them.
         *
         * @param offered the reductions the loss accepts
         * @param byDefault the reduction when none is given; one of {@code offered}
         * @return this builder
         */
        public Builder reductions(Set<Reduction> offered, Reduction byDefault) {
            this.reductions = offered;
            this.defaultReduction = byDefault;
            return this;
        }

        /**
         * The default reduction, of {@link Reduction#STANDARD}.
         *
         * @param byDefault the reduction when none is given: {@code none}, {@code mean} or {@code sum}
         * @return this builder, offering the three standard reductions
         */
        public Builder defaultReduction(Reduction byDefault) {
            return reductions(Reduction.STANDARD, byDefault);
        }

        /**
         * How the registry builds the loss from named parameters: the declaration, complete.
         *
         * @param factory builds the loss from named parameters (already defaulted), normally by calling a constructor
         * @return the complete declaration
         * @throws IllegalStateException if the default reduction is not among those offered
         */
        public LossDeclaration factory(LossFactory factory) {
            return new LossDeclaration(name, family, summary, inputs, parameters, reductions, defaultReduction,
                    factory);
        }
    }
}
