package org.losses4j.loss.classification;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.losses4j.kernel.Parallel;
import org.losses4j.loss.Check;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.SecondOrderLoss;
import org.losses4j.loss.SecondOrderResult;
import org.losses4j.tensor.Tensor;

/**
 * The element-wise losses of this family that {@link org.losses4j.loss.ElementwiseLoss} cannot express: optional
 * {@code weight} and {@code pos_weight} tensors broadcast against the input (PyTorch's BCE losses), and the
 * {@code batchmean} reduction ({@code kl_div}). Input and target have identical shapes (never broadcast).
 *
 * <p>Reductions: {@code none}; {@code mean} ÷ number of elements (not the sum of the weights, as PyTorch); {@code sum};
 * {@code batchmean} ÷ size of dimension 0 (the sum for a 0-d input). Value and gradients are computed in one pass,
 * split over the cores for large inputs with a thread-count-independent sum ({@link Parallel#sum}).
 *
 * <p>Second derivatives ({@link SecondOrderLoss}): the kernel writes ∂²ℓ/∂x² in the same pass where it is asked to
 * ({@link Block#hx}), with value and gradient computed exactly as on the first-order paths.
 */
abstract class WeightedElementwiseLoss extends InputTargetLoss implements SecondOrderLoss {
    private final Tensor weight;
    private final Tensor posWeight;

    WeightedElementwiseLoss(LossDeclaration declaration, Reduction reduction, Tensor weight, Tensor posWeight) {
        super(declaration, reduction);
        this.weight = Broadcast.param(weight);
        this.posWeight = Broadcast.param(posWeight);
    }

    /** The arguments of one kernel call; arrays are {@code null} when absent or not wanted. */
    static final class Block {
        float[] x;
        float[] y;
        float[] out;
        float[] gx;
        float[] gy;
        /** The second derivative with respect to the input, {@code scale·∂²ℓ_i/∂x_i²}. */
        float[] hx;
        /** Weight, used periodically: element i has weight w[i % wPeriod]; null means 1. */
        float[] w;
        int wPeriod;
        /** pos_weight, used periodically as {@link #w}; null means 1. */
        float[] pw;
        int pwPeriod;
        /** The factor of the reduction: 1/n for mean, 1/size(0) for batchmean, else 1. */
        float scale;
    }

    /**
     * Evaluates elements {@code [from, to)}: writes ℓ<sub>i</sub> to {@code out} and {@code scale·∂ℓ_i/∂x_i},
     * {@code scale·∂ℓ_i/∂y_i}, {@code scale·∂²ℓ_i/∂x_i²} to {@code gx}, {@code gy}, {@code hx} where those are not
     * null; returns Σℓ<sub>i</sub> in double. Data-dependent checks throw from here (the lowest offending index is
     * reported).
     */
    abstract double kernel(Block b, int from, int to);

    /**
     * What the sum of the values is divided by: n for {@code mean}, the batch size for {@code batchmean}, else 1.
     *
     * @param n the number of elements
     * @param batch the size of dimension 0 (1 for a 0-d input)
     */
    private double divisor(int n, int batch) {
        Reduction r = reduction();
        return r == Reduction.BATCHMEAN ? batch : r.divisor(n);
    }

    /**
     * The block of a call on tensors of identical shape: their data, the weights broadcast to that shape, fresh
     * arrays for the values (reduction {@code none}) and for the derivatives wanted, and the reduction's factor.
     */
    private Block block(Tensor input, Tensor target, boolean gradInput, boolean gradTarget, boolean hessInput,
            double divisor) {
        int[] shape = input.shape();
        int n = input.numel();
        Block b = new Block();
        b.x = input.data();
        b.y = target.data();
        Broadcast w = Broadcast.to(name(), "weight", weight, shape);
        Broadcast pw = Broadcast.to(name(), "pos_weight", posWeight, shape);
        if (w != null) {
            b.w = w.data;
            b.wPeriod = w.period;
        }
        if (pw != null) {
            b.pw = pw.data;
            b.pwPeriod = pw.period;
        }
        b.out = reduction() == Reduction.NONE ? new float[n] : null;
        b.gx = gradInput ? new float[n] : null;
        b.gy = gradTarget ? new float[n] : null;
        b.hx = hessInput ? new float[n] : null;
        b.scale = (float) (1.0 / divisor);
        return b;
    }

    /** The size of dimension 0, {@code batchmean}'s denominator (1 for a 0-d input). */
    private static int batch(int[] shape) {
        return shape.length == 0 ? 1 : shape[0];
    }

    @Override
    protected final LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget) {
        return evaluate(input, target, gradInput, gradTarget, null);
    }

    /** Here the kernel writes straight into {@code gradInput}, as {@link #evaluate} into the gradient it allocates. */
    @Override
    protected final LossResult evaluateInto(Tensor input, Tensor target, Tensor gradInput) {
        return evaluate(input, target, true, false, gradInput);
    }

    /** {@link #evaluate}, the input gradient written into {@code into} (the result's) when it is not null. */
    private LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget, Tensor into) {
        Check.sameShape(name(), "input", input, "target", target);
        int[] shape = input.shape();
        double divisor = divisor(input.numel(), batch(shape));
        Block b = block(input, target, gradInput && into == null, gradTarget, false, divisor);
        if (into != null) {
            b.gx = into.data();
        }
        double sum = Parallel.sum(input.numel(), (from, to) -> kernel(b, from, to));
        Map<String, Tensor> grads = new LinkedHashMap<>(2);
        if (b.gx != null) {
            grads.put("input", into != null ? into : Tensor.wrap(b.gx, shape));
        }
        if (b.gy != null) {
            grads.put("target", Tensor.wrap(b.gy, shape));
        }
        return LossResult.reduce(reduction(), b.out, shape, sum, divisor, grads);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Without {@code weight} and {@code pos_weight} this allocates nothing (up to {@link Parallel#BLOCK}
     * elements; above, the parallel split allocates a few small objects per call): the same kernel and the same
     * blocks, summed in the same order, as the tensor API on a tensor of shape (n).
     */
    @Override
    public double valueAndGradInput(float[] input, float[] target, float[] gradInput, int n) {
        if (weight != null || posWeight != null) {
            return super.valueAndGradInput(input, target, gradInput, n);
        }
        checkFastPath(input, target, gradInput, n);
        return fastPath(input, target, gradInput, null, n);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Without {@code weight} and {@code pos_weight} this allocates nothing (up to {@link Parallel#BLOCK}
     * elements, as {@link #valueAndGradInput(float[], float[], float[], int)}), with the value and gradient of that
     * fast path; with them it goes through {@link #valueGradHess(Tensor, Tensor)} on tensors of shape (n) and copies
     * the results.
     */
    @Override
    public double valueGradHess(float[] input, float[] target, float[] gradInput, float[] hessInput, int n) {
        checkSecondOrderPath(input, target, gradInput, hessInput, n);
        if (weight != null || posWeight != null) {
            return intoBuffers(valueGradHess(Tensor.wrap(Arrays.copyOf(input, n), n),
                    Tensor.wrap(Arrays.copyOf(target, n), n)), gradInput, hessInput);
        }
        return fastPath(input, target, gradInput, hessInput, n);
    }

    /**
     * The fast paths without weights, on elements {@code [0, n)}: the value, the input gradient into
     * {@code gradInput} and, where {@code hessInput} is not null, the second derivative into it. The holder is
     * reused, so nothing is allocated up to {@link Parallel#BLOCK} elements.
     */
    private double fastPath(float[] input, float[] target, float[] gradInput, float[] hessInput, int n) {
        double divisor = divisor(n, n);
        Block b = FAST_PATH.get();
        b.x = input;
        b.y = target;
        b.gx = gradInput;
        b.hx = hessInput;
        b.scale = (float) (1.0 / divisor);
        try {
            double sum = n == 0 ? 0
                    : n <= Parallel.BLOCK ? kernel(b, 0, n) : Parallel.sum(n, (from, to) -> kernel(b, from, to));
            return sum / divisor;
        } finally {
            b.x = null; // the holder is reused: it must not keep the caller's arrays alive
            b.y = null;
            b.gx = null;
            b.hx = null;
        }
    }

    @Override
    public SecondOrderResult valueGradHess(Tensor input, Tensor target) {
        if (input == null) {
            throw error("missing input 'input'");
        }
        if (target == null) {
            throw error("missing input 'target'");
        }
        Tensor in = prepare(inputs().get(0), input);
        Tensor tg = prepare(inputs().get(1), target);
        Check.sameShape(name(), "input", in, "target", tg);
        int[] shape = in.shape();
        double divisor = divisor(in.numel(), batch(shape));
        Block b = block(in, tg, true, false, true, divisor);
        double sum = Parallel.sum(in.numel(), (from, to) -> kernel(b, from, to));
        Tensor g = Tensor.wrap(b.gx, shape);
        Tensor h = Tensor.wrap(b.hx, shape);
        if (b.out != null) {
            return SecondOrderResult.elementwise(Tensor.wrap(b.out, shape), g, h);
        }
        return SecondOrderResult.scalar(sum / divisor, g, h);
    }

    /**
     * The argument holder of the fast path, one per thread and reused (only {@code x}, {@code y}, {@code gx},
     * {@code hx} and {@code scale} are ever set on it; the weights and the other outputs stay null), so that a
     * training step allocates nothing.
     */
    private static final ThreadLocal<Block> FAST_PATH = ThreadLocal.withInitial(Block::new);
}
