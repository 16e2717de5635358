package org.losses4j.spark;

import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The element-wise losses of losses4j over the rows of a Spark DataFrame: the mean or sum of ℓ(prediction, label),
 * as PyTorch's {@code mean} and {@code sum} reductions give them over the whole columns.
 *
 * <pre>{@code
 * double huber = SparkLosses.mean(predictions, "prediction", "label", "huber_loss", Map.of("delta", 1.5));
 * SparkLosses.register(spark);   // SQL: SELECT g, huber_loss(prediction, label, 1.5) FROM t GROUP BY g
 * }</pre>
 *
 * <p>The loss, its parameters and the columns are checked on the driver before any job runs, each with a one-line
 * {@link IllegalArgumentException}: an unknown loss or a bad parameter (core's message), a loss that is not
 * element-wise, a missing or non-numeric column. A null in either column is an error naming the column and the
 * number of nulls; NaN propagates, as in core. Values are read as float32, as the kernels take them; sums are in
 * double and do not depend on the number of partitions beyond the rounding of double additions.
 */
public final class SparkLosses {
    private SparkLosses() {
    }

    /**
     * The mean of the loss over the rows: NaN for an empty DataFrame, as PyTorch's mean of nothing.
     *
     * @param params the loss's parameters by name (without {@code reduction}); may be null or empty
     * @throws IllegalArgumentException see the class description
     */
    public static double mean(Dataset<Row> df, String predictionCol, String labelCol, String loss,
            Map<String, ?> params) {
        return mean(df, predictionCol, labelCol, spec("SparkLosses.mean", loss, params));
    }

    /**
     * The sum of the loss over the rows (0 for an empty DataFrame).
     *
     * @param params the loss's parameters by name (without {@code reduction}); may be null or empty
     * @throws IllegalArgumentException see the class description
     */
    public static double sum(Dataset<Row> df, String predictionCol, String labelCol, String loss,
            Map<String, ?> params) {
        return sum(df, predictionCol, labelCol, spec("SparkLosses.sum", loss, params));
    }

    /** {@link #mean(Dataset, String, String, String, Map)} of a spec (whose reduction is ignored). */
    public static double mean(Dataset<Row> df, String predictionCol, String labelCol, LossSpec spec) {
        LossTotals t = LossTotals.of(df, predictionCol, labelCol, null, spec, "SparkLosses.mean");
        return t.count == 0 ? Double.NaN : t.sum / t.count;
    }

    /** {@link #sum(Dataset, String, String, String, Map)} of a spec (whose reduction is ignored). */
    public static double sum(Dataset<Row> df, String predictionCol, String labelCol, LossSpec spec) {
        return LossTotals.of(df, predictionCol, labelCol, null, spec, "SparkLosses.sum").sum;
    }

    /**
     * The weighted mean Σ w<sub>i</sub> ℓ<sub>i</sub> / Σ w<sub>i</sub> (NaN when the weights sum to 0), as Spark's
     * evaluators weight a metric.
     *
     * @throws IllegalArgumentException see the class description; also for a missing, non-numeric or null weight
     */
    public static double weightedMean(Dataset<Row> df, String predictionCol, String labelCol, String weightCol,
            LossSpec spec) {
        LossTotals t = LossTotals.of(df, predictionCol, labelCol, weightCol, spec, "SparkLosses.weightedMean");
        return t.count == 0 ? Double.NaN : t.sum / t.count;
    }

    /** The weighted sum Σ w<sub>i</sub> ℓ<sub>i</sub>. */
    public static double weightedSum(Dataset<Row> df, String predictionCol, String labelCol, String weightCol,
            LossSpec spec) {
        return LossTotals.of(df, predictionCol, labelCol, weightCol, spec, "SparkLosses.weightedSum").sum;
    }

    /**
     * Whether {@link #mean} and {@link #sum} read these two columns of {@code df} as column vectors (a lone columnar
     * scan of float or double columns: a cached DataFrame, Parquet, ORC), the faster way, rather than as rows. Runs no
     * job.
     */
    public static boolean readsColumnVectors(Dataset<Row> df, String predictionCol, String labelCol) {
        return LossTotals.readsColumns(df, predictionCol, labelCol);
    }

    private static LossSpec spec(String what, String loss, Map<String, ?> params) {
        if (params != null && params.containsKey("reduction")) {
            throw new IllegalArgumentException(what + ": the method is the reduction; remove reduction="
                    + params.get("reduction") + " from the parameters");
        }
        return LossSpec.of(loss, params).requireElementwise(what);
    }

    /**
     * Registers every element-wise loss as a SQL aggregate function under its registry name, returning the mean of
     * the loss over the rows of each group: {@code huber_loss(prediction, label[, delta])}. Parameters follow the
     * two columns as literals, in the order {@code losses4j list} shows them; trailing ones may be left out for their
     * defaults. Once registered, the functions also serve {@code df.groupBy(...).agg(...)} through
     * {@code functions.call_function("huber_loss", col("p"), col("y"), lit(1.5))}.
     *
     * @return the names registered
     */
    public static java.util.List<String> register(SparkSession spark) {
        return SqlFunctions.register(spark);
    }

    /**
     * The mean of the loss as an aggregate {@link Column} (for {@code df.groupBy(...).agg(...)}), without
     * registering anything.
     *
     * @throws IllegalArgumentException for an unknown loss, a bad parameter or a loss that is not element-wise
     */
    public static Column meanColumn(Column prediction, Column label, String loss, Map<String, ?> params) {
        return SqlFunctions.column(spec("SparkLosses.meanColumn", loss, params), prediction, label);
    }
}
