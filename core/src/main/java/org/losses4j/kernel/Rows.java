package org.losses4j.kernel;


/**
 * Deterministic sums over rows (samples) whose cost grows with their length: rows are cut into fixed chunks of about
 * {@link Parallel#BLOCK} elements (the chunk size depends only on the row length), each chunk's sum is accumulated
 * in double, and the chunk sums are added in order. Chunks run on both cores through {@link Parallel#forRange} when
 * the work is large, and the result is bit-identical whatever the thread count.
 */
public final class Rows {
    private Rows() {
    }

    /**
     * Rows per chunk.
     *
     * @param costPerRow the cost of one row in element-operation units (a value below 1 counts as 1)
     * @return the number of rows per chunk, about {@link Parallel#BLOCK} / costPerRow and at least 1; it depends on
     *         nothing else, so the chunks never depend on the thread count
     */
    public static int chunk(int costPerRow) {
        return Math.max(1, Parallel.BLOCK / Math.max(1, costPerRow));
    }

    /**
     * Whether {@link #sum} runs on the calling thread for these rows: a caller on a hot path may then run the
     * chunks itself, with {@link #sequentialSum}'s loop, and avoid allocating a capturing lambda.
     *
     * @param rows the number of rows, ≥ 0
     * @param costPerRow the cost of one row in element-operation units
     * @return true when the work is too small to be split across cores, so that {@link #sum} would run
     *         {@link #sequentialSum}
     */
    public static boolean sequential(int rows, int costPerRow) {
        int chunk = chunk(costPerRow);
        return !Parallel.splits((rows + chunk - 1) / chunk, (long) chunk * Math.max(1, costPerRow));
    }

    /**
     * Σ over rows {@code [0, rows)} of {@code body}, each row costing about {@code costPerRow} element operations.
     *
     * @param rows the number of rows, ≥ 0
     * @param costPerRow the cost of one row in element-operation units (see {@link #chunk})
     * @param body the sum over a range of rows {@code [from, to)}, called once per chunk, perhaps on another thread: it
     *             must write only to the rows of its range
     * @return the sum of the chunks' sums, added in chunk order; 0 for no rows
     */
    public static double sum(int rows, int costPerRow, Parallel.RangeSum body) {
        if (sequential(rows, costPerRow)) {
            return sequentialSum(rows, costPerRow, body);
        }
        int chunk = chunk(costPerRow);
        int chunks = (rows + chunk - 1) / chunk;
        double[] partial = new double[chunks];
        Parallel.forRange(chunks, (long) chunk * Math.max(1, costPerRow), (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                partial[c] = body.apply(c * chunk, Math.min(rows, (c + 1) * chunk));
            }
        });
        double s = 0;
        for (double p : partial) {
            s += p;
        }
        return s;
    }

    /**
     * {@link #sum} on the calling thread: the same chunks added in the same order (a single chunk is returned as
     * is), so the same double.
     *
     * @param rows the number of rows, ≥ 0
     * @param costPerRow the cost of one row in element-operation units (see {@link #chunk})
     * @param body the sum over a range of rows {@code [from, to)}, called once per chunk
     * @return the same double as {@link #sum} gives for these arguments; 0 for no rows
     */
    public static double sequentialSum(int rows, int costPerRow, Parallel.RangeSum body) {
        int chunk = chunk(costPerRow);
        if (rows <= chunk) {
            return rows == 0 ? 0 : body.apply(0, rows);
        }
        double s = 0;
        for (int r0 = 0; r0 < rows; r0 += chunk) {
            s += body.apply(r0, Math.min(rows, r0 + chunk));
        }
        return s;
    }
}
