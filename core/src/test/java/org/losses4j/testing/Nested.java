package org.losses4j.testing;

import java.util.ArrayList;
import java.util.List;

/** Compares nested lists of numbers (as JSON gives them) within {@link Tolerances#REFERENCE}. */
public final class Nested {
    private Nested() {
    }

    /**
     * The mismatches between {@code expected} and {@code actual} (empty when they agree), each as
     * {@code path: expected X, got Y}. Non-finite numbers are the strings "NaN", "Infinity", "-Infinity".
     */
    public static List<String> mismatches(Object expected, Object actual) {
        List<String> out = new ArrayList<>();
        compare(expected, actual, "", out);
        return out;
    }

    private static void compare(Object e, Object a, String path, List<String> out) {
        if (out.size() >= 10) {
            return;
        }
        if (e instanceof List) {
            if (!(a instanceof List) || ((List<?>) a).size() != ((List<?>) e).size()) {
                out.add(path + ": expected a list of " + ((List<?>) e).size() + ", got " + brief(a));
                return;
            }
            List<?> le = (List<?>) e;
            List<?> la = (List<?>) a;
            for (int i = 0; i < le.size(); i++) {
                compare(le.get(i), la.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        Double de = number(e);
        Double da = number(a);
        if (de == null || da == null) {
            out.add(path + ": expected " + e + ", got " + brief(a));
            return;
        }
        if (!Tolerances.agrees(de, da)) {
            out.add(path + ": expected " + de + ", got " + da + " (difference " + Math.abs(de - da) + ")");
        }
    }

    /** A JSON number or non-finite name as a double, or null. */
    public static Double number(Object o) {
        if (o instanceof Number) {
            return ((Number) o).doubleValue();
        }
        if ("NaN".equals(o)) {
            return Double.NaN;
        }
        if ("Infinity".equals(o)) {
            return Double.POSITIVE_INFINITY;
        }
        if ("-Infinity".equals(o)) {
            return Double.NEGATIVE_INFINITY;
        }
        return null;
    }

    private static String brief(Object a) {
        String s = String.valueOf(a);
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
