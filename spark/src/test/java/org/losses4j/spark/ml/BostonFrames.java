package org.losses4j.spark.ml;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.losses4j.nn.data.BostonHousing;
import org.losses4j.nn.data.TrainTestSplit;

/**
 * The Keras Boston split (404 training rows, 102 test rows; seed 113) as DataFrames of (features, label), in double
 * precision exactly as in the bundled file.
 */
public final class BostonFrames {
    private BostonFrames() {
    }

    static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
        DataTypes.createStructField("label", DataTypes.DoubleType, false)});

    /** The training part, in the split's order. */
    public static Dataset<Row> train(SparkSession spark, int partitions) {
        return part(spark, true, partitions);
    }

    /** The test part, in the split's order. */
    public static Dataset<Row> test(SparkSession spark) {
        return part(spark, false, 1);
    }

    private static Dataset<Row> part(SparkSession spark, boolean train, int partitions) {
        double[][] x = BostonHousing.featureValues();
        double[] y = BostonHousing.medv();
        int n = y.length;
        int k = TrainTestSplit.trainSize(n, BostonHousing.DEFAULT_TEST_SPLIT);
        int[] perm = TrainTestSplit.permutation(n, BostonHousing.DEFAULT_SEED);
        List<Row> rows = new ArrayList<>();
        for (int i = train ? 0 : k; i < (train ? k : n); i++) {
            rows.add(RowFactory.create(Vectors.dense(x[perm[i]]), y[perm[i]]));
        }
        // Contiguous slices, in order: the same partitioning every run.
        return spark.createDataFrame(new JavaSparkContext(spark.sparkContext()).parallelize(rows, partitions), SCHEMA);
    }
}
