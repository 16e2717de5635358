package org.losses4j.tensor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between tensors and nested lists of numbers (what a JSON parser produces), without depending on any
 * JSON library.
 *
 * <p>A number is a 0-d tensor; nested lists must be rectangular and their shape is read from the nesting. If every
 * number is an integer type ({@link Integer}, {@link Long}, {@link BigInteger}, ...) the tensor is int64, as
 * {@code torch.tensor([1, 2])} is; otherwise float32, each value rounded to the nearest float32. The strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} stand for the non-finite floats.
 */
public final class NestedArrays {
    private NestedArrays() {
    }

    /**
     * A tensor from a number or nested lists of numbers.
     *
     * @param what names the value in error messages ({@code "input"})
     * @param nested a number or nested lists of numbers
     * @return a tensor from a number or nested lists of numbers
     * @throws IllegalArgumentException if the nesting is ragged or holds something other than numbers
     */
    public static Tensor toTensor(Object nested, String what) {
        List<Integer> shape = new ArrayList<>();
        Object o = nested;
        while (o instanceof List) {
            List<?> l = (List<?>) o;
            shape.add(l.size());
            o = l.isEmpty() ? null : l.get(0);
        }
        int[] s = shape.stream().mapToInt(Integer::intValue).toArray();
        int n = Shapes.numel(s);
        Object[] leaves = new Object[n];
        int[] count = {0};
        collect(nested, 0, s, leaves, count, what, new ArrayList<>());
        boolean allInt = n > 0;
        for (Object leaf : leaves) {
            if (!isIntegral(leaf)) {
                allInt = false;
                break;
            }
        }
        if (allInt) {
            long[] l = new long[n];
            for (int i = 0; i < n; i++) {
                if (leaves[i] instanceof BigInteger && ((BigInteger) leaves[i]).bitLength() > 63) {
                    throw new IllegalArgumentException(what + " holds an integer outside the int64 range: "
                            + leaves[i]);
                }
                l[i] = ((Number) leaves[i]).longValue();
            }
            return Tensor.wrapIndices(l, s);
        }
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) toDouble(leaves[i], what);
        }
        return Tensor.wrap(f, s);
    }

    private static void collect(Object o, int depth, int[] shape, Object[] leaves, int[] count, String what,
            List<Integer> path) {
        if (depth == shape.length) {
            if (o instanceof List) {
                throw new IllegalArgumentException(what + " is not rectangular: element " + path
                        + " is a list where a number was expected");
            }
            if (!(o instanceof Number) && !(o instanceof String)) {
                throw new IllegalArgumentException(what + " must hold numbers, got " + describe(o) + " at " + path);
            }
            if (o instanceof String) {
                toDouble(o, what);
            }
            leaves[count[0]++] = o;
            return;
        }
        if (!(o instanceof List)) {
            throw new IllegalArgumentException(what + " is not rectangular: element " + path + " is "
                    + describe(o) + " where a list of " + shape[depth] + " was expected");
        }
        List<?> l = (List<?>) o;
        if (l.size() != shape[depth]) {
            throw new IllegalArgumentException(what + " is not rectangular: element " + path + " has length "
                    + l.size() + ", expected " + shape[depth]);
        }
        for (int i = 0; i < l.size(); i++) {
            path.add(i);
            collect(l.get(i), depth + 1, shape, leaves, count, what, path);
            path.remove(path.size() - 1);
        }
    }

    private static boolean isIntegral(Object o) {
        return o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte
                || o instanceof BigInteger;
    }

    private static double toDouble(Object o, String what) {
        if (o instanceof BigDecimal) {
            return ((BigDecimal) o).doubleValue();
        }
        if (o instanceof Number) {
            return ((Number) o).doubleValue();
        }
        if (o instanceof String) {
            switch ((String) o) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
            }
        }
        throw new IllegalArgumentException(what + " must hold numbers, got " + describe(o));
    }

    private static String describe(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof String) {
            return "the string '" + o + "'";
        }
        if (o instanceof Boolean) {
            return o.toString();
        }
        if (o instanceof List) {
            return "a list";
        }
        return o.getClass().getSimpleName();
    }

    /**
     * Nested lists of a tensor's values: {@link Float} for float32 (non-finite values as the strings {@code "NaN"},
     * {@code "Infinity"}, {@code "-Infinity"}), {@link Long} for int64; a 0-d tensor gives the bare value.
     *
     * @param t the tensor, float32 or int64, of any shape
     * @return a {@link java.util.List} per dimension, nested in row-major order, holding the elements; the bare element
     *         for a 0-d tensor
     */
    public static Object toNested(Tensor t) {
        int[] s = t.shape();
        int[] pos = {0};
        return build(t, s, 0, pos);
    }

    private static Object build(Tensor t, int[] s, int depth, int[] pos) {
        if (depth == s.length) {
            int i = pos[0]++;
            return t.isFloat() ? number(t.data()[i]) : (Object) t.longData()[i];
        }
        List<Object> l = new ArrayList<>(s[depth]);
        for (int i = 0; i < s[depth]; i++) {
            l.add(build(t, s, depth + 1, pos));
        }
        return l;
    }

    /**
     * A float as {@link Float}, or its non-finite name as a string.
     *
     * @param v the number
     * @return {@code v} boxed, or "NaN", "Infinity" or "-Infinity" for a non-finite value
     */
    public static Object number(float v) {
        if (Float.isNaN(v)) {
            return "NaN";
        }
        if (Float.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return v;
    }

    /**
     * A double as {@link Double}, or its non-finite name as a string.
     *
     * @param v the number
     * @return {@code v} boxed, or "NaN", "Infinity" or "-Infinity" for a non-finite value
     */
    public static Object number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return v;
    }
}
