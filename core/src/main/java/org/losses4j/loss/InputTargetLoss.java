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
    /**
     * A declared loss of an input and a target: its declaration's inputs are {@code input} and {@code target}, in
     * that order ({@link LossDeclaration#INPUT_TARGET} unless it states their kinds).
     *
     * @param declaration the loss's declaration (name, inputs, reductions, parameters)
     * @param reduction   how the per-element losses are reduced
     */
    protected InputTargetLoss(LossDeclaration declaration, Reduction reduction) {
        super(declaration, reduction);
        List<InputSpec> in = declaration.inputs();
        if (in.size() != 2 || !in.get(0).name().equals("input") || !in.get(1).name().equals("target")) {
            throw new IllegalStateException(declaration.name() + ": a loss of an input and a target declares the "
                    + "inputs input and target, got " + in);
        }
    }

    /**
     * A loss of an input and a target without a declaration (one the registry does not hold): both are
     * differentiable float tensors, {@link LossDeclaration#INPUT_TARGET}.
     *
     * @param name      the name, used in messages
     * @param reduction how the per-element losses are reduced
     * @param allowed   the reductions this loss has
     */
    protected InputTargetLoss(String name, Reduction reduction, Collection<Reduction> allowed) {
        super(name, reduction, allowed, LossDeclaration.INPUT_TARGET);
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
     * The value and the gradient with respect to {@code input}, the gradient written into {@code gradInput}, a tensor
     * you own and pass again on the next call: what {@link #valueAndGradInput(Tensor, Tensor)} computes, without a
     * fresh gradient per call. The numbers are those of {@link #valueAndGradInput(Tensor, Tensor)}, bit for bit.
     *
     * <pre>{@code
     * Tensor grad = Tensor.zeros(prediction.shape());               // once
     * LossResult r = huber.valueAndGradInput(prediction, target, grad); // every step: grad is overwritten
     * double loss = r.item();                                        // r.gradInput() is grad itself
     * }</pre>
     *
     * <p>Every element of {@code gradInput} is written; what it held before does not matter. The result's
     * {@link LossResult#gradInput()} is {@code gradInput} itself; for reduction {@code none} the per-element value
     * tensor is still allocated. The element-wise losses (and the binary cross-entropies and cross-entropy) compute
     * straight into {@code gradInput}; any other loss computes as {@link #valueAndGradInput(Tensor, Tensor)} does and
     * copies the gradient in.
     *
     * @param input the input (the prediction)
     * @param target the target
     * @param gradInput where the gradient with respect to {@code input} is written: a float32 tensor of the input's
     *                  shape that shares no storage with {@code input} or {@code target}
     * @return the value, with {@code gradInput} as its gradient with respect to {@code input}
     * @throws IllegalArgumentException if {@code gradInput} is null, not float32, of another shape than the input, or
     *                                  shares its storage with an input; or for the inputs, as
     *                                  {@link #valueAndGradInput(Tensor, Tensor)}
     */
    public final LossResult valueAndGradInput(Tensor input, Tensor target, Tensor gradInput) {
        List<InputSpec> in = inputs();
        if (input == null) {
            throw error("missing input 'input'");
        }
        if (target == null) {
            throw error("missing input 'target'");
        }
        if (!in.get(0).differentiable()) {
            throw error("cannot differentiate with respect to 'input'");
        }
        Tensor x = prepare(in.get(0), input);
        Tensor y = prepare(in.get(1), target);
        if (gradInput == null) {
            throw error("gradInput must be a float32 tensor of the input's shape " + x.shapeString() + ", got null");
        }
        if (!gradInput.isFloat()) {
            throw error("gradInput must be a float32 tensor of the input's shape " + x.shapeString() + ", got "
                    + gradInput.dtype() + " " + gradInput.shapeString());
        }
        if (!gradInput.sameShape(x)) {
            throw error("gradInput shape " + gradInput.shapeString() + " must match input shape " + x.shapeString());
        }
        // A float32 input is used as given (an int64 one is converted into a fresh copy), so the storage the
        // kernel reads is that of x and y.
        float[] g = gradInput.data();
        boolean aliasesInput = x.isFloat() && g == x.data();
        if (aliasesInput || y.isFloat() && g == y.data()) {
            throw error("gradInput must not share storage with " + (aliasesInput ? "input" : "target")
                    + " (the inputs are read while the gradient is written)");
        }
        return evaluateInto(x, y, gradInput);
    }

    /**
     * {@link #valueAndGradInput(Tensor, Tensor, Tensor)} on converted and checked arguments: {@code gradInput} is a
     * float32 tensor of the input's shape that shares no storage with either input. This version evaluates as
     * {@link #valueAndGradInput(Tensor, Tensor)} does and copies the gradient into {@code gradInput}; a loss that can
     * write its gradient straight into a caller's array overrides it.
     *
     * @param input the input, converted to its declared kind
     * @param target the target, converted to its declared kind
     * @param gradInput where the gradient with respect to {@code input} is written
     * @return the value, with {@code gradInput} as its gradient with respect to {@code input}
     */
    protected LossResult evaluateInto(Tensor input, Tensor target, Tensor gradInput) {
        LossResult r = evaluate(input, target, true, false);
        float[] g = r.gradInput().data();
        System.arraycopy(g, 0, gradInput.data(), 0, g.length);
        return withGradInput(r.isScalar() ? null : r.value(), r.isScalar() ? r.item() : Double.NaN, gradInput);
    }

    /**
     * The result of {@link #valueAndGradInput(Tensor, Tensor, Tensor)}: the per-element {@code values} (reduction
     * {@code none}), else the reduced {@code value}, with {@code gradInput} as the gradient with respect to
     * {@code input}.
     *
     * @param values the per-element values for reduction {@code none}, else null
     * @param value the reduced value (ignored when {@code values} is given)
     * @param gradInput the caller's gradient tensor, already written
     * @return the result
     */
    protected static LossResult withGradInput(Tensor values, double value, Tensor gradInput) {
        Map<String, Tensor> grads = Map.of("input", gradInput);
        return values != null ? LossResult.elementwise(values, grads) : LossResult.scalar(value, grads);
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
     * {@link #intoBuffer} for a second-order fast path that went through the tensor API: also copies {@code r}'s
     * second derivative into the caller's {@code hessInput}.
     *
     * @param r the result on tensors of shape (n)
     * @param gradInput the buffer the gradient with respect to the input is written to
     * @param hessInput the buffer the second derivative with respect to the input is written to
     * @return the reduced value, or for reduction {@code none} the sum of the values, as {@link #intoBuffer}
     */
    protected static double intoBuffers(SecondOrderResult r, float[] gradInput, float[] hessInput) {
        float[] h = r.hessInput().data();
        System.arraycopy(h, 0, hessInput, 0, h.length);
        return intoBuffer(r.firstOrder(), gradInput);
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
        if (gradInput == input || gradInput == target) {
            throw error("fast path needs a gradInput array of its own, got the " + (gradInput == input ? "input"
                    : "target") + " array (the inputs are read while the gradient is written)");
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
        if (hessInput == input || hessInput == target || hessInput == gradInput) {
            throw error("fast path needs a hessInput array of its own, got the " + (hessInput == input ? "input"
                    : hessInput == target ? "target" : "gradInput") + " array");
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
