package org.losses4j.loss.classification;

import org.losses4j.kernel.Parallel;

/**
 * Deterministic sums over rows (samples) whose cost grows with their length: rows are cut into fixed chunks of about
 * {@link Parallel#BLOCK} elements (the chunk size depends only on the row length), each chunk's sum is accumulated
 * in double, and the chunk sums are added in order. Chunks run on both cores through {@link Parallel#forRange} when
 * the work is large, and the result is bit-identical whatever the thread count.
 */
final class Rows {
    private Rows() {
    }

    /** Σ over rows {@code [0, rows)} of {@code body}, each row costing about {@code costPerRow} element operations. */
    static double sum(int rows, int costPerRow, Parallel.RangeSum body) {
        int chunk = Math.max(1, Parallel.BLOCK / Math.max(1, costPerRow));
        int chunks = (rows + chunk - 1) / chunk;
        if (chunks <= 1) {
            return rows == 0 ? 0 : body.apply(0, rows);
        }
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
}
