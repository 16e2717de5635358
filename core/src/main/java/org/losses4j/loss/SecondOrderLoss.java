package org.losses4j.loss;

/**
 * A loss whose second derivative with respect to {@code input} is known element by element: the diagonal of the
 * Hessian, which Newton steps need (gradient boosting, IRLS, preconditioned quasi-Newton methods).
 *
 * <p>Every element-wise loss implements it. Where the second derivative does not exist (a kink) or is zero on a
 * whole region, the loss's Javadoc says what is returned there.
 */
public interface SecondOrderLoss extends Loss {

    /**
     * The fast path with second derivatives: the value, {@code gradInput[i] = scale · ∂ℓ/∂x} and
     * {@code hessInput[i] = scale · ∂²ℓ/∂x²} for elements {@code [0, n)} of flat arrays, as for two tensors of shape
     * (n), where {@code scale} is 1/n for reduction {@code mean} and 1 otherwise. Allocates nothing.
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
}
