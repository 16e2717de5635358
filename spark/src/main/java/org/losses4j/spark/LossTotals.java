package org.losses4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

import scala.jdk.javaapi.CollectionConverters;

/**
 * The sums a loss aggregate needs, computed in one pass over a DataFrame: Σℓ (or Σwℓ), the number of rows (or Σw),
 * and the nulls of each column. The pass reads each partition's column vectors (a columnar scan: a cached DataFrame,
 * Parquet, ORC) or else Spark's internal rows into float arrays of {@link LossSpec#CHUNK} rows and hands each chunk
 * to the kernel; each partition's partial sums are in double, and the driver adds them in partition order.
 */
final class LossTotals implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Σℓ, or Σwℓ with weights. */
    double sum;
    /** The number of rows, or Σw with weights. */
    double count;
    long nullPredictions;
    long nullLabels;
    long nullWeights;

    private LossTotals() {
    }

    /**
     * The totals of {@code spec}'s loss over the rows of {@code df}. Checks the columns on the driver first (before
     * any job); a null in any of them is an error after the pass, naming the column and the number of nulls.
     *
     * @param weightCol a weight column, or null for none
     */
    static LossTotals of(Dataset<Row> df, String predictionCol, String labelCol, String weightCol, LossSpec spec,
            String what) {
        spec.requireElementwise(what);
        Columns.requireNumeric(df, "prediction column", predictionCol);
        Columns.requireNumeric(df, "label column", labelCol);
        boolean weighted = weightCol != null;
        List<Column> cols = new ArrayList<>(3);
        cols.add(df.col(Columns.quote(predictionCol)).cast("float"));
        cols.add(df.col(Columns.quote(labelCol)).cast("float"));
        if (weighted) {
            Columns.requireNumeric(df, "weight column", weightCol);
            cols.add(df.col(Columns.quote(weightCol)).cast("double"));
        }
        List<LossTotals> parts;
        try {
            RDD<ColumnarBatch> batches = columnar(df, predictionCol, labelCol, weightCol);
            if (batches != null) {
                parts = batches.toJavaRDD().mapPartitionsWithIndex((index, it) -> List.of(
                        partition(spec, weighted, index, new ColumnChunks(it))).iterator(), false).collect();
            } else {
                JavaRDD<InternalRow> rows = df.select(cols.toArray(new Column[0])).queryExecution().toRdd()
                        .toJavaRDD();
                parts = rows.mapPartitionsWithIndex((index, it) -> List.of(partition(spec, weighted, index,
                        new RowChunks(it))).iterator(), false).collect();
            }
        } catch (Exception e) { // Scala throws SparkException, a checked exception, undeclared
            throw unwrap(e);
        }
        LossTotals t = new LossTotals();
        for (LossTotals p : parts) { // in partition order: the same order whatever the cores did
            t.sum += p.sum;
            t.count += p.count;
            t.nullPredictions += p.nullPredictions;
            t.nullLabels += p.nullLabels;
            t.nullWeights += p.nullWeights;
        }
        if (t.nullPredictions > 0) {
            throw Columns.nullError("prediction column", predictionCol, t.nullPredictions);
        }
        if (t.nullLabels > 0) {
            throw Columns.nullError("label column", labelCol, t.nullLabels);
        }
        if (t.nullWeights > 0) {
            throw Columns.nullError("weight column", weightCol, t.nullWeights);
        }
        return t;
    }

    /**
     * The columnar batches of the selected columns, when the plan is a columnar scan (a cached DataFrame, Parquet or
     * ORC with the vectorized readers Spark enables by default) turned into rows by Spark's
     * {@code ColumnarToRowExec} (possibly under adaptive execution), and every column is a float or a double; else
     * null (the rows are read instead).
     * Reading the column vectors skips building a row per record, which is what Spark's own aggregates do too.
     */
    private static RDD<ColumnarBatch> columnar(Dataset<Row> df, String predictionCol, String labelCol,
            String weightCol) {
        List<String> names = new ArrayList<>(List.of(predictionCol, labelCol));
        if (weightCol != null) {
            names.add(weightCol);
        }
        if (names.stream().distinct().count() != names.size()) {
            return null;
        }
        Column[] cols = names.stream().map(n -> df.col(Columns.quote(n))).toArray(Column[]::new);
        SparkPlan scan = df.select(cols).queryExecution().executedPlan();
        // Adaptive execution wraps a plan whose source had a shuffle (a cache of a repartitioned DataFrame, say); it
        // re-plans at shuffles only, and a lone scan has none.
        if (scan instanceof AdaptiveSparkPlanExec) {
            scan = ((AdaptiveSparkPlanExec) scan).executedPlan();
        }
        if (scan instanceof WholeStageCodegenExec) {
            scan = ((WholeStageCodegenExec) scan).child();
        }
        if (scan instanceof ColumnarToRowExec) {
            scan = ((ColumnarToRowExec) scan).child();
        }
        if (scan instanceof InputAdapter) {
            scan = ((InputAdapter) scan).child();
        }
        // Only a lone columnar scan: anything above it (a filter, a projection, a shuffle) is read as rows.
        if (!scan.children().isEmpty() || !scan.supportsColumnar()) {
            return null;
        }
        // The scan's columns must be exactly the selected ones, in that order, each a float or a double.
        List<Attribute> out = CollectionConverters.asJava(scan.output());
        if (out.size() != names.size()) {
            return null;
        }
        for (int i = 0; i < out.size(); i++) {
            DataType t = out.get(i).dataType();
            if (!out.get(i).name().equals(names.get(i))
                    || !(t instanceof DoubleType || t instanceof FloatType)) {
                return null;
            }
        }
        return scan.executeColumnar();
    }

    /** Whether the pass over these columns reads column vectors (else rows); for tests. */
    static boolean readsColumns(Dataset<Row> df, String predictionCol, String labelCol) {
        return columnar(df, predictionCol, labelCol, null) != null;
    }

    /**
     * One partition: its rows into chunks of at most {@link LossSpec#CHUNK} rows without nulls, each chunk into the
     * kernel. The chunks are the same whichever way the rows are read.
     */
    private static LossTotals partition(LossSpec spec, boolean weighted, int index, Chunks rows) {
        LossTotals t = new LossTotals();
        if (!rows.hasNext()) {
            return t;
        }
        int cap = LossSpec.CHUNK;
        float[] x = new float[cap];
        float[] y = new float[cap];
        float[] scratch = new float[cap];
        double[] w = weighted ? new double[cap] : null;
        try {
            int n;
            do {
                n = rows.fill(x, y, w, t);
                add(t, spec, x, y, w, scratch, n);
            } while (n == cap);
        } catch (IllegalArgumentException e) { // a data check of the loss (probabilities in [0, 1], ...)
            throw new IllegalArgumentException(e.getMessage() + " (of a chunk of partition " + index + ")", e);
        }
        return t;
    }

    /**
     * The rows of a partition, handed over a chunk at a time: the per-row loop lives in {@link #fill}, so that it
     * runs monomorphic for a whole chunk, and the kernel sees the same chunks from rows and from column vectors.
     */
    private interface Chunks {
        /** Whether the partition has any rows (an empty one allocates nothing). */
        boolean hasNext();

        /**
         * Fills {@code x}, {@code y} and {@code w} (null without weights) with the next rows that have no null, as
         * many as fit; counts the rows with nulls in {@code t}, which are skipped.
         *
         * @return the number of rows filled: the arrays' length, or fewer once the partition is exhausted
         */
        int fill(float[] x, float[] y, double[] w, LossTotals t);
    }

    /** Spark's internal rows of the three cast columns: prediction and label as float, the weight as double. */
    private static final class RowChunks implements Chunks {
        private final Iterator<InternalRow> it;

        RowChunks(Iterator<InternalRow> it) {
            this.it = it;
        }

        @Override
        public boolean hasNext() {
            return it.hasNext();
        }

        @Override
        public int fill(float[] x, float[] y, double[] w, LossTotals t) {
            boolean weighted = w != null;
            int n = 0;
            while (n < x.length && it.hasNext()) {
                InternalRow r = it.next();
                if (t.countNulls(r.isNullAt(0), r.isNullAt(1), weighted && r.isNullAt(2))) {
                    continue;
                }
                x[n] = r.getFloat(0);
                y[n] = r.getFloat(1);
                if (weighted) {
                    w[n] = r.getDouble(2);
                }
                n++;
            }
            return n;
        }
    }

    /**
     * The column vectors of a columnar scan's batches (each column a float or a double), read from where the last
     * chunk stopped: a chunk may span batches.
     */
    private static final class ColumnChunks implements Chunks {
        private final Iterator<ColumnarBatch> it;
        private ColumnarBatch batch;
        /** The next row of {@link #batch} to read. */
        private int next;

        ColumnChunks(Iterator<ColumnarBatch> it) {
            this.it = it;
        }

        @Override
        public boolean hasNext() {
            return batch != null && next < batch.numRows() || it.hasNext();
        }

        @Override
        public int fill(float[] x, float[] y, double[] w, LossTotals t) {
            int n = 0;
            while (n < x.length) {
                if (batch == null || next == batch.numRows()) {
                    if (!it.hasNext()) {
                        break;
                    }
                    batch = it.next();
                    next = 0;
                    continue;
                }
                n = fill(x, y, w, t, n);
            }
            return n;
        }

        /** Fills from the current batch, from row {@link #next} and element {@code n} on; returns the new n. */
        private int fill(float[] x, float[] y, double[] w, LossTotals t, int n) {
            boolean weighted = w != null;
            int rows = batch.numRows();
            ColumnVector pv = batch.column(0);
            ColumnVector yv = batch.column(1);
            ColumnVector wv = weighted ? batch.column(2) : null;
            boolean pd = pv.dataType() instanceof DoubleType;
            boolean yd = yv.dataType() instanceof DoubleType;
            boolean wd = weighted && wv.dataType() instanceof DoubleType;
            boolean nulls = pv.hasNull() || yv.hasNull() || weighted && wv.hasNull();
            int i = next;
            for (; i < rows && n < x.length; i++) {
                if (nulls && t.countNulls(pv.isNullAt(i), yv.isNullAt(i), weighted && wv.isNullAt(i))) {
                    continue;
                }
                x[n] = pd ? (float) pv.getDouble(i) : pv.getFloat(i);
                y[n] = yd ? (float) yv.getDouble(i) : yv.getFloat(i);
                if (weighted) {
                    w[n] = wd ? wv.getDouble(i) : wv.getFloat(i);
                }
                n++;
            }
            next = i;
            return n;
        }
    }

    /** Counts the nulls of one row's columns; whether it has any (then the row is skipped). */
    private boolean countNulls(boolean prediction, boolean label, boolean weight) {
        if (prediction) {
            nullPredictions++;
        }
        if (label) {
            nullLabels++;
        }
        if (weight) {
            nullWeights++;
        }
        return prediction || label || weight;
    }

    private static void add(LossTotals t, LossSpec spec, float[] x, float[] y, double[] w, float[] scratch, int n) {
        if (n == 0) {
            return;
        }
        if (w == null) {
            t.sum += spec.chunkSum(x, y, scratch, n);
            t.count += n;
            return;
        }
        spec.chunkValues(x, y, scratch, n);
        double s = 0;
        double sw = 0;
        for (int i = 0; i < n; i++) {
            s += w[i] * scratch[i];
            sw += w[i];
        }
        t.sum += s;
        t.count += sw;
    }

    /**
     * The loss's own one-line error, when an executor raised one (a data check), else the Spark error as it came.
     */
    static RuntimeException unwrap(Exception e) {
        if (!(e instanceof SparkException)) {
            return e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof IllegalArgumentException) {
                return new IllegalArgumentException(c.getMessage(), e);
            }
        }
        return new IllegalStateException(e.getMessage(), e);
    }
}
