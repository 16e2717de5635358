package org.losses4j.loss.classification;

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
 * <p>Second derivatives ({@link SecondOrderLoss}): a subclass writes ∂²ℓ/∂x² in {@link #inputHessian}, run after
 * the kernel on the same range, so value and gradient are those of the first-order paths.
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
     * {@code scale·∂ℓ_i/∂y_i} to {@code gx}, {@code gy} where those are not null; returns Σℓ<sub>i</sub> in double.
     * Data-dependent checks throw from here (the lowest offending index is reported).
     */
    abstract double kernel(Block b, int from, int to);

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
        int n = input.numel();
        Reduction r = reduction();
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
        b.out = r == Reduction.NONE ? new float[n] : null;
        b.gx = into != null ? into.data() : gradInput ? new float[n] : null;
        b.gy = gradTarget ? new float[n] : null;
        double denominator = r == Reduction.MEAN ? n : r == Reduction.BATCHMEAN ? (shape.length == 0 ? 1 : shape[0]) : 1;
        b.scale = (float) (1.0 / denominator);
        double sum = Parallel.sum(n, (from, to) -> kernel(b, from, to));
        Map<String, Tensor> grads = new LinkedHashMap<>(2);
        if (b.gx != null) {
            grads.put("input", into != null ? into : Tensor.wrap(b.gx, shape));
        }
        if (b.gy != null) {
            grads.put("target", Tensor.wrap(b.gy, shape));
        }
        if (r == Reduction.NONE) {
            return LossResult.elementwise(Tensor.wrap(b.out, shape), grads);
        }
        return LossResult.scalar(sum / denominator, grads);
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
        Reduction r = reduction();
        double denominator = r == Reduction.MEAN || r == Reduction.BATCHMEAN ? n : 1;
        Block b = FAST_PATH.get();
        b.x = input;
        b.y = target;
        b.gx = gradInput;
        b.scale = (float) (1.0 / denominator);
        try {
            double sum = n == 0 ? 0
                    : n <= Parallel.BLOCK ? kernel(b, 0, n) : Parallel.sum(n, (from, to) -> kernel(b, from, to));
            return sum / denominator;
        } finally {
            b.x = null; // the holder is reused: it must not keep the caller's arrays alive
            b.y = null;
            b.gx = null;
        }
    }

    /**
     * Writes {@code b.scale · ∂²ℓ_i/∂x_i²} into {@code hx[i]} for i in {@code [from, to)}, with the weights of
     * {@code b} (periodic as in {@link #kernel}).
     */
    abstract void inputHessian(Block b, float[] hx, int from, int to);

    /** {@link #kernel} on {@code [from, to)}, then {@link #inputHessian} on the same range; returns its sum. */
    private double secondOrderKernel(Block b, float[] hx, int from, int to) {
        double s = kernel(b, from, to);
        inputHessian(b, hx, from, to);
        return s;
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
            SecondOrderResult r = valueGradHess(Tensor.wrap(java.util.Arrays.copyOf(input, n), n),
                    Tensor.wrap(java.util.Arrays.copyOf(target, n), n));
            System.arraycopy(r.gradInput().data(), 0, gradInput, 0, n);
            System.arraycopy(r.hessInput().data(), 0, hessInput, 0, n);
            if (r.isScalar()) {
                return r.item();
            }
            double sum = 0;
            for (float v : r.value().data()) {
                sum += v;
            }
            return sum;
        }
        Reduction r = reduction();
        double denominator = r == Reduction.MEAN || r == Reduction.BATCHMEAN ? n : 1;
        Block b = FAST_PATH.get();
        b.x = input;
        b.y = target;
        b.gx = gradInput;
        b.scale = (float) (1.0 / denominator);
        try {
            double sum = n == 0 ? 0
                    : n <= Parallel.BLOCK ? secondOrderKernel(b, hessInput, 0, n)
                    : Parallel.sum(n, (from, to) -> secondOrderKernel(b, hessInput, from, to));
            return sum / denominator;
        } finally {
            b.x = null;
            b.y = null;
            b.gx = null;
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
        int n = in.numel();
        Reduction r = reduction();
        Block b = new Block();
        b.x = in.data();
        b.y = tg.data();
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
        b.out = r == Reduction.NONE ? new float[n] : null;
        b.gx = new float[n];
        float[] hx = new float[n];
        double denominator = r == Reduction.MEAN ? n
                : r == Reduction.BATCHMEAN ? (shape.length == 0 ? 1 : shape[0]) : 1;
        b.scale = (float) (1.0 / denominator);
        double sum = Parallel.sum(n, (from, to) -> secondOrderKernel(b, hx, from, to));
        Tensor g = Tensor.wrap(b.gx, shape);
        Tensor h = Tensor.wrap(hx, shape);
        if (r == Reduction.NONE) {
            return SecondOrderResult.elementwise(Tensor.wrap(b.out, shape), g, h);
        }
        return SecondOrderResult.scalar(sum / denominator, g, h);
    }

    /**
     * The argument holder of the fast path, one per thread and reused (only {@code x}, {@code y}, {@code gx} and
     * {@code scale} are ever set on it; the weights and the other outputs stay null), so that a training step
     * allocates nothing.
     */
    private static final ThreadLocal<Block> FAST_PATH = ThreadLocal.withInitial(Block::new);
}
