package org.losses4j.loss;

import java.util.Arrays;
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

    /**
     * A declared loss of an input and a target.
     *
     * @param declaration the loss's declaration (name, reductions, parameters)
     * @param reduction   how the per-element losses are reduced
     */
    protected InputTargetLoss(LossDeclaration declaration, Reduction reduction) {
        super(declaration, reduction);
    }

    /**
     * A loss of an input and a target.
     *
     * @param name      the registry name, used in messages
     * @param reduction how the per-element losses are reduced
     * @param allowed   the reductions this loss has
     */
    protected InputTargetLoss(String name, Reduction reduction, Collection<Reduction> allowed) {
        super(name, reduction, allowed);
    }

    /** By default both {@code input} and {@code target} are differentiable float tensors; override to change. */
    @Override
    public List<InputSpec> inputs() {
        return FLOAT_PAIR;
    }

    /**
     * The loss value (0-d after a reduction, per element for {@link Reduction#NONE}).
     *
     * @param input the input (the prediction)
     * @param target the target: for an element-wise loss a float32 tensor of the input's shape; the loss's Javadoc
     *               gives its shape and kind otherwise (class indices, probabilities, ±1 labels)
     * @return the loss value (0-d after a reduction, per element for {@link Reduction#NONE})
     */
    public final Tensor forward(Tensor input, Tensor target) {
        return compute(input, target, false, false).value();
    }

    /**
     * The value and the gradients with respect to every differentiable input, in one pass.
     *
     * @param input the input (the prediction)
     * @param target the target, as for {@link #forward}
     * @return the value and the gradients with respect to every differentiable input, in one pass
     */
    public final LossResult valueAndGradient(Tensor input, Tensor target) {
        List<InputSpec> in = inputs();
        return compute(input, target, in.get(0).differentiable(), in.get(1).differentiable());
    }

    /**
     * The value and the gradient with respect to {@code input} only (what a training loop needs).
     *
     * @param input the input (the prediction)
     * @param target the target, as for {@link #forward}
     * @return the value and the gradient with respect to {@code input} only (what a training loop needs)
     */
    public final LossResult valueAndGradInput(Tensor input, Tensor target) {
        return compute(input, target, true, false);
    }

    /**
     * The fast path of a training loop: the value and the gradient with respect to {@code input} of elements
     * {@code [0, n)} of flat arrays, as for two tensors of shape (n), the gradient written into {@code gradInput}.
     * Arrays may be longer than {@code n}; only the first {@code n} elements are read or written. The numbers are
     * those of {@link #valueAndGradInput(Tensor, Tensor)} on those tensors.
     *
     * <p>This general version copies the data into tensors and the gradient back; the element-wise losses
     * ({@link ElementwiseLoss}, and the binary cross-entropy losses without weights) override it with versions that
     * allocate nothing.
     *
     * @param input the input (the prediction)
     * @param target the targets, {@code n} of them
     * @param gradInput receives ∂loss/∂input for the first {@code n} elements (overwritten)
     * @param n the number of elements, ≥ 0
     * @return the reduced value: Σℓ/n for {@code mean} (NaN for n = 0), Σℓ for {@code sum}, and for {@code none}
     *         also Σℓ, whose gradient is the one written (as {@code value.sum().backward()})
     * @throws IllegalArgumentException if an array is shorter than {@code n}, or the data fails the loss's checks
     */
    public double valueAndGradInput(float[] input, float[] target, float[] gradInput, int n) {
        checkFastPath(input, target, gradInput, n);
        LossResult r = compute(Tensor.wrap(Arrays.copyOf(input, n), n), Tensor.wrap(Arrays.copyOf(target, n), n),
                true, false);
        return intoBuffer(r, gradInput);
    }

    /**
     * What a fast path that went through the tensor API returns: copies {@code r}'s input gradient into the
     * caller's {@code gradInput} and gives the reduced value, or for reduction {@code none} the sum of the values
     * (added in double, as {@code value.sum().backward()} would have them).
     *
     * @param r the result of the tensor API, holding an input gradient of at most {@code gradInput.length} elements
     * @param gradInput receives {@code r}'s input gradient from index 0 (overwritten)
     * @return the reduced value, or for reduction {@code none} the sum of the per-element values, added in double (as
     *         {@code value.sum().backward()} would have them)
     */
    protected static double intoBuffer(LossResult r, float[] gradInput) {
        float[] g = r.gradInput().data();
        System.arraycopy(g, 0, gradInput, 0, g.length);
        if (r.isScalar()) {
            return r.item();
        }
        double sum = 0;
        for (float v : r.value().data()) {
            sum += v;
        }
        return sum;
    }

    /**
     * The argument checks of {@link #valueAndGradInput(float[], float[], float[], int)}.
     *
     * @param input the input (the prediction)
     * @param target the targets array
     * @param gradInput the gradient buffer
     * @param n the number of elements, ≥ 0
     * @throws IllegalArgumentException if an array is null or shorter than {@code n}, or n &lt; 0
     */
    protected final void checkFastPath(float[] input, float[] target, float[] gradInput, int n) {
        if (input == null || target == null || gradInput == null) {
            throw error("fast path needs three arrays, got null for "
                    + (input == null ? "input" : target == null ? "target" : "gradInput"));
        }
        if (n < 0 || input.length < n || target.length < n || gradInput.length < n) {
            throw error("fast path needs n >= 0 and arrays of at least n elements, got n = " + n + ", input "
                    + input.length + ", target " + target.length + ", gradInput " + gradInput.length);
        }
    }

    /**
     * The argument checks of {@link SecondOrderLoss#valueGradHess(float[], float[], float[], float[], int)}.
     *
     * @param n the number of elements, ≥ 0
     * @param input the input (the prediction)
     * @param target the targets array
     * @param gradInput the gradient buffer
     * @param hessInput the second-derivative buffer
     * @throws IllegalArgumentException if an array is null or shorter than {@code n}, or n &lt; 0
     */
    protected final void checkSecondOrderPath(float[] input, float[] target, float[] gradInput, float[] hessInput,
            int n) {
        if (hessInput == null) {
            throw error("fast path needs four arrays, got null for hessInput");
        }
        checkFastPath(input, target, gradInput, n);
        if (hessInput.length < n) {
            throw error("fast path needs arrays of at least n elements, got n = " + n + ", hessInput "
                    + hessInput.length);
        }
    }

    /**
     * The tensor form of {@link SecondOrderLoss#valueGradHess(Tensor, Tensor)} for a loss without a kernel of its
     * own: the value and gradient of {@link #compute}, with the second derivative {@code hess} (already scaled as
     * the gradient is) in the input's shape.
     *
     * @param r the value and input gradient from {@link #compute}
     * @param hess ∂²loss/∂input² per element, in the input's shape, already divided as the gradient is
     * @return the value, the input gradient and {@code hess}: a scalar result after a reduction, element-wise for
     *         {@code none}
     */
    protected static SecondOrderResult secondOrder(LossResult r, Tensor hess) {
        if (r.isScalar()) {
            return SecondOrderResult.scalar(r.item(), r.gradInput(), hess);
        }
        return SecondOrderResult.elementwise(r.value(), r.gradInput(), hess);
    }

    /**
     * The value and the chosen gradients.
     *
     * @param input the input (the prediction)
     * @param target the target, as for {@link #forward}
     * @param gradInput whether to compute the gradient with respect to the input
     * @param gradTarget whether to compute the gradient with respect to the target
     * @return the value and the gradients asked for (the others are null)
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

    /**
     * Computes the loss on converted inputs; a {@code true} flag means that gradient is wanted.
     *
     * @param input the input (the prediction)
     * @param target the target, already converted to the kind its spec declares
     * @param gradInput whether the gradient with respect to the input is wanted
     * @param gradTarget whether the gradient with respect to the target is wanted
     * @return the value and the gradients asked for, in the inputs' shapes
     */
    protected abstract LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget);
}
