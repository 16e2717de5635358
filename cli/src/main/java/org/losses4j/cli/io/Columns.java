package org.losses4j.cli.io;

import java.util.Arrays;

/**
 * The values of the columns being read, one growable array per column, in float32 or in float64 as the read asks.
 * The arrays start at the size the file suggests (its length over the bytes per row of its first rows, plus 5%), so
 * that a file is usually read with no growth at all; when a guess falls short an array grows by a quarter, one
 * column at a time. {@link #trim} cuts each array to the rows read, again one column at a time: the peak is the
 * data plus one column.
 */
final class Columns {
    final boolean float32;
    final float[][] f;
    final double[][] d;
    /** Group keys, one per row, when a key column is read (streaming only), else null. */
    String[] keys;
    int capacity;

    Columns(int columns, boolean float32, int capacity, boolean withKeys) {
        this.float32 = float32;
        this.capacity = Math.max(capacity, 16);
        f = float32 ? new float[columns][this.capacity] : null;
        d = float32 ? null : new double[columns][this.capacity];
        keys = withKeys ? new String[this.capacity] : null;
    }

    int width() {
        return float32 ? f.length : d.length;
    }

    /** Room for at least {@code rows} rows. */
    void ensure(int rows) {
        if (rows <= capacity) {
            return;
        }
        long grown = Math.max(rows, capacity + (capacity >> 2) + 16L);
        int c = (int) Math.min(grown, Integer.MAX_VALUE - 16);
        if (c < rows) {
            throw new IllegalStateException("more than " + (Integer.MAX_VALUE - 16) + " rows");
        }
        for (int k = 0; k < width(); k++) {
            if (float32) {
                f[k] = Arrays.copyOf(f[k], c);
            } else {
                d[k] = Arrays.copyOf(d[k], c);
            }
        }
        if (keys != null) {
            keys = Arrays.copyOf(keys, c);
        }
        capacity = c;
    }

    void set(int column, int row, double v) {
        if (float32) {
            f[column][row] = (float) v;
        } else {
            d[column][row] = v;
        }
    }

    /** Cuts every array to {@code rows}, one column at a time. */
    void trim(int rows) {
        if (rows == capacity) {
            return;
        }
        for (int k = 0; k < width(); k++) {
            if (float32) {
                f[k] = Arrays.copyOf(f[k], rows);
            } else {
                d[k] = Arrays.copyOf(d[k], rows);
            }
        }
        if (keys != null) {
            keys = Arrays.copyOf(keys, rows);
        }
        capacity = rows;
    }
}
