package org.losses4j.loss;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A registry entry: a view of the loss's {@link LossDeclaration}.
 */
public final class LossInfo {
    private final LossDeclaration declaration;

    /**
     * The entry of a declared loss.
     *
     * @param declaration the loss's declaration, whose name, family, summary and parameters the entry reports
     */
    public LossInfo(LossDeclaration declaration) {
        this.declaration = Objects.requireNonNull(declaration, "declaration");
    }

    /**
     * The registry (JSON-lines) name.
     *
     * @return the registry (JSON-lines) name
     */
    public String name() {
        return declaration.name();
    }

    /**
     * {@code regression}, {@code classification}, {@code ranking} or {@code reinforcement}.
     *
     * @return {@code regression}, {@code classification}, {@code ranking} or {@code reinforcement}
     */
    public String family() {
        return declaration.family().label();
    }

    /**
     * One line: what the loss is.
     *
     * @return the declaration's one-line summary, as {@code losses4j list} shows it
     */
    public String summary() {
        return declaration.summary();
    }

    /**
     * The inputs, in PyTorch's argument order, as the declaration states them (a loss's {@code inputs()} are these).
     *
     * @return the inputs, in PyTorch's argument order
     */
    public List<InputSpec> inputs() {
        return declaration.inputs();
    }

    /**
     * The parameters with their defaults, as a user writes them ({@code delta=1.0}), derived from
     * {@link #parameterList()}, and the default reduction where it is not {@code mean}.
     *
     * @return the parameters with their defaults, as a user writes them ({@code delta=1.0}), derived from {@link #parameterList()}, and the default reduction where it is not {@code mean}
     */
    public String parameters() {
        return declaration.parametersText();
    }

    /**
     * The parameters, typed, in declaration order (PyTorch's order, the order {@code losses4j list} shows).
     *
     * @return the parameters, typed, in declaration order (PyTorch's order, the order {@code losses4j list} shows)
     */
    public List<ParameterSpec> parameterList() {
        return declaration.parameters();
    }

    /**
     * The reductions the loss offers.
     *
     * @return the reductions the loss offers
     */
    public Set<Reduction> reductions() {
        return declaration.reductions();
    }

    /**
     * The reduction when none is given.
     *
     * @return the reduction when none is given
     */
    public Reduction defaultReduction() {
        return declaration.defaultReduction();
    }

    /**
     * The factory that builds the loss from named parameters.
     *
     * @return the declaration's factory (without the reduction check and the unknown-parameter check of
     *         {@link #create})
     */
    public LossFactory factory() {
        return declaration.factory();
    }

    /**
     * The declaration this entry shows.
     *
     * @return the declaration this entry shows
     */
    public LossDeclaration declaration() {
        return declaration;
    }

    /**
     * Creates the loss from named parameters, as {@link LossRegistry#create(String, Map, String)} does for this
     * entry.
     *
     * @param params the parameters by PyTorch name, or null or empty for the defaults
     * @param reduction {@code none}, {@code mean} or {@code sum}, or null for the loss's default
     * @return the loss, built and validated
     * @throws IllegalArgumentException for an invalid parameter, an unknown parameter name or an unknown reduction
     */
    public Loss create(Map<String, ?> params, String reduction) {
        if (reduction != null && Reduction.ofLabel(reduction) == null) {
            // Named exactly as PyTorch names them ("MEAN" is not one); the message lists what this loss offers.
            throw Check.error(name(), "reduction must be one of " + Reduction.labels(reductions()) + ", got "
                    + Check.quote(reduction));
        }
        LossParams p = new LossParams(declaration, params, reduction);
        Loss loss = factory().create(p);
        p.requireAllUsed();
        return loss;
    }

    @Override
    public String toString() {
        return declaration.toString();
    }
}
