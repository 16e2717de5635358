package org.losses4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.losses4j.kernel.Parallel;
import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.Loss;
import org.losses4j.loss.LossInfo;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.ParamSyntax;
import org.losses4j.loss.regression.QuantileLoss;
import org.losses4j.tensor.Tensor;

/**
 * A loss as Spark ships it: the registry name, the parameters as plain values (numbers, booleans, strings) and the
 * reduction. Losses are not {@link Serializable}; a spec is. It is validated where it is made, on the driver, by
 * building the loss from core's registry (so a bad name or parameter fails with core's one-line message before any
 * job runs), and rebuilt from the registry on each executor, once per deserialized copy.
 *
 * <pre>{@code
 * LossSpec huber = LossSpec.of("huber_loss", Map.of("delta", 1.5));
 * LossSpec same = LossSpec.parse("huber_loss", "delta=1.5");
 * }</pre>
 *
 * <p>Executors evaluate the kernels in chunks of at most {@link #CHUNK} elements: a chunk that small runs on the
 * calling thread (the kernels split work over threads only from two {@link Parallel#BLOCK blocks} up), so a task
 * uses its own core only, as with {@code losses4j.threads=1}; Spark already runs one task per core.
 */
public final class LossSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The most elements an executor hands to a kernel at once: one parallel block. */
    public static final int CHUNK = Parallel.BLOCK;

    private final String name;
    /** Plain values only: Boolean, Long, Double, String (null for Python's None). */
    private final LinkedHashMap<String, Object> params;
    /** The requested reduction, or null for the loss's default. */
    private final String reduction;

    private transient Loss loss;
    private transient InputTargetLoss sumLoss;
    private transient InputTargetLoss noneLoss;

    private LossSpec(String name, LinkedHashMap<String, Object> params, String reduction) {
        this.name = name;
        this.params = params;
        this.reduction = reduction;
        this.loss = LossRegistry.standard().create(name, params, reduction);
    }

    /**
     * A validated spec. A {@code reduction} entry of {@code params} is the reduction (as in the CLI's
     * {@code delta=1.5,reduction=sum}); every other entry is a parameter of the loss.
     *
     * @throws IllegalArgumentException for an unknown loss, a parameter the loss does not have or refuses (core's
     *                                  message), or a value that is not a number, a boolean or a string
     */
    public static LossSpec of(String loss, Map<String, ?> params) {
        if (loss == null) {
            throw new IllegalArgumentException("loss must be a registry name (see 'losses4j list'), got null");
        }
        LinkedHashMap<String, Object> p = new LinkedHashMap<>();
        String reduction = null;
        if (params != null) {
            for (Map.Entry<String, ?> e : params.entrySet()) {
                if ("reduction".equals(e.getKey())) {
                    Object r = e.getValue();
                    if (!(r instanceof String)) {
                        throw new IllegalArgumentException(loss + ": reduction must be one of none, mean, sum, got "
                                + r);
                    }
                    reduction = (String) r;
                } else {
                    p.put(e.getKey(), plain(loss, e.getKey(), e.getValue()));
                }
            }
        }
        return new LossSpec(loss, p, reduction);
    }

    /** A validated spec with the loss's default parameters and reduction. */
    public static LossSpec of(String loss) {
        return of(loss, Map.of());
    }

    /**
     * A validated spec from the CLI's parameter syntax: {@code NAME=VALUE} pairs separated by commas, as
     * {@code delta=1.5,reduction=sum} (blank or null for none). Values read as in the CLI: {@code true}/{@code false},
     * an integer, a number ({@code 1e-3}, {@code NaN}, {@code inf}), else the string itself.
     *
     * @throws IllegalArgumentException for a pair that is not {@code NAME=VALUE}, a name given twice, or anything
     *                                  {@link #of(String, Map)} refuses
     */
    public static LossSpec parse(String loss, String params) {
        return of(loss, parseParams(params));
    }

    /**
     * The CLI's {@code delta=1.5,reduction=sum} as a map in the order written (see {@link #parse}), read by core's
     * {@link ParamSyntax#list}.
     */
    public static Map<String, Object> parseParams(String params) {
        return ParamSyntax.list(params);
    }

    /** A parameter value as a spec stores it: integral numbers as Long, other numbers as Double. */
    private static Object plain(String loss, String key, Object v) {
        if (v == null || v instanceof Boolean || v instanceof String || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        throw new IllegalArgumentException(loss + ": " + key + " must be a number, a boolean or a string on Spark, got "
                + v.getClass().getSimpleName());
    }

    /** The registry name. */
    public String name() {
        return name;
    }

    /** The parameters (without the reduction), in the order given. */
    public Map<String, Object> params() {
        return Collections.unmodifiableMap(params);
    }

    /** The requested reduction, or null for the loss's default. */
    public String reduction() {
        return reduction;
    }

    /** The same loss and parameters with another reduction (validated). */
    public LossSpec withReduction(String r) {
        return new LossSpec(name, params, r);
    }

    /** The loss, built from the registry once per copy of the spec (on an executor, on first use). */
    public Loss loss() {
        Loss l = loss;
        if (l == null) {
            l = LossRegistry.standard().create(name, params, reduction);
            loss = l;
        }
        return l;
    }

    /**
     * Whether the loss is a sum of per-element terms ℓ(x<sub>i</sub>, y<sub>i</sub>) of one prediction and one label
     * (so a mean or sum over rows, and over partitions, is the loss of the whole column): the element-wise regression
     * losses, {@code quantile_loss} with one quantile, and both binary cross-entropies.
     */
    public boolean isElementwise() {
        return isElementwise(loss());
    }

    private static boolean isElementwise(Loss l) {
        return l instanceof ElementwiseLoss || l instanceof QuantileLoss && !((QuantileLoss) l).isMultiQuantile()
                || "binary_cross_entropy".equals(l.name()) || "binary_cross_entropy_with_logits".equals(l.name());
    }

    /**
     * This spec, if its loss is element-wise ({@link #isElementwise()}).
     *
     * @param what the caller, for the message ({@code SparkLosses.mean})
     * @throws IllegalArgumentException naming the loss and the element-wise ones
     */
    public LossSpec requireElementwise(String what) {
        if (!isElementwise()) {
            throw new IllegalArgumentException(what + ": loss '" + name + "' is not element-wise (one prediction and "
                    + "one label per row); element-wise losses: " + String.join(", ", elementwiseNames()));
        }
        return this;
    }

    /** The registry names of the element-wise losses (with their default parameters), in the registry's order. */
    public static List<String> elementwiseNames() {
        return ElementwiseNames.NAMES;
    }

    private static final class ElementwiseNames {
        static final List<String> NAMES = build();

        private static List<String> build() {
            List<String> names = new ArrayList<>();
            for (LossInfo info : LossRegistry.standard().list()) {
                if (isElementwise(LossRegistry.standard().create(info.name()))) {
                    names.add(info.name());
                }
            }
            return Collections.unmodifiableList(names);
        }
    }

    /**
     * The loss with reduction {@code sum}, for executors that add up chunks themselves (an element-wise loss only).
     * Call its {@code valueAndGradInput(float[], float[], float[], int)} with at most {@link #CHUNK} elements.
     */
    public InputTargetLoss sumLoss() {
        InputTargetLoss l = sumLoss;
        if (l == null) {
            requireElementwise("sumLoss");
            l = (InputTargetLoss) LossRegistry.standard().create(name, params, "sum");
            sumLoss = l;
        }
        return l;
    }

    /**
     * Σ ℓ(x<sub>i</sub>, y<sub>i</sub>) over elements {@code [0, n)}, {@code n} at most {@link #CHUNK}, in double;
     * {@code scratch} (at least n long) is overwritten. The sum of such chunk sums does not depend on where the chunks
     * start, up to the rounding of double additions: each term is added to a double as the loss computes it (the
     * float32 value of an element-wise kernel, the double term of the binary cross-entropies and
     * {@code quantile_loss}).
     */
    public double chunkSum(float[] x, float[] y, float[] scratch, int n) {
        if (n > CHUNK) {
            throw new IllegalArgumentException("chunkSum: at most " + CHUNK + " elements at once, got " + n);
        }
        InputTargetLoss l = sumLoss();
        if (l instanceof ElementwiseLoss) {
            ((ElementwiseLoss) l).elementValues(x, y, scratch, n);
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += scratch[i];
            }
            return s;
        }
        // These add the double term of each element in element order already.
        return l.valueAndGradInput(x, y, scratch, n);
    }

    /**
     * The values ℓ(x<sub>i</sub>, y<sub>i</sub>) of elements {@code [0, n)}, {@code n} at most {@link #CHUNK}, into
     * {@code out} (for weighted sums): the float32 values of reduction {@code none}.
     */
    public void chunkValues(float[] x, float[] y, float[] out, int n) {
        if (n > CHUNK) {
            throw new IllegalArgumentException("chunkValues: at most " + CHUNK + " elements at once, got " + n);
        }
        InputTargetLoss l = sumLoss();
        if (l instanceof ElementwiseLoss) {
            ((ElementwiseLoss) l).elementValues(x, y, out, n);
            return;
        }
        InputTargetLoss none = noneLoss;
        if (none == null) {
            none = (InputTargetLoss) LossRegistry.standard().create(name, params, "none");
            noneLoss = none;
        }
        float[] v = none.forward(Tensor.wrap(Arrays.copyOf(x, n), n), Tensor.wrap(Arrays.copyOf(y, n), n)).data();
        System.arraycopy(v, 0, out, 0, n);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LossSpec)) {
            return false;
        }
        LossSpec s = (LossSpec) o;
        return name.equals(s.name) && params.equals(s.params) && Objects.equals(reduction, s.reduction);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, params, reduction);
    }

    /** The CLI's form: {@code huber_loss(delta=1.5,reduction=sum)}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name).append('(');
        String sep = "";
        for (Map.Entry<String, Object> e : params.entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ",";
        }
        if (reduction != null) {
            b.append(sep).append("reduction=").append(reduction);
        }
        return b.append(')').toString();
    }
}
