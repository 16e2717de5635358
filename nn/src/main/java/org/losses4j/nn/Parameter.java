package org.losses4j.nn;

import java.util.Arrays;

/**
 * A trainable tensor of a model: its name, shape, float32 values and the gradient of the last batch (same layout).
 * The arrays are live: optimisers update {@link #value()} in place from {@link #grad()}.
 */
public final class Parameter {
    private final String name;
    private final int[] shape;
    private final float[] value;
    private final float[] grad;

    /** A zero parameter of the given shape. */
    public Parameter(String name, int... shape) {
        this.name = name;
        this.shape = shape.clone();
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        this.value = new float[n];
        this.grad = new float[n];
    }

    /** The name, e.g. {@code dense_0.kernel}. */
    public String name() {
        return name;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public int size() {
        return value.length;
    }

    /** The live values. */
    public float[] value() {
        return value;
    }

    /** The live gradient of the last batch. */
    public float[] grad() {
        return grad;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
