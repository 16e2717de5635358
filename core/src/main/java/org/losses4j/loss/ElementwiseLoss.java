package org.losses4j.loss;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.losses4j.kernel.Parallel;
import org.losses4j.kernel.Simd;
import org.losses4j.kernel.VectorKernels;
import org.losses4j.tensor.Tensor;

/**
 * The shared mechanism of the element-wise losses ℓ(x<sub>i</sub>, y<sub>i</sub>) of an input and a target of the
 * same shape: shape validation, the reduction, output allocation, and a single pass over the data that computes the
 * value and the gradients together, split over both cores for large inputs with a thread-count-independent sum.
 *
 * <p>A subclass writes its per-element maths in one of two forms:
 * <ul>
 *   <li>the <em>split</em> form (preferred): {@link #values} and {@link #inputGradient} (and
 *       {@link #targetGradient} when ∂ℓ/∂y is not −∂ℓ/∂x), each a plain loop in which every array is indexed by the
 *       loop variable and nothing branches, so that the JIT compiles it to SIMD code. The default {@link #kernel}
 *       runs them chunk by chunk ({@value #CHUNK} elements, so the chunk is still in the L1 cache when it is read
 *       again): values into the output (or gradient) buffer, their sum (groups of four added in float32, the
 *       groups accumulated in four doubles), then the gradient over the same chunk;</li>
 *   <li>the <em>fused</em> form: an override of {@link #kernel} that does everything in one loop, for losses whose
 *       maths does not split cheaply.</li>
 * </ul>
 * A split-form loss with a Vector API kernel also overrides {@link #vectorKernel}, and {@link #hasVectorKernel} to
 * say so: on the Vector API kernels of {@link Simd}, the default {@link #kernel} runs it on the whole vectors of each
 * range and the split loops on the rest.
 * Either way the sum of a block depends only on the block, never on the thread count.
 *
 * <p>Reductions: {@code none}, {@code mean} (÷ number of elements; NaN for an empty input), {@code sum}.
 *
 * <p>Second derivatives ({@link SecondOrderLoss}): every subclass writes ∂²ℓ/∂x² in {@link #inputHessian}, a loop
 * of the split form; {@link #valueGradHess(float[], float[], float[], float[], int)} runs the kernel and then that
 * loop block by block, so the value and the gradient are bit for bit those of
 * {@link #valueAndGradInput(float[], float[], float[], int)}.
 */
public abstract class ElementwiseLoss extends InputTargetLoss implements SecondOrderLoss {
    /** Whether a subclass overrides {@link #validate}: the fast path must then run it too. */
    private final boolean checksData;

    /**
     * An element-wise loss.
     *
     * @param declaration the loss's declaration (name, reductions, parameters)
     * @param reduction   how the per-element losses are reduced
     */
    protected ElementwiseLoss(LossDeclaration declaration, Reduction reduction) {
        super(declaration, reduction);
        this.checksData = overrides(getClass(), "validate", Tensor.class, Tensor.class);
    }

    /**
     * A loss of two tensors of one shape.
     *
     * @param name      the registry name, used in messages
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    protected ElementwiseLoss(String name, Reduction reduction) {
        super(name, reduction, Reduction.STANDARD);
        this.checksData = overrides(getClass(), "validate", Tensor.class, Tensor.class);
    }

    /**
     * Evaluates elements {@code [from, to)} in one pass.
     *
     * @param x     input values
     * @param y     target values
     * @param out   where to write each ℓ<sub>i</sub> (reduction {@code none}), or {@code null}
     * @param gx    where to write {@code scale · ∂ℓ_i/∂x_i}, or {@code null} when not wanted
     * @param gy    where to write {@code scale · ∂ℓ_i/∂y_i}, or {@code null} when not wanted
     * @param scale the factor of the reduction (1/n for mean, 1 otherwise)
     * @param to the end index (exclusive)
     * @param from the first index (inclusive)
     * @return Σ ℓ<sub>i</sub> over the range, accumulated in double
     */
    protected double kernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        VectorKernels v = Simd.KERNELS;
        int mid = hasVectorKernel() ? v.vectorEnd(from, to) : from; // the plain kernels take no prefix
        if (mid == from) {
            return splitKernel(x, y, out, gx, gy, scale, from, to);
        }
        return vectorKernel(v, x, y, out, gx, gy, scale, from, mid) + splitKernel(x, y, out, gx, gy, scale, mid, to);
    }

    /**
     * Whether this loss has a Vector API form, {@link #vectorKernel}: a loss that overrides one overrides the other
     * to return true (a test lists the losses that must).
     *
     * @return whether this loss has a Vector API form, {@link #vectorKernel}
     */
    public boolean hasVectorKernel() {
        return false;
    }

    /**
     * The Vector API form of {@link #kernel} on {@code [from, to)}, a whole number of vectors: a loss with a kernel in
     * {@link VectorKernels} calls it here (the same floats as its split loops, see {@link VectorKernels}).
     * {@link #kernel} runs the split loops on the elements after the last whole vector.
     *
     * @param scale the factor every gradient element is multiplied by
     * @param from the first index (inclusive)
     * @param to the end index (exclusive)
     * @param v the Vector API kernels ({@link org.losses4j.kernel.Simd#KERNELS} when it is the Vector API's)
     * @param x the inputs
     * @param y the targets
     * @param out receives ℓ<sub>i</sub> at index i, or null
     * @param gx receives {@code scale · ∂ℓ_i/∂x_i} at index i, or null
     * @param gy receives {@code scale · ∂ℓ_i/∂y_i} at index i, or null
     * @return Σ ℓ<sub>i</sub> over the range, accumulated in double
     */
    protected double vectorKernel(VectorKernels v, float[] x, float[] y, float[] out, float[] gx, float[] gy,
            float scale, int from, int to) {
        throw new UnsupportedOperationException(name() + " has no vector kernel");
    }

    /** The split form, chunk by chunk (see the class description). */
    private double splitKernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        float[] buf = out != null ? out : gx != null ? gx : gy;
        if (buf == null) {
            throw new IllegalStateException(name() + ": the split kernel needs an output or gradient buffer");
        }
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int c = from; c < to; c += CHUNK) {
            int e = Math.min(to, c + CHUNK);
            values(x, y, buf, c, e);
            // Four independent double accumulators, each fed the float32 sum of four values: the float adds cost
            // at most two roundings per group (the size of the rounding of each value to float32 itself), and a
            // quarter of the float-to-double conversions that bound the speed of this loop.
            int i = c;
            for (; i + 15 < e; i += 16) {
                s0 += (buf[i] + buf[i + 1]) + (buf[i + 2] + buf[i + 3]);
                s1 += (buf[i + 4] + buf[i + 5]) + (buf[i + 6] + buf[i + 7]);
                s2 += (buf[i + 8] + buf[i + 9]) + (buf[i + 10] + buf[i + 11]);
                s3 += (buf[i + 12] + buf[i + 13]) + (buf[i + 14] + buf[i + 15]);
            }
            for (; i < e; i++) {
                s0 += buf[i];
            }
            if (gx != null) {
                inputGradient(x, y, gx, scale, c, e);
            }
            if (gy != null) {
                targetGradient(x, y, gy, scale, c, e);
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Elements per chunk of the split kernel: a multiple of 16, small enough to stay in the L1 cache. */
    protected static final int CHUNK = 1024;

    /**
     * The split form, values: writes ℓ(x<sub>i</sub>, y<sub>i</sub>) into {@code out[i]} for i in
     * {@code [from, to)}. A loss in the fused form does not override it.
     *
     * @param x the inputs
     * @param y the targets
     * @param out receives ℓ<sub>i</sub> at index i (the output, or a gradient buffer used as scratch before the
     *            gradient overwrites it)
     * @param from the first index (inclusive)
     * @param to the end index (exclusive)
     */
    protected void values(float[] x, float[] y, float[] out, int from, int to) {
        throw new UnsupportedOperationException(name() + " has no split kernel");
    }

    /**
     * The split form, input gradient: writes {@code scale · ∂ℓ/∂x} at each element of {@code [from, to)} into
     * {@code gx[i]}.
     *
     * @param x the inputs
     * @param y the targets
     * @param gx receives {@code scale · ∂ℓ_i/∂x_i} at index i (never null here)
     * @param scale the factor every gradient element is multiplied by
     * @param from the first index (inclusive)
     * @param to the end index (exclusive)
     */
    protected void inputGradient(float[] x, float[] y, float[] gx, float scale, int from, int to) {
        throw new UnsupportedOperationException(name() + " has no split kernel");
    }

    /**
     * The split form, target gradient: writes {@code scale · ∂ℓ/∂y} into {@code gy[i]}. The default is for losses of
     * d = x − y, whose ∂ℓ/∂y is −∂ℓ/∂x: the input gradient with the scale negated (an exact sign flip in floating
     * point).
     *
     * @param x the inputs
     * @param y the targets
     * @param gy receives {@code scale · ∂ℓ_i/∂y_i} at index i (never null here)
     * @param scale the factor every gradient element is multiplied by
     * @param from the first index (inclusive)
     * @param to the end index (exclusive)
     */
    protected void targetGradient(float[] x, float[] y, float[] gy, float scale, int from, int to) {
        inputGradient(x, y, gy, -scale, from, to);
    }

    /**
     * A hook for checks that need the data (value ranges, say); called before the kernel. Does nothing here.
     *
     * @param input the input (the prediction)
     * @param target the target, of the input's shape
     */
    protected void validate(Tensor input, Tensor target) {
    }

    @Override
    protected final LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget) {
        Check.sameShape(name(), "input", input, "target", target);
        validate(input, target);
        int n = input.numel();
        float[] x = input.data();
        float[] y = target.data();
        Reduction r = reduction();
        float[] gx = gradInput ? new float[n] : null;
        float[] gy = gradTarget ? new float[n] : null;
        // A reduced value without gradients still needs somewhere for the split kernel to put the values.
        float[] out = r == Reduction.NONE || (gx == null && gy == null) ? new float[n] : null;
        float scale = (float) (1 / r.divisor(n));
        double sum = Parallel.sum(n, (from, to) -> kernel(x, y, out, gx, gy, scale, from, to));
        Map<String, Tensor> grads = new LinkedHashMap<>(2);
        putGradient(grads, "input", gx, input.shape());
        putGradient(grads, inputs().get(1).name(), gy, target.shape());
        return reduced(sum, n, out, input.shape(), grads);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here the kernel writes straight into {@code gradInput}: the same kernel, the same blocks summed in the same
     * order as {@link #evaluate(Tensor, Tensor, boolean, boolean)}, with nothing allocated but the result (and the
     * per-element values for reduction {@code none}).
     */
    @Override
    protected final LossResult evaluateInto(Tensor input, Tensor target, Tensor gradInput) {
        Check.sameShape(name(), "input", input, "target", target);
        validate(input, target);
        int n = input.numel();
        float[] x = input.data();
        float[] y = target.data();
        float[] gx = gradInput.data();
        Reduction r = reduction();
        float[] out = r == Reduction.NONE ? new float[n] : null;
        float scale = (float) (1 / r.divisor(n));
        double sum = Parallel.sum(n, (from, to) -> kernel(x, y, out, gx, null, scale, from, to));
        if (r == Reduction.NONE) {
            return withGradInput(Tensor.wrap(out, input.shape()), Double.NaN, gradInput);
        }
        return withGradInput(null, sum / r.divisor(n), gradInput);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here without allocating (for a loss that does not override {@link #validate}): the same kernel, the same
     * blocks summed in the same order as the tensor API.
     */
    @Override
    public final double valueAndGradInput(float[] input, float[] target, float[] gradInput, int n) {
        checkFastPath(input, target, gradInput, n);
        validateFastPath(input, target, n);
        Reduction r = reduction();
        float scale = (float) (1 / r.divisor(n));
        double sum = n <= Parallel.BLOCK ? (n == 0 ? 0 : kernel(input, target, null, gradInput, null, scale, 0, n))
                : Parallel.sum(n, (from, to) -> kernel(input, target, null, gradInput, null, scale, from, to));
        return sum / r.divisor(n);
    }

    /** {@link #validate} on elements {@code [0, n)} of a fast path's arrays, for a loss that overrides it. */
    private void validateFastPath(float[] input, float[] target, int n) {
        if (checksData) {
            validate(Tensor.wrap(Arrays.copyOf(input, n), n), Tensor.wrap(Arrays.copyOf(target, n), n));
        }
    }

    /**
     * The per-element values ℓ(x<sub>i</sub>, y<sub>i</sub>) of elements {@code [0, n)} of flat arrays, written into
     * {@code out} whatever this loss's reduction, allocating nothing (for a loss that does not override
     * {@link #validate}), on the calling thread.
     *
     * <p>For callers that add the values up themselves: each value is the float32 that reduction {@code none}
     * gives, so a sum of them in double does not depend on how the data was cut into calls (the reduced fast path
     * adds groups of four in float32 first, whose rounding does depend on where a call starts).
     *
     * @param input the input (the prediction)
     * @param target the targets, {@code n} of them
     * @param out receives ℓ<sub>i</sub> for the first {@code n} elements (overwritten)
     * @param n the number of elements, ≥ 0
     * @throws IllegalArgumentException if an array is shorter than {@code n}, or the data fails the loss's checks
     */
    public final void elementValues(float[] input, float[] target, float[] out, int n) {
        checkFastPath(input, target, out, n);
        validateFastPath(input, target, n);
        for (int from = 0; from < n; from += Parallel.BLOCK) {
            kernel(input, target, out, null, null, 1f, from, Math.min(n, from + Parallel.BLOCK));
        }
    }

    /**
     * The second derivative: writes {@code scale · ∂²ℓ/∂x²} at each element of {@code [from, to)} into
     * {@code hx[i]}, with PyTorch's double-backward value where ℓ has a kink (the loss's Javadoc says which).
     *
     * @param x the inputs
     * @param y the targets
     * @param hx receives {@code scale · ∂²ℓ_i/∂x_i²} at index i
     * @param scale the factor every gradient element is multiplied by
     * @param from the first index (inclusive)
     * @param to the end index (exclusive)
     */
    protected abstract void inputHessian(float[] x, float[] y, float[] hx, float scale, int from, int to);

    /**
     * The kernel on {@code [from, to)} (value and input gradient), then {@link #inputHessian} on the same range,
     * still in the cache; returns the kernel's sum.
     */
    private double secondOrderKernel(float[] x, float[] y, float[] out, float[] gx, float[] hx, float scale,
            int from, int to) {
        double s = kernel(x, y, out, gx, null, scale, from, to);
        inputHessian(x, y, hx, scale, from, to);
        return s;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here without allocating (for a loss that does not override {@link #validate}), with the value and gradient
     * of {@link #valueAndGradInput(float[], float[], float[], int)}, bit for bit.
     */
    @Override
    public final double valueGradHess(float[] input, float[] target, float[] gradInput, float[] hessInput, int n) {
        checkSecondOrderPath(input, target, gradInput, hessInput, n);
        validateFastPath(input, target, n);
        Reduction r = reduction();
        float scale = (float) (1 / r.divisor(n));
        double sum = n <= Parallel.BLOCK
                ? (n == 0 ? 0 : secondOrderKernel(input, target, null, gradInput, hessInput, scale, 0, n))
                : Parallel.sum(n, (from, to) -> secondOrderKernel(input, target, null, gradInput, hessInput, scale,
                        from, to));
        return sum / r.divisor(n);
    }

    @Override
    public final SecondOrderResult valueGradHess(Tensor input, Tensor target) {
        if (input == null) {
            throw error("missing input 'input'");
        }
        if (target == null) {
            throw error("missing input 'target'");
        }
        Tensor in = prepare(inputs().get(0), input);
        Tensor tg = prepare(inputs().get(1), target);
        Check.sameShape(name(), "input", in, "target", tg);
        validate(in, tg);
        int n = in.numel();
        float[] x = in.data();
        float[] y = tg.data();
        Reduction r = reduction();
        float[] gx = new float[n];
        float[] hx = new float[n];
        float[] out = r == Reduction.NONE ? new float[n] : null;
        float scale = (float) (1 / r.divisor(n));
        double sum = Parallel.sum(n, (from, to) -> secondOrderKernel(x, y, out, gx, hx, scale, from, to));
        Tensor g = Tensor.wrap(gx, in.shape());
        Tensor h = Tensor.wrap(hx, in.shape());
        if (r == Reduction.NONE) {
            return SecondOrderResult.elementwise(Tensor.wrap(out, in.shape()), g, h);
        }
        return SecondOrderResult.scalar(sum / r.divisor(n), g, h);
    }

    /** Whether a class between {@code c} and this one declares the method. */
    private static boolean overrides(Class<?> c, String method, Class<?>... parameters) {
        for (Class<?> k = c; k != null && k != ElementwiseLoss.class; k = k.getSuperclass()) {
            try {
                k.getDeclaredMethod(method, parameters);
                return true;
            } catch (NoSuchMethodException e) {
                // not declared here: look further up
            }
        }
        return false;
    }
}
