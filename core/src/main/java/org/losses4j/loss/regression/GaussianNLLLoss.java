package org.losses4j.loss.regression;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.losses4j.kernel.Parallel;
import org.losses4j.loss.AbstractLoss;
import org.losses4j.loss.Check;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.Tensor;

/**
 * Gaussian negative log-likelihood, PyTorch's {@code nn.GaussianNLLLoss(*, full=False, eps=1e-6, reduction='mean')}
 * / {@code F.gaussian_nll_loss(input, target, var)}.
 *
 * <p>The target y is a sample of a normal distribution whose mean the input x and whose variance {@code var}
 * predict. Per element, with v<sub>c</sub> = max(var, eps):
 * <pre>
 *   ℓ = ½·(log v_c + (x − y)² / v_c)        (+ ½·log(2π) when full)
 * </pre>
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>, shape of the input (of the var, (1), for a 0-d input with a var of
 *       shape (1));</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n over the n elements of the input (NaN for an empty input);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target identical (never broadcast; PyTorch broadcasts them silently). {@code var} may be
 * <ul>
 *   <li>the input's shape (heteroscedastic: one variance per element);</li>
 *   <li>the input's shape without its last dimension, {@code (N, D)} → {@code (N)} (one variance per row);</li>
 *   <li>the input's shape with one dimension of size 1, {@code (N, D)} → {@code (N, 1)}, {@code (B, C, H, W)} →
 *       {@code (B, 1, H, W)}: shared along that dimension. PyTorch 1.13 accepts a 1 only in the last dimension
 *       (including a var of shape (1) for a 0-d input, whose loss is then of shape (1), as PyTorch broadcasts it);
 *       newer PyTorch in any one dimension (pytorch/pytorch#147522);</li>
 *   <li>0-d: one variance for every element (homoscedastic). This is newer PyTorch's Python-float {@code var}
 *       (pytorch/pytorch#138931); PyTorch 1.13 accepts a 0-d tensor only for a 0-d or 1-d input.</li>
 * </ul>
 * Any other shape is an error ({@code var is of incorrect size}), as is a negative variance ({@code var has negative
 * entry/entries}); a NaN variance gives NaN.
 * <p>Gradient, with d = x − y: ∂ℓ/∂x = d / v<sub>c</sub>, ∂ℓ/∂y = −d / v<sub>c</sub>,
 * ∂ℓ/∂var = ½·(1/v<sub>c</sub> − d²/v<sub>c</sub>²) <b>even where var &lt; eps</b>: PyTorch clamps a copy of
 * {@code var} in place under {@code no_grad}, so its backward treats the clamp as the identity (a straight-through
 * clamp); we reproduce that. For a shared variance the gradient is summed over the elements that share it; divided
 * by n for {@code mean}.
 * <p>Validation: eps must be &gt; 0 and finite ({@code gaussian_nll_loss: eps must be > 0, got -1}; an infinite
 * floor would clamp every variance to ∞); PyTorch does not check it.
 * <p>Reference: D. A. Nix and A. S. Weigend, "Estimating the mean and variance of the target probability
 * distribution", ICNN 1994; PyTorch {@code torch.nn.GaussianNLLLoss} ({@code torch/nn/functional.py}).
 */
public final class GaussianNLLLoss extends AbstractLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("gaussian_nll_loss", Family.REGRESSION,
                    "Gaussian negative log-likelihood with predicted variance; inputs input, target, var "
                            + "(PyTorch GaussianNLLLoss).")
            .inputs(InputSpec.differentiable("input"), InputSpec.differentiable("target"),
                    InputSpec.differentiable("var"))
            .bool("full", false, "add the constant log(2 pi)/2")
            .number("eps", 1e-6, Rule.POSITIVE_FINITE, "the variance is clamped below at eps")
            .factory(p -> new GaussianNLLLoss(p.getBoolean("full"), p.getDouble("eps"), p.reduction()));

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final boolean full;
    private final double eps;

    /** PyTorch's defaults: {@code full=false, eps=1e-6}, reduction {@code mean}. */
    public GaussianNLLLoss() {
        this(false, 1e-6, Reduction.MEAN);
    }

    /**
     * PyTorch's defaults with the given reduction.
     *
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public GaussianNLLLoss(Reduction reduction) {
        this(false, 1e-6, reduction);
    }

    /**
     * @param full      whether to add the constant ½·log(2π)
     * @param eps       the floor of the variance; &gt; 0
     * @param reduction {@code none}, {@code mean} or {@code sum}
     */
    public GaussianNLLLoss(boolean full, double eps, Reduction reduction) {
        super(DECLARATION, reduction);
        this.full = full;
        param("full", full);
        this.eps = checked("eps", eps);
    }

    /**
     * Whether the constant ½·log(2π) is added.
     *
     * @return whether the constant ½·log(2π) is added
     */
    public boolean full() {
        return full;
    }

    /**
     * The floor of the variance.
     *
     * @return the floor of the variance
     */
    public double eps() {
        return eps;
    }

    /**
     * The loss value.
     *
     * @param input the predicted means x
     * @param target the target, of the input's shape
     * @param var the predicted variance, ≥ 0 (floored at eps): the input's shape, or a shape the class description
     *            allows (one variance per row, or a dimension of size 1)
     * @return the loss value: 0-d after a reduction, per element for {@code none}
     */
    public Tensor forward(Tensor input, Tensor target, Tensor var) {
        return compute(inputs(input, target, var), Set.of()).value();
    }

    /**
     * The loss value with one variance for every element (PyTorch's Python-float {@code var}).
     *
     * @param input the predicted means x
     * @param target the target, of the input's shape
     * @param var the variance of every element, ≥ 0 (floored at eps)
     * @return the loss value: 0-d after a reduction, per element for {@code none}
     */
    public Tensor forward(Tensor input, Tensor target, double var) {
        return forward(input, target, Tensor.scalar((float) var));
    }

    /**
     * The value and the gradients with respect to input, target and var, in one pass.
     *
     * @param input the predicted means x
     * @param target the target, of the input's shape
     * @param var the predicted variance, ≥ 0, in a shape the class description allows
     * @return the value and the gradients with respect to input, target and var (each in its own shape)
     */
    public LossResult valueAndGradient(Tensor input, Tensor target, Tensor var) {
        return compute(inputs(input, target, var), Set.of("input", "target", "var"));
    }

    /**
     * The value and the gradients with respect to input and var (what a training loop needs).
     *
     * @param input the predicted means x
     * @param target the target, of the input's shape
     * @param var the predicted variance, ≥ 0, in a shape the class description allows
     * @return the value and the gradients with respect to input and var (each in its own shape)
     */
    public LossResult valueAndGradInputVar(Tensor input, Tensor target, Tensor var) {
        return compute(inputs(input, target, var), Set.of("input", "var"));
    }

    private static Map<String, Tensor> inputs(Tensor input, Tensor target, Tensor var) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("input", input);
        m.put("target", target);
        m.put("var", var);
        return m;
    }

    @Override
    protected LossResult evaluate(Map<String, Tensor> inputs, Set<String> wrt) {
        Tensor input = inputs.get("input");
        Tensor target = inputs.get("target");
        Tensor var = inputs.get("var");
        Check.sameShape(name(), "input", input, "target", target);
        Layout lay = layout(input, var);
        float[] v = var.data();
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0) {
                throw error("var has negative entry/entries: got " + Check.fmt(v[i]) + " at index " + i
                        + "; variances must be >= 0");
            }
        }
        int n = input.numel();
        float[] x = input.data();
        float[] y = target.data();
        Reduction r = reduction();
        float[] out = r == Reduction.NONE ? new float[n] : null;
        float[] gx = wrt.contains("input") ? new float[n] : null;
        float[] gy = wrt.contains("target") ? new float[n] : null;
        boolean wantVar = wrt.contains("var");
        boolean shared = lay.mid != 1;
        // An element-wise var gradient is written in place; a shared one is accumulated in double, in element
        // order, on one thread (the sum over the elements that share a variance must not depend on the threads).
        float[] gvDirect = wantVar && !shared ? new float[v.length] : null;
        double[] gvShared = wantVar && shared ? new double[v.length] : null;
        double scale = 1 / r.divisor(n);
        Parallel.RangeSum body = (from, to) -> kernel(x, y, v, lay, out, gx, gy, gvDirect, gvShared, scale, from,
                to);
        double sum = gvShared != null ? Parallel.sum(n, 1, body) : Parallel.sum(n, body);
        Map<String, Tensor> grads = new LinkedHashMap<>(4);
        putGradient(grads, "input", gx, input.shape());
        putGradient(grads, "target", gy, target.shape());
        if (gvDirect != null) {
            grads.put("var", Tensor.wrap(gvDirect, var.shape()));
        } else if (gvShared != null) {
            float[] g = new float[v.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) gvShared[i];
            }
            grads.put("var", Tensor.wrap(g, var.shape()));
        }
        return reduced(sum, n, out, lay.out, grads);
    }

    /**
     * How {@code var} is laid over the input: the input is viewed as {@code [outer, mid, inner]} and var as
     * {@code [outer, 1, inner]}, so element i = (o·mid + m)·inner + j uses variance o·inner + j. Same shape:
     * mid = 1; one variance per row: inner = 1; a single variance: outer = inner = 1. {@code out} is the shape of the
     * unreduced loss (the input's, but (1) for a 0-d input with a var of shape (1), as broadcasting gives).
     */
    private record Layout(int mid, int inner, int[] out) {
    }

    /**
     * torch 1.13's {@code F.gaussian_nll_loss} var-shape check, branch by branch in its order, then the two shapes
     * that only newer PyTorch accepts. {@code size()[:-1]} is Python's slice: () for a 0-d size.
     */
    private Layout layout(Tensor input, Tensor var) {
        int[] s = input.shape();
        int[] vs = var.shape();
        int n = input.numel();
        int last = s.length == 0 ? 1 : Math.max(s[s.length - 1], 1);
        // 1. var.size() == input.size(): one variance per element (heteroscedastic).
        if (Arrays.equals(s, vs)) {
            return new Layout(1, Math.max(n, 1), s);
        }
        // 2. input.size()[:-1] == var.size(): var is unsqueezed to (..., 1), one variance per row (for a 1-d input,
        //    a 0-d var: one for all).
        if (Arrays.equals(allButLast(s), vs)) {
            return new Layout(last, 1, s);
        }
        // 3. input.size()[:-1] == var.size()[:-1] and var.size(-1) == 1: shared along the last dimension. A 0-d
        //    input takes a var of shape (1) here, and the loss broadcasts to shape (1).
        if (vs.length >= 1 && vs[vs.length - 1] == 1 && Arrays.equals(allButLast(s), allButLast(vs))) {
            return new Layout(last, 1, s.length == 0 ? vs : s);
        }
        // Newer PyTorch only (see CONFORMANCE.md): a 0-d var for any input (a Python-float var,
        // pytorch/pytorch#138931), and one size-1 dimension other than the last (pytorch/pytorch#147522).
        if (vs.length == 0) {
            return new Layout(Math.max(n, 1), 1, s);
        }
        if (vs.length == s.length) {
            int mismatch = -1;
            for (int d = 0; d < s.length; d++) {
                if (s[d] != vs[d]) {
                    if (mismatch >= 0 || vs[d] != 1) {
                        mismatch = -2;
                        break;
                    }
                    mismatch = d;
                }
            }
            if (mismatch >= 0) {
                int inner = 1;
                for (int d = mismatch + 1; d < s.length; d++) {
                    inner *= s[d];
                }
                return new Layout(Math.max(s[mismatch], 1), Math.max(inner, 1), s);
            }
        }
        throw error("var is of incorrect size: var shape " + var.shapeString() + " for input shape "
                + input.shapeString() + "; expected the input's shape, the input's shape without its last dimension, "
                + "the input's shape with one dimension of size 1 ((1) for a 0-d input), or a 0-d var");
    }

    /** Python's {@code size[:-1]}: all but the last dimension, () for a 0-d size. */
    private static int[] allButLast(int[] shape) {
        return Arrays.copyOf(shape, Math.max(shape.length - 1, 0));
    }

    private double kernel(float[] x, float[] y, float[] v, Layout lay, float[] out, float[] gx, float[] gy,
            float[] gvDirect, double[] gvShared, double scale, int from, int to) {
        final int mid = lay.mid;
        final int inner = lay.inner;
        final double e = eps;
        final double constant = full ? HALF_LOG_2PI : 0;
        int j = from % inner;
        int m = (from / inner) % mid;
        int base = (from / inner / mid) * inner;
        double sum = 0;
        for (int i = from; i < to; i++) {
            int vi = base + j;
            double vraw = v[vi];
            double vc = vraw < e ? e : vraw; // max(var, eps); NaN stays NaN
            double d = (double) x[i] - y[i];
            double q = d / vc;
            double l = 0.5 * (Math.log(vc) + d * q) + constant;
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            double g = q * scale;
            if (gx != null) {
                gx[i] = (float) g;
            }
            if (gy != null) {
                gy[i] = (float) -g;
            }
            if (gvDirect != null) {
                gvDirect[vi] = (float) (0.5 * (1 - q * d) / vc * scale);
            } else if (gvShared != null) {
                gvShared[vi] += 0.5 * (1 - q * d) / vc * scale;
            }
            if (++j == inner) {
                j = 0;
                if (++m == mid) {
                    m = 0;
                    base += inner;
                }
            }
        }
        return sum;
    }
}
