package org.losses4j.spark.bench;

import java.util.SplittableRandom;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A deterministic linear regression data set with gross outliers: row i (from its own random stream, so the data do
 * not depend on the partitioning) has features x<sub>j</sub> = m<sub>j</sub> + s<sub>j</sub>·z (z standard normal,
 * means m<sub>j</sub> = j − 2 and scales s<sub>j</sub> = 1, 2, 3, ... cycling, so that standardization matters),
 * label y = {@link #INTERCEPT} + Σ β<sub>j</sub>·x<sub>j</sub> + e with e standard normal, and with probability
 * {@code outliers} a gross outlier: y + 20 + 30·u (u uniform in [0, 1)), always upwards, as a sensor fault or a
 * data-entry error would be. The labels stay positive (for {@code msle}, {@code mape}, {@code poisson_nll_loss}).
 */
public final class SyntheticRegression {
    private SyntheticRegression() {
    }

    /** The intercept of the clean model. */
    public static final double INTERCEPT = 50;

    /** The schema: features (vector), label (double). */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
        DataTypes.createStructField("label", DataTypes.DoubleType, false)});

    /** The clean model's coefficient of feature j: ±(0.5, 0.75, 1, 1.25) cycling, signs alternating. */
    public static double beta(int j) {
        return (j % 2 == 0 ? 1 : -1) * (0.5 + 0.25 * (j % 4));
    }

    /** The coefficients of the clean model. */
    public static double[] betas(int features) {
        double[] b = new double[features];
        for (int j = 0; j < features; j++) {
            b[j] = beta(j);
        }
        return b;
    }

    /**
     * The data set: {@code rows} rows of {@code features} features, a fraction {@code outliers} of gross outliers,
     * in {@code partitions} partitions.
     */
    public static Dataset<Row> frame(SparkSession spark, long rows, int features, double outliers, long seed,
            int partitions) {
        JavaRDD<Row> rdd = spark.range(0, rows, 1, partitions).javaRDD()
                .map(id -> row(id, features, outliers, seed));
        return spark.createDataFrame(rdd, SCHEMA);
    }

    /** Row {@code id}. */
    public static Row row(long id, int features, double outliers, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
        double[] x = new double[features];
        double y = INTERCEPT;
        for (int j = 0; j < features; j++) {
            x[j] = (j - 2) + (1 + j % 3) * gaussian(r);
            y += beta(j) * x[j];
        }
        y += gaussian(r);
        if (r.nextDouble() < outliers) {
            y += 20 + 30 * r.nextDouble();
        }
        return RowFactory.create(Vectors.dense(x), y);
    }

    /** A standard normal deviate (Box–Muller; the stream's own, so that it does not depend on a JDK's). */
    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble(); // (0, 1]
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
