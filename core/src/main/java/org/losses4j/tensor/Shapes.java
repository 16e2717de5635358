package org.losses4j.tensor;

import java.util.Arrays;

/** Small helpers for shapes ({@code int[]} of dimension sizes, row-major). */
public final class Shapes {
    private Shapes() {
    }

    /**
     * Number of elements of a shape: the product of its sizes (1 for a 0-d shape).
     *
     * @param shape the sizes of the dimensions
     * @return the product of the sizes (1 for a 0-d shape, 0 if a size is 0)
     * @throws IllegalArgumentException if a size is negative or the product exceeds {@link Integer#MAX_VALUE}
     */
    public static int numel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("shape sizes must be >= 0, got " + toString(shape));
            }
            n *= s;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor of shape " + toString(shape)
                        + " has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        return (int) n;
    }

    /**
     * PyTorch-style rendering, {@code [2, 3]}; {@code []} for a 0-d shape.
     *
     * @param shape the sizes of the dimensions
     * @return PyTorch-style rendering, {@code [2, 3]}; {@code []} for a 0-d shape
     */
    public static String toString(int[] shape) {
        return Arrays.toString(shape);
    }

    /**
     * Whether two shapes are identical.
     *
     * @param a the first shape
     * @param b the second shape
     * @return whether two shapes are identical
     */
    public static boolean same(int[] a, int[] b) {
        return Arrays.equals(a, b);
    }

    /**
     * A copy of {@code shape} without dimension {@code dim}.
     *
     * @param shape the sizes of the dimensions
     * @param dim the dimension to drop, in [0, shape.length)
     * @return a copy of {@code shape} without dimension {@code dim}
     */
    public static int[] drop(int[] shape, int dim) {
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != dim) {
                out[j++] = shape[i];
            }
        }
        return out;
    }
}
