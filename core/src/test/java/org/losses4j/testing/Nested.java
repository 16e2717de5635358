package org.losses4j.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

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
        compare(expected, actual, "", out, Tolerances::agrees);
        return out;
    }

    /**
     * As {@link #mismatches(Object, Object)}, each number within {@code rtol}·|expected| + {@code atol} instead
     * (non-finite numbers must match exactly, NaN with NaN).
     */
    public static List<String> mismatches(Object expected, Object actual, double rtol, double atol) {
        List<String> out = new ArrayList<>();
        compare(expected, actual, "", out, (e, a) -> Double.isNaN(e) || Double.isInfinite(e) || Double.isNaN(a)
                || Double.isInfinite(a) ? Tolerances.agrees(e, a) : Math.abs(a - e) <= rtol * Math.abs(e) + atol);
        return out;
    }

    private static void compare(Object e, Object a, String path, List<String> out,
            BiPredicate<Double, Double> agree) {
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
                compare(le.get(i), la.get(i), path + "[" + i + "]", out, agree);
            }
            return;
        }
        Double de = number(e);
        Double da = number(a);
        if (de == null || da == null) {
            out.add(path + ": expected " + e + ", got " + brief(a));
            return;
        }
        if (!agree.test(de, da)) {
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
