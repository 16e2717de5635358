package org.losses4j.loss;

import org.losses4j.tensor.Tensor;

/**
 * A loss whose second derivative with respect to {@code input} is known element by element: the diagonal of the
 * Hessian, which Newton steps need (gradient boosting, IRLS, preconditioned quasi-Newton methods). For a loss that is
 * a sum of per-element terms ℓ(x<sub>i</sub>, y<sub>i</sub>) the Hessian has nothing off its diagonal, so the
 * diagonal is all of it.
 *
 * <p>Every element-wise loss implements it: every {@link ElementwiseLoss}, the binary cross-entropies (with and
 * without {@code weight} and {@code pos_weight}), {@code kl_div} and {@code quantile_loss}. Where the second
 * derivative does not exist (a kink) or is zero on a whole region, the loss's Javadoc says what is returned there;
 * the rule everywhere is what PyTorch's double backward gives ({@code torch.autograd.grad} of the gradient's sum
 * with {@code create_graph=True}, then the gradient of that with respect to the input), so a piecewise-linear loss
 * has second derivative 0 everywhere, its kinks included.
 *
 * <p>The numbers of the two methods are those of {@link InputTargetLoss#valueAndGradInput(Tensor, Tensor)} for the
 * value and the gradient, and the second derivative is scaled like the gradient: divided by n for {@code mean}, the
 * second derivative of the sum of the elements for {@code none}.
 */
public interface SecondOrderLoss extends Loss {

    /**
     * The fast path with second derivatives: the value, {@code gradInput[i] = scale · ∂ℓ/∂x} and
     * {@code hessInput[i] = scale · ∂²ℓ/∂x²} for elements {@code [0, n)} of flat arrays, as for two tensors of shape
     * (n), where {@code scale} is 1/n for reduction {@code mean} and 1 otherwise. Allocates nothing (for the losses
     * without {@code weight} tensors; large inputs are split across the cores as the other fast paths are, with
     * results that do not depend on the thread count).
     *
     * @param input     the input values, at least {@code n} long
     * @param target    the target values, at least {@code n} long
     * @param gradInput where the gradient with respect to {@code input} is written, at least {@code n} long
     * @param hessInput where the second derivative with respect to {@code input} is written, at least {@code n} long
     * @param n         the number of elements
     * @return the reduced value (mean or sum; the sum of the elements for reduction {@code none})
     * @throws IllegalArgumentException for arrays shorter than {@code n}, or data the loss refuses
     */
    double valueGradHess(float[] input, float[] target, float[] gradInput, float[] hessInput, int n);

    /**
     * The value, the gradient and the second derivative with respect to {@code input}, in one pass over tensors of
     * any identical shape, for every reduction ({@code none}: the per-element values, and the gradient and second
     * derivative of their sum).
     *
     * @param input the input (the prediction)
     * @param target the target, of the input's shape
     * @return the value (as {@link InputTargetLoss#forward}), ∂loss/∂input and the second derivative per element, both
     *         in the input's shape
     * @throws IllegalArgumentException for a missing input, shapes that differ, or data the loss refuses
     */
    SecondOrderResult valueGradHess(Tensor input, Tensor target);
}
