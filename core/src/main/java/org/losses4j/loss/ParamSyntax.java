package org.losses4j.loss;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Loss parameters as a person writes them, read the same way by every front end: {@code NAME=VALUE} pairs, given one
 * per option (the CLI's {@code --param delta=1.5 --param reduction=sum}) or as one string separated by commas
 * (Spark's {@code setLossParams("delta=1.5,reduction=sum")}), and the plain values they carry:
 * {@code true}/{@code false}, an integer ({@link Long}), a number ({@link Double}, {@link #number}), or else the
 * string itself, which the loss then refuses with its own rule, naming the parameter.
 *
 * <p>Numbers are written in decimal notation with an optional exponent ({@code 3}, {@code -0.5}, {@code .25},
 * {@code 1e-3}) or by the non-finite names {@code NaN}, {@code Infinity}, {@code -Infinity} (also numpy's
 * {@code nan}, {@code inf}, {@code -inf}, in any case). Java's own extras are refused: {@code 1d}, {@code 2f} and
 * hexadecimal floats are not numbers here.
 */
public final class ParamSyntax {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    /** At most 18 digits always fit a long. */
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");

    private ParamSyntax() {
    }

    /**
     * The value of a number as written (already stripped), or null when {@code s} is not a number in the sense of
     * this class.
     *
     * @param s the number as written
     * @return its value, or null
     */
    public static Double number(String s) {
        if (DECIMAL.matcher(s).matches()) {
            return Double.parseDouble(s);
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nan":
            case "+nan":
            case "-nan":
                return Double.NaN;
            case "inf":
            case "+inf":
            case "infinity":
            case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return null;
        }
    }

    /**
     * Whether {@code s} names a non-finite value ({@code NaN}, {@code inf}, ...) rather than writing digits.
     *
     * @param s the number as written
     * @return whether {@code s} is one of the non-finite names
     */
    public static boolean isNonFiniteName(String s) {
        return !DECIMAL.matcher(s).matches() && number(s) != null;
    }

    /**
     * A plain parameter value as written (already stripped): {@code true}/{@code false} as a {@link Boolean}, an
     * integer of at most 18 digits as a {@link Long}, another number ({@link #number}) as a {@link Double}, anything
     * else as the string itself.
     *
     * @param v the value as written
     * @return the value
     */
    public static Object value(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        if (INTEGER.matcher(v).matches()) {
            return Long.parseLong(v);
        }
        Double d = number(v);
        return d != null ? (Object) d : v;
    }

    /**
     * {@code NAME=VALUE} split at the first {@code =}, both parts stripped.
     *
     * @param kv     the pair as written
     * @param option what the pair was given with, for the message ({@code --param})
     * @return the name and the value
     * @throws IllegalArgumentException naming {@code option} when there is no name or no value
     *                                  ({@code --param must be NAME=VALUE, got 'delta'})
     */
    public static String[] split(String kv, String option) {
        String[] nv = pair(kv);
        if (nv == null) {
            throw new IllegalArgumentException(option + " must be NAME=VALUE, got '" + kv + "'");
        }
        return nv;
    }

    /**
     * The {@code NAME=VALUE} arguments of a repeatable option, as a map in the order given.
     *
     * @param args    the pairs, one per argument
     * @param option  the option, for the messages ({@code --param})
     * @param convert turns each value as written into the value stored ({@link #value}, or the identity for names
     *                that stay strings)
     * @return the values by name, in the order given
     * @throws IllegalArgumentException for a pair without a name or a value ({@link #split}), or a name given twice
     *                                  ({@code --param delta is given twice (delta=1 and delta=2); give it once}): the
     *                                  last value silently winning would hide a typo
     */
    public static Map<String, Object> pairs(List<String> args, String option, Function<String, Object> convert) {
        return collect(args, convert, kv -> option + " must be NAME=VALUE, got '" + kv + "'",
                (name, before, after) -> option + " " + name + " is given twice (" + name + "=" + before + " and "
                        + name + "=" + after + "); give it once");
    }

    /**
     * The pairs of one string, separated by commas, as a map in the order written: {@code delta=1.5,reduction=sum};
     * blank or null for none. Each value is read by {@link #value}; spaces around names and values are dropped.
     *
     * @param params the pairs
     * @return the values by name, in the order written
     * @throws IllegalArgumentException for a piece that is not {@code NAME=VALUE}, or a name given twice, quoting the
     *                                  whole string
     */
    public static Map<String, Object> list(String params) {
        if (params == null || params.isBlank()) {
            return new LinkedHashMap<>();
        }
        return collect(List.of(params.split(",", -1)), ParamSyntax::value,
                kv -> "loss parameters must be NAME=VALUE pairs separated by commas, got '" + kv.strip() + "' in '"
                        + params + "'",
                (name, before, after) -> "loss parameter " + name + " is given twice in '" + params
                        + "'; give it once");
    }

    /** What the two forms say about a bad pair and about a name given twice. */
    private interface Twice {
        String message(String name, String before, String after);
    }

    private static Map<String, Object> collect(List<String> pairs, Function<String, Object> convert,
            Function<String, String> notAPair, Twice twice) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();
        for (String kv : pairs) {
            String[] nv = pair(kv);
            if (nv == null) {
                throw new IllegalArgumentException(notAPair.apply(kv));
            }
            String before = written.put(nv[0], nv[1]);
            if (before != null) {
                throw new IllegalArgumentException(twice.message(nv[0], before, nv[1]));
            }
            values.put(nv[0], convert.apply(nv[1]));
        }
        return values;
    }

    /** {@code NAME=VALUE} split at the first {@code =} and stripped, or null without a name or a value. */
    private static String[] pair(String kv) {
        int i = kv.indexOf('=');
        if (i <= 0 || kv.substring(0, i).isBlank() || kv.substring(i + 1).isBlank()) {
            return null;
        }
        return new String[] {kv.substring(0, i).strip(), kv.substring(i + 1).strip()};
    }
}
