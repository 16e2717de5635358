package org.losses4j.loss;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.losses4j.tensor.DType;
import org.losses4j.tensor.Tensor;

/**
 * Base class of the losses: holds the name, reduction and configuration, and validates the named inputs of
 * {@link #compute(Map, Set)} (missing, unknown, wrong kind, not differentiable) before a subclass sees them. The
 * inputs are those the loss's {@link LossDeclaration} states.
 *
 * <p>Subclasses check and record their parameters in one call in their constructor ({@link #checked},
 * {@link #checkedFloat32}, {@link #checkedInt}; {@link #param(String, Object)} for what is not a checked number), so
 * that {@link #toString()} reads {@code HuberLoss(delta=1.5, reduction=mean)} and reports show the configuration.
 */
public abstract class AbstractLoss implements Loss {
    private final String name;
    private final Reduction reduction;
    private final Map<String, Object> config = new LinkedHashMap<>();

    /**
     * @param declaration the loss's declaration: its name and the reductions it offers
     * @param reduction   the reduction (validated against the declared ones)
     */
    protected AbstractLoss(LossDeclaration declaration, Reduction reduction) {
        this(declaration.name(), reduction, declaration.reductions(), declaration.inputs());
        this.declaration = declaration;
    }

    /**
     * A loss without a declaration (one the registry does not hold).
     *
     * @param name      the name, for messages
     * @param reduction the reduction (validated against {@code allowed})
     * @param allowed   the reductions this loss supports
     * @param inputs    the inputs, in PyTorch's argument order
     */
    protected AbstractLoss(String name, Reduction reduction, Collection<Reduction> allowed, List<InputSpec> inputs) {
        this.name = Objects.requireNonNull(name, "name");
        this.reduction = Check.reduction(name, reduction, allowed);
        this.reductions = Collections.unmodifiableSet(EnumSet.copyOf(allowed));
        this.inputs = List.copyOf(inputs);
    }

    private final Set<Reduction> reductions;
    private final List<InputSpec> inputs;
    private LossDeclaration declaration;

    @Override
    public final Set<Reduction> reductions() {
        return reductions;
    }

    /**
     * The inputs the loss's declaration states (for a loss without a declaration, those its constructor gave). They
     * are the same for every instance of a loss: a loss whose parameters make an input unnecessary declares it
     * optional.
     */
    @Override
    public List<InputSpec> inputs() {
        return inputs;
    }

    /**
     * Checks {@code value} by the rule the loss's declaration gives parameter {@code param}, and records it as
     * {@link #param} does; call it from the constructor.
     *
     * @param param the parameter's PyTorch name, as declared
     * @param value the value given
     * @return {@code value}, unchanged
     * @throws IllegalArgumentException if the value breaks the declared rule, or the declaration has no such parameter
     */
    protected final double checked(String param, double value) {
        double v = declaration.parameter(param).check(value);
        param(param, value);
        return v;
    }

    /**
     * {@link #checked}, returning the float32 the kernels compute with.
     *
     * @param param the parameter's PyTorch name, as declared
     * @param value the value given
     * @return the value rounded to float32
     * @throws IllegalArgumentException if the value breaks the declared rule (a float32 rule also judges the rounding)
     */
    protected final float checkedFloat32(String param, double value) {
        return (float) checked(param, value);
    }

    /**
     * {@link #checked} for a whole-number parameter, recorded as the {@code int} it is.
     *
     * @param param the param
     * @param value the value
     * @return the value
     */
    protected final int checkedInt(String param, int value) {
        declaration.parameter(param).check(value);
        param(param, value);
        return value;
    }

    /**
     * Records a parameter for {@link #config()} and {@link #toString()}; call it from the constructor.
     *
     * @param key the parameter's PyTorch name
     * @param value its value as {@link #config()} reports it (a number, boolean, label or tensor)
     */
    protected final void param(String key, Object value) {
        config.put(key, value);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Reduction reduction() {
        return reduction;
    }

    @Override
    public final Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>(config);
        m.put("reduction", reduction.label());
        return Collections.unmodifiableMap(m);
    }

    /**
     * An error whose message starts with this loss's name.
     *
     * @param message the rest of the message: the argument, the value and the rule
     * @return a new IllegalArgumentException with the message {@code "<loss>: <message>"}, for the caller to throw
     */
    protected final IllegalArgumentException error(String message) {
        return Check.error(name, message);
    }

    /**
     * The reduction step of a loss whose per-element values are added up in double: for {@code none} the values
     * {@code out} in shape {@code shape}, otherwise {@code sum / reduction().divisor(count)} (the mean's NaN for no
     * element included). The gradients in {@code grads} already carry the reduction's scale.
     *
     * @param sum   Σℓ over the elements, accumulated in double
     * @param count the number of per-element values, the mean's denominator
     * @param out   the per-element values; read only for {@code none} (null otherwise)
     * @param shape the shape of the per-element values
     * @param grads the gradients by input name
     * @return the reduced result
     */
    protected final LossResult reduced(double sum, double count, float[] out, int[] shape,
            Map<String, Tensor> grads) {
        if (reduction == Reduction.NONE) {
            return LossResult.elementwise(Tensor.wrap(out, shape), grads);
        }
        return LossResult.scalar(sum / reduction.divisor(count), grads);
    }

    /**
     * Puts gradient {@code g}, in shape {@code shape}, into {@code grads} under {@code name}, unless {@code g} is
     * null (that gradient was not asked for).
     *
     * @param grads the gradients by input name, in the order they are put
     * @param name  the input's name
     * @param g     the gradient's values, or null
     * @param shape the input's shape
     */
    protected static void putGradient(Map<String, Tensor> grads, String name, float[] g, int[] shape) {
        if (g != null) {
            grads.put(name, Tensor.wrap(g, shape));
        }
    }

    @Override
    public final LossResult compute(Map<String, Tensor> inputs, Set<String> wrt) {
        if (inputs == null) {
            throw error("inputs must be a map of tensors by name, got null");
        }
        if (wrt == null) {
            throw error("wrt must be a set of names to differentiate (empty for none), got null");
        }
        List<InputSpec> specs = inputs();
        for (String key : inputs.keySet()) {
            if (specs.stream().noneMatch(s -> s.name().equals(key))) {
                throw error("unknown input '" + key + "'; expected " + describe(specs));
            }
        }
        Map<String, Tensor> prepared = new LinkedHashMap<>();
        for (InputSpec s : specs) {
            Tensor t = inputs.get(s.name());
            if (t == null) {
                if (!s.optional()) {
                    throw error("missing input '" + s.name() + "'; expected " + describe(specs));
                }
                continue;
            }
            prepared.put(s.name(), prepare(s, t));
        }
        for (String w : wrt) {
            InputSpec s = specs.stream().filter(x -> x.name().equals(w)).findFirst().orElse(null);
            boolean ok = s != null ? s.differentiable() && prepared.containsKey(w)
                    : w != null && learnableParameters().contains(w);
            if (!ok) {
                throw error("cannot differentiate with respect to '" + w + "'"
                        + (s != null && !prepared.containsKey(w) ? " (the input was not given)" : "")
                        + "; differentiable: " + differentiable(specs));
            }
        }
        return evaluate(prepared, wrt);
    }

    /**
     * Computes the loss on validated inputs. {@code inputs} holds every required input (converted to its kind) and
     * the optional ones that were given; {@code wrt} names only differentiable inputs that are present and learnable
     * parameters.
     *
     * @param inputs the input tensors by name
     * @param wrt the names of the inputs to differentiate
     * @return the loss on validated inputs
     */
    protected abstract LossResult evaluate(Map<String, Tensor> inputs, Set<String> wrt);

    /**
     * Converts an input to the kind its spec declares (float32 values, or int64 indices).
     *
     * @param spec the input's declaration
     * @param t the tensor given for that input (not null)
     * @return {@code t} as float32 for a {@code FLOAT} input (a copy when it was int64), as int64 for an {@code INDEX}
     *         input, else {@code t} itself
     * @throws IllegalArgumentException if an index input holds a value that is not a whole number
     * @throws NullPointerException if {@code t} is null, naming the input
     */
    protected final Tensor prepare(InputSpec spec, Tensor t) {
        Objects.requireNonNull(t, spec.name());
        switch (spec.kind()) {
            case FLOAT:
                return t.toFloat();
            case INDEX:
                return toIndices(spec.name(), t);
            default:
                return t;
        }
    }

    /**
     * An int64 tensor of {@code t}'s values; a float32 tensor must hold whole numbers.
     *
     * @param arg the argument's name, for the message
     * @param t the tensor given, int64 or float32
     * @return {@code t} itself if it is int64, else a new int64 tensor of its values
     * @throws IllegalArgumentException if a float32 element is not a whole number (NaN and ±∞ included), naming it
     */
    protected final Tensor toIndices(String arg, Tensor t) {
        if (t.dtype() == DType.INT64) {
            return t;
        }
        float[] f = t.data();
        long[] l = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            if (f[i] != Math.rint(f[i]) || Float.isInfinite(f[i])) {
                throw error(arg + " must hold integer class indices, got " + Check.fmt(f[i]) + " at index " + i);
            }
            l[i] = (long) f[i];
        }
        return Tensor.wrapIndices(l, t.shape());
    }

    private static String describe(List<InputSpec> specs) {
        return "inputs: " + specs.stream().map(s -> s.optional() ? s.name() + " (optional)" : s.name())
                .collect(Collectors.joining(", "));
    }

    private String differentiable(List<InputSpec> specs) {
        String d = specs.stream().filter(InputSpec::differentiable).map(InputSpec::name)
                .collect(Collectors.joining(", "));
        List<String> p = learnableParameters();
        if (!p.isEmpty()) {
            d = d.isEmpty() ? String.join(", ", p) : d + ", " + String.join(", ", p);
        }
        return d.isEmpty() ? "none" : d;
    }

    /** {@code HuberLoss(delta=1.5, reduction=mean)}. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + config().entrySet().stream()
                .map(e -> e.getKey() + "=" + render(e.getValue())).collect(Collectors.joining(", ")) + ")";
    }

    private static String render(Object v) {
        if (v instanceof Double || v instanceof Float) {
            return Double.toString(((Number) v).doubleValue());
        }
        if (v instanceof Tensor) {
            Tensor t = (Tensor) v;
            return t.numel() <= 8 ? t.toString() : "tensor(shape=" + t.shapeString() + ")";
        }
        return String.valueOf(v);
    }
}
