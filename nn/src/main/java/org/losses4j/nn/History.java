package org.losses4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Sequential#fit} returns, Keras's {@code History.history}: per epoch, the training loss ({@code loss}),
 * each metric ({@code mae}, ...), and with validation data {@code val_loss} and {@code val_mae}, ..., in that order.
 *
 * <ul>
 *   <li>{@code loss}: the mean over the epoch of the batch losses weighted by batch size, each computed on the
 *       batch with the weights before that batch's update (Keras 3's {@code Mean} loss tracker, updated with
 *       {@code sample_weight = batch size});</li>
 *   <li>a metric: over every training sample of the epoch, also with each batch's pre-update weights;</li>
 *   <li>{@code val_*}: evaluated on the validation samples at the end of the epoch, after its last update.</li>
 * </ul>
 */
public final class History {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private int epochs;

    History(List<String> keys) {
        for (String k : keys) {
            values.put(k, new ArrayList<>());
        }
    }

    /** Appends one epoch's logs (every key must be present). */
    void append(Map<String, Double> logs) {
        for (Map.Entry<String, List<Double>> e : values.entrySet()) {
            Double v = logs.get(e.getKey());
            if (v == null) {
                throw new IllegalStateException("epoch logs lack '" + e.getKey() + "'");
            }
            e.getValue().add(v);
        }
        epochs++;
    }

    /**
     * Adds a per-epoch series computed outside the epoch logs (a callback's record, such as the δ of
     * {@link AdaptiveDelta}), after the other keys; one value per completed epoch.
     *
     * @param key {@code loss}, a metric name, or their {@code val_} forms
     * @param perEpoch one value per completed epoch, in epoch order (copied)
     * @throws IllegalArgumentException if the key exists or the length is not {@link #epochs()}
     */
    public void addSeries(String key, double[] perEpoch) {
        if (values.containsKey(key)) {
            throw new IllegalArgumentException("the history already has '" + key + "'");
        }
        if (perEpoch.length != epochs) {
            throw new IllegalArgumentException("'" + key + "' has " + perEpoch.length + " values for " + epochs
                    + " epochs");
        }
        List<Double> l = new ArrayList<>();
        for (double v : perEpoch) {
            l.add(v);
        }
        values.put(key, l);
    }

    /**
     * Number of completed epochs.
     *
     * @return number of completed epochs
     */
    public int epochs() {
        return epochs;
    }

    /**
     * The keys, in Keras's order: loss, metrics, val_loss, val_metrics.
     *
     * @return the keys, in Keras's order: loss, metrics, val_loss, val_metrics
     */
    public List<String> keys() {
        return List.copyOf(values.keySet());
    }

    /**
     * Whether the history has that key.
     *
     * @param key {@code loss}, a metric name, or their {@code val_} forms
     * @return whether the history has that key
     */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /**
     * The per-epoch values of {@code key}.
     *
     * @param key {@code loss}, a metric name, or their {@code val_} forms
     * @return the per-epoch values of {@code key}
     * @throws IllegalArgumentException for an unknown key, listing the known ones
     */
    public double[] get(String key) {
        List<Double> l = values.get(key);
        if (l == null) {
            throw new IllegalArgumentException("no '" + key + "' in the history; keys: " + String.join(", ",
                    values.keySet()));
        }
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = l.get(i);
        }
        return out;
    }

    /**
     * The value of {@code key} at the last epoch (NaN when no epoch completed).
     *
     * @param key {@code loss}, a metric name, or their {@code val_} forms
     * @return the value of {@code key} at the last epoch (NaN when no epoch completed)
     */
    public double last(String key) {
        double[] v = get(key);
        return v.length == 0 ? Double.NaN : v[v.length - 1];
    }

    /**
     * Every series, by key, in order.
     *
     * @return every series, by key, in order
     */
    public Map<String, double[]> asMap() {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (String k : values.keySet()) {
            m.put(k, get(k));
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof History)) {
            return false;
        }
        History h = (History) o;
        if (!values.keySet().equals(h.values.keySet())) {
            return false;
        }
        for (String k : values.keySet()) {
            if (!Arrays.equals(get(k), h.get(k))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return values.keySet().hashCode() * 31 + epochs;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("History(epochs=").append(epochs);
        for (String k : values.keySet()) {
            b.append(", ").append(k).append("=").append(last(k));
        }
        return b.append(")").toString();
    }
}
