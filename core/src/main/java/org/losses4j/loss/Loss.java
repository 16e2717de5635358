package org.losses4j.loss;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.losses4j.tensor.Tensor;

/**
 * The contract every loss of losses4j fulfils.
 *
 * <p>A loss is constructed with its parameters (validated at construction) and evaluated on its named inputs, the
 * names being PyTorch's ({@code input}, {@code target}, {@code var}, {@code anchor}, ...). One call,
 * {@link #compute(Map, Set)}, returns the value <em>and</em> the gradients with respect to the requested inputs and
 * learnable parameters, computed in a single pass over the data. Most losses also offer typed methods
 * ({@code forward(input, target)}, {@code valueAndGradient(input, target)}); see {@link InputTargetLoss}.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public interface Loss {

    /**
     * The registry name, PyTorch's {@code torch.nn.functional} name where PyTorch has the loss.
     *
     * @return the registry name, PyTorch's {@code torch.nn.functional} name where PyTorch has the loss
     */
    String name();

    /**
     * The reduction this loss applies.
     *
     * @return the reduction this loss applies
     */
    Reduction reduction();

    /**
     * The reductions this loss offers ({@code none}, {@code mean}, {@code sum}, and {@code batchmean} for some); by
     * default only its own.
     *
     * @return the reductions this loss offers ({@code none}, {@code mean}, {@code sum}, and {@code batchmean} for some); by default only its own
     */
    default Set<Reduction> reductions() {
        return Set.of(reduction());
    }

    /**
     * The inputs this loss takes, in PyTorch's argument order.
     *
     * @return the inputs this loss takes, in PyTorch's argument order
     */
    List<InputSpec> inputs();

    /**
     * Names of learnable parameters whose gradient can be requested like an input's (empty for most losses).
     *
     * @return the names of the learnable parameters (empty by default); each can be put in {@code wrt}
     */
    default List<String> learnableParameters() {
        return List.of();
    }

    /**
     * The loss's configuration (parameter name to value, reduction last), as shown by {@code toString()}.
     *
     * @return the loss's configuration (parameter name to value, reduction last), as shown by {@code toString()}
     */
    Map<String, Object> config();

    /**
     * Evaluates the loss and the requested gradients in one pass.
     *
     * @param inputs the tensors by input name; every required input must be present and no other name
     * @param wrt    names of the differentiable inputs or learnable parameters to differentiate; may be empty
     * @return the value and the requested gradients (each with the shape of its input)
     * @throws IllegalArgumentException for a missing, unknown or ill-shaped input, or a name in {@code wrt} that
     *                                  cannot be differentiated; the message names the loss, the argument, the value
     *                                  and the rule
     */
    LossResult compute(Map<String, Tensor> inputs, Set<String> wrt);

    /**
     * The value only.
     *
     * @param inputs the input tensors by name
     * @return the value only
     */
    default Tensor forward(Map<String, Tensor> inputs) {
        return compute(inputs, Set.of()).value();
    }

    /**
     * The value and the gradient with respect to every differentiable input given and every learnable parameter.
     *
     * @param inputs the input tensors by name
     * @return the value and the gradient with respect to every differentiable input given and every learnable parameter
     */
    default LossResult valueAndGradient(Map<String, Tensor> inputs) {
        Set<String> wrt = new LinkedHashSet<>();
        for (InputSpec s : inputs()) {
            if (s.differentiable() && inputs.containsKey(s.name())) {
                wrt.add(s.name());
            }
        }
        wrt.addAll(learnableParameters());
        return compute(inputs, wrt);
    }
}
