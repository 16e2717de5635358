package org.losses4j.spark.ml;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loss parameters as the CLI writes them, {@code delta=1.5,q=0.9}: {@code true}/{@code false}, integers, numbers,
 * or else the string (which the loss then refuses with its own rule).
 */
final class LossParamsText {
    private LossParamsText() {
    }

    /**
     * Parses {@code name=value,...}; empty or blank gives no parameter.
     *
     * @throws IllegalArgumentException for an entry that is not NAME=VALUE or a name given twice
     */
    static Map<String, Object> parse(String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return m;
        }
        for (String kv : text.split(",", -1)) {
            int i = kv.indexOf('=');
            if (i <= 0 || kv.substring(0, i).isBlank() || kv.substring(i + 1).isBlank()) {
                throw new IllegalArgumentException("lossParams must be NAME=VALUE,... , got '" + kv.strip()
                        + "' in '" + text + "'");
            }
            String name = kv.substring(0, i).strip();
            String v = kv.substring(i + 1).strip();
            if (m.put(name, value(v)) != null) {
                throw new IllegalArgumentException("lossParams gives " + name + " twice in '" + text + "'");
            }
        }
        return m;
    }

    private static Object value(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        if (v.matches("[+-]?\\d{1,18}")) {
            return Long.parseLong(v);
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
