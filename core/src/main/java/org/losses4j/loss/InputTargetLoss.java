package org.losses4j.loss;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.losses4j.tensor.Tensor;

/**
 * A loss of two inputs named {@code input} and {@code target}, like most of PyTorch's, with typed methods:
 *
 * <pre>{@code
 * HuberLoss huber = new HuberLoss(1.5);
 * Tensor value = huber.forward(prediction, target);                 // 0-d tensor (reduction mean)
 * LossResult r = huber.valueAndGradient(prediction, target);        // value and both gradients, one pass
 * Tensor dInput = r.gradInput();
 * }</pre>
 */
public abstract class InputTargetLoss extends AbstractLoss {
    private static final List<InputSpec> FLOAT_PAIR = List.of(InputSpec.differentiable("input"),
            InputSpec.differentiable("target"));

    protected InputTargetLoss(String name, Reduction reduction, Collection<Reduction> allowed) {
        super(name, reduction, allowed);
    }

    /** By default both {@code input} and {@code target} are differentiable float tensors; override to change. */
    @Override
    public List<InputSpec> inputs() {
        return FLOAT_PAIR;
    }

    /** The loss value (0-d after a reduction, per element for {@link Reduction#NONE}). */
    public final Tensor forward(Tensor input, Tensor target) {
        return compute(input, target, false, false).value();
    }

    /** The value and the gradients with respect to every differentiable input, in one pass. */
    public final LossResult valueAndGradient(Tensor input, Tensor target) {
        List<InputSpec> in = inputs();
        return compute(input, target, in.get(0).differentiable(), in.get(1).differentiable());
    }

    /** The value and the gradient with respect to {@code input} only (what a training loop needs). */
    public final LossResult valueAndGradInput(Tensor input, Tensor target) {
        return compute(input, target, true, false);
    }

    /**
     * The value and the chosen gradients.
     *
     * @throws IllegalArgumentException if a requested gradient's input is not differentiable, or the inputs are
     *                                  invalid
     */
    public final LossResult compute(Tensor input, Tensor target, boolean gradInput, boolean gradTarget) {
        List<InputSpec> in = inputs();
        if (input == null) {
            throw error("missing input 'input'");
        }
        if (target == null) {
            throw error("missing input 'target'");
        }
        if (gradInput && !in.get(0).differentiable()) {
            throw error("cannot differentiate with respect to 'input'");
        }
        if (gradTarget && !in.get(1).differentiable()) {
            throw error("cannot differentiate with respect to '" + in.get(1).name() + "'");
        }
        return evaluate(prepare(in.get(0), input), prepare(in.get(1), target), gradInput, gradTarget);
    }

    @Override
    protected final LossResult evaluate(Map<String, Tensor> inputs, Set<String> wrt) {
        return evaluate(inputs.get("input"), inputs.get("target"), wrt.contains("input"), wrt.contains("target"));
    }

    /** Computes the loss on converted inputs; a {@code true} flag means that gradient is wanted. */
    protected abstract LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget);
}
