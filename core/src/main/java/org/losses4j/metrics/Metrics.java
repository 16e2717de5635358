package org.losses4j.metrics;

import java.util.List;
import java.util.Locale;

/**
 * Metrics by name, with Keras's names and aliases: {@code mae} / {@code mean_absolute_error}, {@code mse} /
 * {@code mean_squared_error}, {@code rmse} / {@code root_mean_squared_error}. The metric keeps the name it was asked
 * by, so a history has the keys a Keras user expects ({@code mae} and {@code val_mae}).
 */
public final class Metrics {
    private Metrics() {
    }

    /**
     * The accepted names.
     *
     * @return the accepted names
     */
    public static List<String> names() {
        return List.of("mae", "mean_absolute_error", "mse", "mean_squared_error", "rmse", "root_mean_squared_error");
    }

    /**
     * A new metric.
     *
     * @param name one of {@link #names()}, in any case, surrounding spaces ignored; the metric keeps this spelling
     *             (lower-cased) as its name
     * @return a new metric
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Metric create(String name) {
        String k = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (k) {
            case "mae":
            case "mean_absolute_error":
                return new MeanAbsoluteError(k);
            case "mse":
            case "mean_squared_error":
                return new MeanSquaredError(k);
            case "rmse":
            case "root_mean_squared_error":
                return new RootMeanSquaredError(k);
            default:
                throw new IllegalArgumentException("unknown metric '" + name + "'; metrics: "
                        + String.join(", ", names()));
        }
    }
}
