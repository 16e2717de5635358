package org.losses4j.nn.optim;

import java.util.List;
import java.util.Locale;

/** Optimisers by Keras's name, and their shared validation. */
public final class Optimizers {
    private Optimizers() {
    }

    /**
     * The known names.
     *
     * @return the known names
     */
    public static List<String> names() {
        return List.of("adam", "sgd");
    }

    /**
     * An optimiser by name with Keras's defaults except those given.
     *
     * @param name         {@code adam} or {@code sgd}
     * @param learningRate the learning rate, or null for the optimiser's default (adam 1e-3, sgd 0.01)
     * @param momentum     sgd's momentum (null: 0); must be null for adam
     * @param nesterov     sgd's Nesterov flag
     * @return an optimiser by name with Keras's defaults except those given
     * @throws IllegalArgumentException for an unknown name or an invalid setting
     */
    public static Optimizer create(String name, Double learningRate, Double momentum, boolean nesterov) {
        String k = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (k) {
            case "adam":
                if (momentum != null || nesterov) {
                    throw new IllegalArgumentException("adam: momentum and nesterov are options of sgd");
                }
                return learningRate == null ? new Adam() : new Adam(learningRate);
            case "sgd":
                return new SGD(learningRate == null ? 0.01 : learningRate, momentum == null ? 0 : momentum,
                        nesterov);
            default:
                throw new IllegalArgumentException("unknown optimizer '" + name + "'; optimizers: "
                        + String.join(", ", names()));
        }
    }

    static double positive(String opt, String arg, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(opt + ": " + arg + " must be > 0, got " + org.losses4j.loss.Check.fmt(v));
        }
        return v;
    }

    static double unitInterval(String opt, String arg, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(opt + ": " + arg + " must be in [0, 1), got " + org.losses4j.loss.Check.fmt(v));
        }
        return v;
    }
}
