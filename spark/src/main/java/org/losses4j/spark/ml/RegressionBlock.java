package org.losses4j.spark.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.losses4j.kernel.Parallel;

/**
 * A block of training rows as float32, cached per partition for the iterations of {@link LossRegression}: the
 * features stored feature by feature ({@code x[j·rows + i]}), so that both the predictions (one axpy per feature) and
 * the gradient (one dot product per feature) run along contiguous arrays; the label (in double); the weights ({@code null} when
 * there is no weight column). At most {@link Parallel#BLOCK} rows, so that the loss kernels run on the calling
 * thread.
 *
 * <p>Rows that cannot be used (a null label, features or weight; a negative or NaN weight; a feature vector of
 * another size) are left out and counted, so that the statistics pass reports them on the driver before the
 * iterations start.
 */
final class RegressionBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    final int rows;
    final int cols;
    final float[] x;
    /** The labels in double: a loss of the residual gets x·w + b − y rounded once (see {@link LinearFit}). */
    final double[] y;
    final float[] w;
    /** Rows left out, by reason: null label, null features, null weight, bad weight, other vector size. */
    final long[] skipped;

    private RegressionBlock(int rows, int cols, float[] x, double[] y, float[] w, long[] skipped) {
        this.rows = rows;
        this.cols = cols;
        this.x = x;
        this.y = y;
        this.w = w;
        this.skipped = skipped;
    }

    static final int NULL_LABEL = 0;
    static final int NULL_FEATURES = 1;
    static final int NULL_WEIGHT = 2;
    static final int BAD_WEIGHT = 3;
    static final int OTHER_SIZE = 4;

    /** Rows per block for {@code cols} features: about 256 KiB of features, at most {@link Parallel#BLOCK}. */
    static int blockRows(int cols) {
        return Math.max(64, Math.min(Parallel.BLOCK, (1 << 16) / Math.max(1, cols)));
    }

    /**
     * The blocks of one partition of rows (label: double, weight: double or absent, features: vector). An empty
     * partition gives no block, a partition of bad rows only a block of zero rows carrying their counts.
     */
    static Iterator<RegressionBlock> fromRows(Iterator<Row> it, boolean weighted) {
        List<RegressionBlock> out = new ArrayList<>();
        long[] skipped = new long[5];
        int size = -1;
        int cap = 0;
        float[][] cols = null;
        double[] y = null;
        float[] w = null;
        int n = 0;
        while (it.hasNext()) {
            Row r = it.next();
            Object label = r.get(0);
            Object weight = weighted ? r.get(1) : null;
            Object feat = r.get(weighted ? 2 : 1);
            if (label == null) {
                skipped[NULL_LABEL]++;
                continue;
            }
            if (feat == null) {
                skipped[NULL_FEATURES]++;
                continue;
            }
            if (weighted && weight == null) {
                skipped[NULL_WEIGHT]++;
                continue;
            }
            double wt = weighted ? ((Number) weight).doubleValue() : 1;
            if (!(wt >= 0)) {
                skipped[BAD_WEIGHT]++;
                continue;
            }
            Vector v = (Vector) feat;
            if (size < 0) {
                size = v.size();
                cap = blockRows(size);
                cols = new float[size][cap];
                y = new double[cap];
                w = weighted ? new float[cap] : null;
            }
            if (v.size() != size) {
                skipped[OTHER_SIZE]++;
                continue;
            }
            double[] values = v instanceof DenseVector ? ((DenseVector) v).values() : v.toArray();
            for (int j = 0; j < size; j++) {
                cols[j][n] = (float) values[j];
            }
            y[n] = ((Number) label).doubleValue();
            if (w != null) {
                w[n] = (float) wt;
            }
            n++;
            if (n == cap) {
                out.add(pack(cols, y, w, n, size, new long[5]));
                n = 0;
            }
        }
        if (n > 0 || anyPositive(skipped)) {
            out.add(pack(cols, y, w, n, Math.max(size, 0), skipped));
        }
        return out.iterator();
    }

    private static boolean anyPositive(long[] a) {
        for (long v : a) {
            if (v > 0) {
                return true;
            }
        }
        return false;
    }

    private static RegressionBlock pack(float[][] cols, double[] y, float[] w, int n, int size, long[] skipped) {
        float[] x = new float[size * n];
        for (int j = 0; j < size; j++) {
            System.arraycopy(cols[j], 0, x, j * n, n);
        }
        return new RegressionBlock(n, size, x, y == null ? new double[0] : java.util.Arrays.copyOf(y, n),
                w == null ? null : java.util.Arrays.copyOf(w, n), skipped);
    }
}
