package org.losses4j.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense, row-major tensor of float32 values (or int64 class indices), like a contiguous PyTorch tensor.
 *
 * <p>The shape is immutable. The element storage is a plain Java array that is exposed, without copying, by
 * {@link #data()} and {@link #longData()}: kernels and the training stack read and write it directly. Use
 * {@link #of(float[], int...)} to copy an array into a new tensor and {@link #wrap(float[], int...)} to share it.
 *
 * <pre>{@code
 * Tensor x = Tensor.vector(2.5f, 4.8f, 6.9f, 9.5f);          // shape [4]
 * Tensor m = Tensor.matrix(new float[][] {{1, 2}, {3, 4}});  // shape [2, 2]
 * Tensor y = Tensor.indices(0, 2, 1);                        // int64, shape [3]
 * }</pre>
 */
public final class Tensor {
    private static final int[] SCALAR_SHAPE = {};

    private final DType dtype;
    private final int[] shape;
    private final float[] floats;
    private final long[] longs;

    private Tensor(DType dtype, int[] shape, float[] floats, long[] longs) {
        this.dtype = dtype;
        this.shape = shape;
        this.floats = floats;
        this.longs = longs;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Factories

    /**
     * A float32 tensor that <b>shares</b> {@code data}; {@code data.length} must equal the shape's element count.
     *
     * @param data the elements in row-major order, kept (not copied): writes to the array show in the tensor
     * @param shape the sizes of the dimensions, each ≥ 0; none for a 0-d tensor (one element)
     * @return the tensor
     * @throws IllegalArgumentException if {@code data.length} differs from the product of the sizes, or a size is
     *                                  negative
     */
    public static Tensor wrap(float[] data, int... shape) {
        Objects.requireNonNull(data, "data");
        return new Tensor(DType.FLOAT32, shapeOf(data.length, shape), data, null);
    }

    /** A copy of {@code shape}, checked to hold exactly {@code length} elements (the wrapped array's). */
    private static int[] shapeOf(int length, int[] shape) {
        int[] s = shape.clone();
        int n = Shapes.numel(s);
        if (length != n) {
            throw new IllegalArgumentException("data has " + length + " elements but shape " + Shapes.toString(s)
                    + " needs " + n);
        }
        return s;
    }

    /**
     * A float32 tensor holding a <b>copy</b> of {@code data}.
     *
     * @param data the elements in row-major order, copied
     * @param shape the sizes of the dimensions, each ≥ 0; none for a 0-d tensor (one element)
     * @return the tensor
     * @throws IllegalArgumentException if {@code data.length} differs from the product of the sizes, or a size is
     *                                  negative
     */
    public static Tensor of(float[] data, int... shape) {
        return wrap(data.clone(), shape);
    }

    /**
     * A float32 tensor of the given shape holding {@code data} rounded to float32.
     *
     * @param data the elements in row-major order, each rounded to the nearest float32
     * @param shape the sizes of the dimensions, each ≥ 0; none for a 0-d tensor (one element)
     * @return the tensor
     * @throws IllegalArgumentException if {@code data.length} differs from the product of the sizes, or a size is
     *                                  negative
     */
    public static Tensor of(double[] data, int... shape) {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
        }
        return wrap(f, shape);
    }

    /**
     * A 0-d float32 tensor.
     *
     * @param value the single element
     * @return a 0-d float32 tensor (shape [])
     */
    public static Tensor scalar(float value) {
        return new Tensor(DType.FLOAT32, SCALAR_SHAPE, new float[] {value}, null);
    }

    /**
     * A 1-d float32 tensor (copy of the arguments).
     *
     * @param values the elements, copied
     * @return a float32 tensor of shape [values.length]
     */
    public static Tensor vector(float... values) {
        return wrap(values.clone(), values.length);
    }

    /**
     * A 2-d float32 tensor from a rectangular array of rows.
     *
     * @param rows the number of rows
     * @return a 2-d float32 tensor from a rectangular array of rows
     */
    public static Tensor matrix(float[][] rows) {
        int r = rows.length;
        int c = r == 0 ? 0 : rows[0].length;
        float[] data = new float[r * c];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException("matrix rows must all have length " + c + ", row " + i
                        + " has length " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, data, i * c, c);
        }
        return wrap(data, r, c);
    }

    /**
     * A float32 tensor of zeros.
     *
     * @param shape the sizes of the dimensions, each ≥ 0
     * @return a new float32 tensor of that shape, every element +0
     */
    public static Tensor zeros(int... shape) {
        return new Tensor(DType.FLOAT32, shape.clone(), new float[Shapes.numel(shape)], null);
    }

    /**
     * A float32 tensor filled with {@code value}.
     *
     * @param value the value of every element
     * @param shape the sizes of the dimensions, each ≥ 0
     * @return a new float32 tensor of that shape
     */
    public static Tensor full(float value, int... shape) {
        float[] d = new float[Shapes.numel(shape)];
        Arrays.fill(d, value);
        return new Tensor(DType.FLOAT32, shape.clone(), d, null);
    }

    /**
     * An int64 tensor that shares {@code data} (class indices, for example).
     *
     * @param data the elements in row-major order, kept (not copied)
     * @param shape the sizes of the dimensions, each ≥ 0; none for a 0-d tensor
     * @return the int64 tensor
     * @throws IllegalArgumentException if {@code data.length} differs from the product of the sizes, or a size is
     *                                  negative
     */
    public static Tensor wrapIndices(long[] data, int... shape) {
        Objects.requireNonNull(data, "data");
        return new Tensor(DType.INT64, shapeOf(data.length, shape), null, data);
    }

    /**
     * A 1-d int64 tensor of class indices (copy of the arguments).
     *
     * @param values the class indices, copied
     * @return an int64 tensor of shape [values.length]
     */
    public static Tensor indices(long... values) {
        return wrapIndices(values.clone(), values.length);
    }

    /**
     * A 1-d int64 tensor of class indices.
     *
     * @param values the class indices, widened to long
     * @return an int64 tensor of shape [values.length]
     */
    public static Tensor indices(int... values) {
        long[] l = new long[values.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = values[i];
        }
        return wrapIndices(l, l.length);
    }

    /**
     * A 0-d int64 tensor.
     *
     * @param value the single element
     * @return a 0-d int64 tensor (shape [])
     */
    public static Tensor scalarIndex(long value) {
        return new Tensor(DType.INT64, SCALAR_SHAPE, null, new long[] {value});
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Shape

    /**
     * The element type.
     *
     * @return the element type
     */
    public DType dtype() {
        return dtype;
    }

    /**
     * Whether this tensor holds float32 values.
     *
     * @return whether this tensor holds float32 values
     */
    public boolean isFloat() {
        return dtype == DType.FLOAT32;
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
     * Number of dimensions (0 for a scalar).
     *
     * @return number of dimensions (0 for a scalar)
     */
    public int dim() {
        return shape.length;
    }

    /**
     * Size of dimension {@code d}; negative {@code d} counts from the end as in PyTorch.
     *
     * @param d the dimension
     * @return size of dimension {@code d}; negative {@code d} counts from the end as in PyTorch
     */
    public int size(int d) {
        int k = d < 0 ? d + shape.length : d;
        if (k < 0 || k >= shape.length) {
            throw new IndexOutOfBoundsException("dimension " + d + " out of range for a tensor of shape "
                    + Shapes.toString(shape));
        }
        return shape[k];
    }

    /**
     * Number of elements.
     *
     * @return number of elements
     */
    public int numel() {
        return dtype == DType.FLOAT32 ? floats.length : longs.length;
    }

    /**
     * Whether this tensor has exactly the given shape.
     *
     * @param s the sizes of the dimensions; none for a 0-d shape
     * @return true if this tensor's shape has exactly these sizes, in this order
     */
    public boolean hasShape(int... s) {
        return Arrays.equals(shape, s);
    }

    /**
     * Whether this tensor has the same shape as {@code other}.
     *
     * @param other the other tensor
     * @return whether this tensor has the same shape as {@code other}
     */
    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /**
     * The shape rendered as {@code [2, 3]}.
     *
     * @return the shape rendered as {@code [2, 3]}
     */
    public String shapeString() {
        return Shapes.toString(shape);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Data

    /**
     * The live float32 storage, row-major (no copy). For an int64 tensor this throws; use {@link #toFloat()}.
     *
     * @return the live float32 storage, row-major (no copy)
     */
    public float[] data() {
        if (floats == null) {
            throw new IllegalStateException("tensor is int64; call toFloat() for a float32 copy");
        }
        return floats;
    }

    /**
     * The live int64 storage, row-major (no copy). For a float32 tensor this throws.
     *
     * @return the live int64 storage, row-major (no copy)
     */
    public long[] longData() {
        if (longs == null) {
            throw new IllegalStateException("tensor is float32, not int64");
        }
        return longs;
    }

    /**
     * This tensor if it is float32, else a float32 copy of its values.
     *
     * @return this tensor itself if it is float32, else a new float32 tensor of the same shape
     */
    public Tensor toFloat() {
        if (floats != null) {
            return this;
        }
        float[] f = new float[longs.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = longs[i];
        }
        return new Tensor(DType.FLOAT32, shape, f, null);
    }

    /**
     * A copy of the values as a float array.
     *
     * @return a copy of the values as a float array
     */
    public float[] toFloatArray() {
        return toFloat() == this ? floats.clone() : toFloat().floats;
    }

    /**
     * The value of a one-element tensor, as {@code float}.
     *
     * @return the value of a one-element tensor, as {@code float}
     */
    public float item() {
        if (numel() != 1) {
            throw new IllegalStateException("item() needs a one-element tensor, got shape " + shapeString());
        }
        return floats != null ? floats[0] : longs[0];
    }

    /**
     * The element at a multi-index (row-major), as {@code float}.
     *
     * @param index one index per dimension, each in [0, size of that dimension); none for a 0-d tensor
     * @return the element, as float (an int64 element converted)
     */
    public float get(int... index) {
        int off = offset(index);
        return floats != null ? floats[off] : longs[off];
    }

    /**
     * The element at a multi-index of an int64 tensor.
     *
     * @param index one index per dimension, each in [0, size of that dimension)
     * @return the element
     * @throws IllegalStateException if the tensor is float32
     */
    public long getLong(int... index) {
        return longData()[offset(index)];
    }

    /**
     * Flat row-major offset of a multi-index.
     *
     * @param index one index per dimension, each in [0, size of that dimension)
     * @return the position of that element in {@link #data()} or {@link #longData()}
     * @throws IllegalArgumentException if the number of indices differs from the number of dimensions
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public int offset(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index has " + index.length + " dimensions, tensor has "
                    + shape.length);
        }
        int off = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of range for shape "
                        + shapeString());
            }
            off = off * shape[d] + index[d];
        }
        return off;
    }

    /**
     * A tensor of a new shape with the same number of elements, sharing this tensor's storage.
     *
     * @param newShape the sizes of the new dimensions, whose product is this tensor's number of elements
     * @return a new tensor of that shape over the same storage (a write through one shows in the other)
     * @throws IllegalArgumentException if the number of elements differs
     */
    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int n = Shapes.numel(s);
        if (n != numel()) {
            throw new IllegalArgumentException("cannot reshape a tensor of shape " + shapeString() + " ("
                    + numel() + " elements) to " + Shapes.toString(s));
        }
        return new Tensor(dtype, s, floats, longs);
    }

    /**
     * A deep copy.
     *
     * @return a new tensor of the same dtype and shape with its own copy of the values
     */
    public Tensor copy() {
        return new Tensor(dtype, shape, floats == null ? null : floats.clone(), longs == null ? null : longs.clone());
    }

    // ----------------------------------------------------------------------------------------------------------------

    /** Same dtype, shape and element values (bitwise for floats, so NaN equals NaN and 0.0 differs from -0.0). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Tensor)) {
            return false;
        }
        Tensor t = (Tensor) o;
        return dtype == t.dtype && Arrays.equals(shape, t.shape) && Arrays.equals(floats, t.floats)
                && Arrays.equals(longs, t.longs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.hashCode(floats), Arrays.hashCode(longs));
    }

    /** PyTorch-like rendering: {@code tensor([[1.0, 2.0], [3.0, 4.0]])}; long tensors are abbreviated. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("tensor(");
        if (numel() > 1000) {
            sb.append("<").append(numel()).append(" elements>, shape=").append(shapeString());
        } else {
            append(sb, 0, 0);
            if (numel() == 0) {
                sb.append(", shape=").append(shapeString());
            }
        }
        if (dtype == DType.INT64) {
            sb.append(", dtype=int64");
        }
        return sb.append(')').toString();
    }

    private int append(StringBuilder sb, int d, int off) {
        if (d == shape.length) {
            sb.append(floats != null ? Float.toString(floats[off]) : Long.toString(longs[off]));
            return off + 1;
        }
        sb.append('[');
        for (int i = 0; i < shape[d]; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            off = append(sb, d + 1, off);
        }
        sb.append(']');
        return off;
    }
}
