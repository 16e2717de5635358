package org.losses4j.nn;

import java.util.Arrays;

/**
 * A trainable tensor of a model: its name, shape, float32 values and the gradient of the last batch (same layout).
 * The arrays are live: optimisers update {@link #value()} in place from {@link #grad()}.
 */
public final class Parameter {
    /** The most elements a parameter may have: the largest Java array the JVMs allocate. */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final String name;
    private final int[] shape;
    private final float[] value;
    private final float[] grad;

    /**
     * A zero parameter of the given shape.
     *
     * @param name the parameter's name, {@code <layer>.kernel} or {@code <layer>.bias}, used in messages and as its key
     *             in the weights file
     * @param shape the shape of the values
     * @throws IllegalArgumentException for a negative dimension, or more elements than a Java array holds
     */
    public Parameter(String name, int... shape) {
        this.name = name;
        this.shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(name + ": dimensions must be >= 0, got shape "
                        + Arrays.toString(shape));
            }
            n *= d;
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " has more than "
                        + MAX_ELEMENTS + " elements, the most a float32 array holds");
            }
        }
        this.value = new float[(int) n];
        this.grad = new float[(int) n];
    }

    /**
     * The name, e.g. {@code dense_0.kernel}.
     *
     * @return the name, such as {@code dense_0.kernel}
     */
    public String name() {
        return name;
    }

    /**
     * A copy of the shape.
     *
     * @return a copy of the shape
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * Number of elements.
     *
     * @return number of elements
     */
    public int size() {
        return value.length;
    }

    /**
     * The live values.
     *
     * @return the live values
     */
    public float[] value() {
        return value;
    }

    /**
     * The live gradient of the last batch.
     *
     * @return the live gradient of the last batch
     */
    public float[] grad() {
        return grad;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
