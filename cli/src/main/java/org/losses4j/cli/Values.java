package org.losses4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.losses4j.cli.io.Numbers;

/**
 * {@code NAME=VALUE} arguments ({@code --param delta=1.5}, {@code --column input=yhat}) and the parameter values
 * they carry, parsed the same way by every command.
 */
public final class Values {
    private Values() {
    }

    /**
     * {@code NAME=VALUE} split at the first {@code =}, both parts stripped.
     *
     * @param kv the argument, {@code NAME=VALUE}
     * @param option the option the value was given with, for the message
     * @return {@code NAME=VALUE} split at the first {@code =}, both parts stripped
     * @throws IllegalArgumentException naming {@code option} when there is no name or no value
     */
    public static String[] split(String kv, String option) {
        int i = kv.indexOf('=');
        if (i <= 0 || i == kv.length() - 1 || kv.substring(0, i).isBlank() || kv.substring(i + 1).isBlank()) {
            throw new IllegalArgumentException(option + " must be NAME=VALUE, got '" + kv + "'");
        }
        return new String[] {kv.substring(0, i).strip(), kv.substring(i + 1).strip()};
    }

    /**
     * The {@code NAME=VALUE} arguments of a repeatable option as a map in the order given, each value converted by
     * {@link #param} unless {@code raw}.
     *
     * @param args the command-line arguments
     * @param option the option the value was given with, for the message
     * @param raw the names whose values stay strings
     * @return the {@code NAME=VALUE} arguments of a repeatable option as a map in the order given, each value converted by {@link #param} unless {@code raw}
     * @throws IllegalArgumentException when a name is given twice: the last value silently winning hides a typo
     */
    public static Map<String, Object> pairs(List<String> args, String option, boolean raw) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();
        for (String kv : args) {
            String[] nv = split(kv, option);
            String before = written.put(nv[0], nv[1]);
            if (before != null) {
                throw new IllegalArgumentException(option + " " + nv[0] + " is given twice (" + nv[0] + "=" + before
                        + " and " + nv[0] + "=" + nv[1] + "); give it once");
            }
            m.put(nv[0], raw ? nv[1] : param(nv[1]));
        }
        return m;
    }

    /**
     * A parameter value as written: {@code true}/{@code false}, an integer ({@link Long}), a number
     * ({@link Double}, see {@link Numbers}), a comma-separated list of numbers (a tensor), or else the string itself
     * (which the loss then refuses with its own rule, naming the parameter).
     *
     * @param v the value as written
     * @return a parameter value as written: {@code true}/{@code false}, an integer ({@link Long}), a number ({@link Double}, see {@link Numbers}), a comma-separated list of numbers (a tensor), or else the string itself (which the loss then refuses with its own rule, naming the parameter)
     */
    public static Object param(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        if (v.contains(",") || v.startsWith("[")) {
            return Tensors.parse("--param", v);
        }
        if (v.matches("[+-]?\\d{1,18}")) {
            return Long.parseLong(v);
        }
        Double d = Numbers.parse(v);
        return d != null ? (Object) d : v;
    }
}
