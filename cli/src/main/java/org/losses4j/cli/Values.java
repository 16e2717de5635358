package org.losses4j.cli;

import java.util.List;
import java.util.Map;

import org.losses4j.cli.io.Numbers;
import org.losses4j.loss.ParamSyntax;

/**
 * {@code NAME=VALUE} arguments ({@code --param delta=1.5}, {@code --column input=yhat}) and the parameter values
 * they carry, parsed the same way by every command.
 */
public final class Values {
    private Values() {
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
        return ParamSyntax.pairs(args, option, raw ? v -> v : Values::param);
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
        if (v.contains(",") || v.startsWith("[")) {
            return Tensors.parse("--param", v);
        }
        return ParamSyntax.value(v);
    }
}
