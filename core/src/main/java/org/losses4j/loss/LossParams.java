package org.losses4j.loss;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.losses4j.tensor.Tensor;

/**
 * The parameters of a loss by their PyTorch argument names, as a registry factory reads them: numbers
 * ({@link Number}, or the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}), booleans, strings and
 * tensors. A {@code null} value is Python's {@code None}: accepted where PyTorch's default is {@code None} (tensors
 * such as {@code weight}, {@link #getTensor}; optional numbers, {@link #getDoubleOrNull}; strings without a default),
 * and an error for any other parameter, as PyTorch raises a TypeError for {@code delta=None}
 * ({@code huber_loss: delta must be a number, got null}).
 *
 * <p>Every getter records the name it was asked for, so that after the factory has run,
 * {@link #requireAllUsed()} can reject parameters the loss does not have ({@code huber_loss: unknown parameter
 * 'detla'; parameters: delta}).
 */
public final class LossParams {
    private final String loss;
    private final LossDeclaration declaration;
    private final Map<String, Object> values;
    private final String reduction;
    private final Set<String> asked = new LinkedHashSet<>();

    /**
     * Parameters for a loss without a declaration: the getters without a default argument then throw.
     *
     * @param loss      the loss name, for messages
     * @param values    the parameters by PyTorch name, or null for none (copied shallowly; tensors are shared)
     * @param reduction the requested reduction name, or {@code null} for the loss's default
     */
    public LossParams(String loss, Map<String, ?> values, String reduction) {
        this(loss, null, values, reduction);
    }

    /**
     * Parameters for the loss {@code declaration} declares: the getters without a default take the declared one.
     *
     * @param declaration the loss's declaration: its name for messages, and the defaults of its parameters
     * @param values      the parameters by PyTorch name, or null for none (copied shallowly; tensors are shared)
     * @param reduction   the requested reduction name, or {@code null} for the loss's default
     */
    public LossParams(LossDeclaration declaration, Map<String, ?> values, String reduction) {
        this(declaration.name(), declaration, values, reduction);
    }

    private LossParams(String loss, LossDeclaration declaration, Map<String, ?> values, String reduction) {
        this.loss = loss;
        this.declaration = declaration;
        this.values = values == null ? new LinkedHashMap<>() : new LinkedHashMap<>(values);
        this.reduction = reduction;
    }

    /**
     * The loss name these parameters are for.
     *
     * @return the loss name these parameters are for
     */
    public String loss() {
        return loss;
    }

    private Object raw(String name) {
        asked.add(name);
        return values.get(name);
    }

    /** Throws when the parameter was given as null (None) where it has a value of its own by default. */
    private void refuseNull(String name, String what) {
        if (values.containsKey(name)) {
            throw Check.error(loss, name + " must be " + what + ", got null");
        }
    }

    /**
     * Whether the parameter was given (and is not null).
     *
     * @param name the parameter's PyTorch name; asking for it marks it as used
     * @return true if the parameter was given with a value other than null (None)
     */
    public boolean has(String name) {
        return raw(name) != null;
    }

    /**
     * Whether the parameter was given as a number ({@link Number}, or {@code "NaN"}, {@code "Infinity"},
     * {@code "-Infinity"}), as opposed to a tensor or anything else; false when absent.
     *
     * @param name the parameter's PyTorch name; asking for it marks it as used
     * @return true for a {@link Number} or one of the strings "NaN", "Infinity", "inf", "-Infinity", "-inf"; false when
     *         absent, null or anything else
     */
    public boolean isNumber(String name) {
        Object v = raw(name);
        return v instanceof Number || v instanceof String && isNumberString((String) v);
    }

    private static boolean isNumberString(String s) {
        switch (s) {
            case "NaN":
            case "Infinity":
            case "inf":
            case "-Infinity":
            case "-inf":
                return true;
            default:
                return false;
        }
    }

    /**
     * A number; {@code def} when absent.
     *
     * @param name the parameter's PyTorch name; asking for it marks it as used
     * @param def the default, used when the parameter is absent
     * @return the value as a double (the strings "NaN", "Infinity", "inf", "-Infinity", "-inf" read as such); {@code def} when
     *         absent
     * @throws IllegalArgumentException if it is given as null (None) or is not a number
     */
    public double getDouble(String name, double def) {
        Object v = raw(name);
        if (v == null) {
            refuseNull(name, "a number");
            return def;
        }
        return toDouble(name, v);
    }

    /**
     * A number, or {@code null} when absent.
     *
     * @param name the parameter's PyTorch name; asking for it marks it as used
     * @return the value as a double, or {@code null} when absent or given as null (None)
     * @throws IllegalArgumentException if it is given and is not a number
     */
    public Double getDoubleOrNull(String name) {
        Object v = raw(name);
        return v == null ? null : toDouble(name, v);
    }

    private double toDouble(String name, Object v) {
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof String) {
            switch ((String) v) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                case "inf":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                case "-inf":
                    return Double.NEGATIVE_INFINITY;
                default:
            }
        }
        throw Check.error(loss, name + " must be a number, got " + describe(v));
    }

    /**
     * A whole number; {@code def} when absent.
     *
     * @param name the parameter's PyTorch name; asking for it marks it as used
     * @param def the default, used when the parameter is absent
     * @return the value as a long; {@code def} when absent
     * @throws IllegalArgumentException if it is null, not a number, or not a whole number within ±2<sup>53</sup>
     */
    public long getLong(String name, long def) {
        Object v = raw(name);
        if (v == null) {
            refuseNull(name, "an integer");
            return def;
        }
        double d = toDouble(name, v);
        if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > 9.007199254740992E15) {
            throw Check.error(loss, name + " must be an integer, got " + describe(v));
        }
        return (long) d;
    }

    /**
     * A boolean; {@code def} when absent.
     *
     * @param name the parameter's PyTorch name; asking for it marks it as used
     * @param def the default, used when the parameter is absent
     * @return the value; {@code def} when absent
     * @throws IllegalArgumentException if it is null or not a boolean
     */
    public boolean getBoolean(String name, boolean def) {
        Object v = raw(name);
        if (v == null) {
            refuseNull(name, "true or false");
            return def;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        throw Check.error(loss, name + " must be true or false, got " + describe(v));
    }

    /**
     * A string; {@code def} when absent (and when null, if {@code def} is null too).
     *
     * @param name the parameter's PyTorch name; asking for it marks it as used
     * @param def the default, used when the parameter is absent
     * @return the value; {@code def} when absent, and also when given as null if {@code def} is null
     * @throws IllegalArgumentException if it is null while {@code def} is not, or is not a string
     */
    public String getString(String name, String def) {
        Object v = raw(name);
        if (v == null) {
            if (def != null) {
                refuseNull(name, "a string");
            }
            return def;
        }
        if (v instanceof String) {
            return (String) v;
        }
        throw Check.error(loss, name + " must be a string, got " + describe(v));
    }

    /**
     * A tensor (a number is a 0-d tensor); {@code def} when absent; null is an error (the default is not None).
     *
     * @param name the parameter's PyTorch name; asking for it marks it as used
     * @param def the default, used when the parameter is absent
     * @return the value as a tensor (a number becomes a 0-d tensor); {@code def} when absent
     * @throws IllegalArgumentException if it is given as null or is neither a tensor nor a number
     */
    public Tensor getTensor(String name, Tensor def) {
        Tensor t = getTensor(name);
        if (t == null) {
            refuseNull(name, "a number or a tensor");
            return def;
        }
        return t;
    }

    /**
     * A tensor (a number is a 0-d tensor); {@code null} when absent or null (None).
     *
     * @param name the parameter's PyTorch name; asking for it marks it as used
     * @return the value as a tensor (a number becomes a 0-d tensor); {@code null} when absent or given as null
     * @throws IllegalArgumentException if it is neither a tensor nor a number
     */
    public Tensor getTensor(String name) {
        Object v = raw(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Tensor) {
            return (Tensor) v;
        }
        if (v instanceof Number || v instanceof String) {
            return Tensor.scalar((float) toDouble(name, v));
        }
        throw Check.error(loss, name + " must be a tensor, got " + describe(v));
    }

    /**
     * The requested reduction, or {@code def} when none was requested.
     *
     * @param def the default, used when the parameter is absent
     * @return the requested reduction, or {@code def} when none was requested
     */
    public Reduction reduction(Reduction def) {
        if (reduction == null) {
            return def;
        }
        try {
            return Reduction.parse(reduction);
        } catch (IllegalArgumentException e) {
            throw Check.error(loss, e.getMessage());
        }
    }

    /**
     * The requested reduction, or the declared default when none was requested.
     *
     * @return the requested reduction, or the declared default when none was requested
     */
    public Reduction reduction() {
        return reduction(declared().defaultReduction());
    }

    /**
     * A number; the declared default when absent.
     *
     * @param name the parameter's PyTorch name; asking for it marks it as used
     * @return the value as a double, or the declared default when absent
     * @throws IllegalArgumentException as {@link #getDouble(String, double)}; IllegalStateException without a
     *                                  declaration
     */
    public double getDouble(String name) {
        return getDouble(name, declared(name).defaultDouble());
    }

    /**
     * A whole number; the declared default when absent.
     *
     * @param name the parameter's PyTorch name; asking for it marks it as used
     * @return the value as a long, or the declared default when absent
     * @throws IllegalArgumentException as {@link #getLong(String, long)}; IllegalStateException without a declaration
     */
    public long getLong(String name) {
        return getLong(name, declared(name).defaultLong());
    }

    /**
     * A boolean; the declared default when absent.
     *
     * @param name the parameter's PyTorch name; asking for it marks it as used
     * @return the value, or the declared default when absent
     * @throws IllegalArgumentException as {@link #getBoolean(String, boolean)}; IllegalStateException without a
     *                                  declaration
     */
    public boolean getBoolean(String name) {
        return getBoolean(name, declared(name).defaultBoolean());
    }

    /**
     * A string; the declared default when absent.
     *
     * @param name the parameter's PyTorch name; asking for it marks it as used
     * @return the value, or the declared default when absent
     * @throws IllegalArgumentException as {@link #getString(String, String)}; IllegalStateException without a
     *                                  declaration
     */
    public String getString(String name) {
        return getString(name, declared(name).defaultString());
    }

    /**
     * One of {@code choices} by its label ({@link Check#choice}); the declared default when absent.
     *
     * @param <E> the type of the values
     * @param name the parameter's PyTorch name; asking for it marks it as used
     * @param choices every value allowed
     * @return the choice whose label equals the value (or the declared default)
     * @throws IllegalArgumentException if no choice has that label, listing them
     */
    public <E extends Labelled> E getChoice(String name, E[] choices) {
        return Check.choice(loss, name, getString(name), choices);
    }

    private LossDeclaration declared() {
        if (declaration == null) {
            throw new IllegalStateException(loss + ": parameters without a declaration have no declared defaults");
        }
        return declaration;
    }

    private ParameterSpec declared(String name) {
        return declared().parameter(name);
    }

    /**
     * The requested reduction name, or {@code null}.
     *
     * @return the requested reduction name, or {@code null}
     */
    public String reductionName() {
        return reduction;
    }

    /** Rejects parameters that no getter asked for. */
    public void requireAllUsed() {
        for (String k : values.keySet()) {
            if (!asked.contains(k)) { // also when null: PyTorch rejects an unknown keyword whatever its value
                throw Check.error(loss, "unknown parameter '" + k + "'; parameters: "
                        + (asked.isEmpty() ? "none" : String.join(", ", new TreeSet<>(asked))));
            }
        }
    }

    private static String describe(Object v) {
        if (v instanceof String) {
            return Check.quote((String) v);
        }
        if (v instanceof Tensor) {
            return "a tensor of shape " + ((Tensor) v).shapeString();
        }
        if (v instanceof Number) {
            return Check.fmt(((Number) v).doubleValue());
        }
        return String.valueOf(v);
    }
}
