package org.losses4j.spark;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.LossRegistry;
import org.losses4j.tensor.Tensor;

/** The kernel path, the SQL functions and core agree; the result does not depend on the partitioning. */
class SparkLossesTest {
    private static final int ROWS = 3000;
    private static SparkSession spark;
    private static Dataset<Row> data;
    /** The columns as the kernels read them (float32). */
    private static float[] p;
    private static float[] y;
    private static float[] pu;
    private static float[] yu;
    private static int[] g;

    @BeforeAll
    static void data() {
        spark = SparkTestSession.get();
        SparkLosses.register(spark);
        Random r = new Random(42);
        StructType schema = new StructType().add("g", DataTypes.IntegerType, false)
                .add("p", DataTypes.DoubleType, false).add("y", DataTypes.DoubleType, false)
                .add("pu", DataTypes.DoubleType, false).add("yu", DataTypes.DoubleType, false);
        List<Row> rows = new ArrayList<>();
        p = new float[ROWS];
        y = new float[ROWS];
        pu = new float[ROWS];
        yu = new float[ROWS];
        g = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            double a = 3 * r.nextGaussian();
            double b = r.nextDouble() < 0.05 ? 40 * r.nextGaussian() : a + r.nextGaussian(); // 5% gross outliers
            double c = r.nextDouble();
            double d = r.nextDouble();
            g[i] = i % 3;
            p[i] = (float) a;
            y[i] = (float) b;
            pu[i] = (float) c;
            yu[i] = (float) d;
            rows.add(RowFactory.create(g[i], a, b, c, d));
        }
        // Numeric columns only: Spark reads a cache of such columns as column vectors (a string column would not be).
        data = spark.createDataFrame(rows, schema).repartition(3).cache();
        data.createOrReplaceTempView("t");
        data.withColumn("s", lit("x")).createOrReplaceTempView("t_with_text");
    }

    private static String input(String loss) {
        return loss.equals("binary_cross_entropy") ? "pu" : "p";
    }

    private static String target(String loss) {
        return loss.startsWith("binary_cross_entropy") ? "yu" : "y";
    }

    private static float[] column(String name) {
        switch (name) {
            case "p":
                return p;
            case "y":
                return y;
            case "pu":
                return pu;
            default:
                return yu;
        }
    }

    /** Core's mean of the loss on the data collected to the driver. */
    private static double core(String loss, Map<String, ?> params, String reduction, int group) {
        float[] x = column(input(loss));
        float[] t = column(target(loss));
        int n = 0;
        float[] xs = new float[ROWS];
        float[] ts = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            if (group < 0 || g[i] == group) {
                xs[n] = x[i];
                ts[n] = t[i];
                n++;
            }
        }
        InputTargetLoss l = (InputTargetLoss) LossRegistry.standard().create(loss, params, reduction);
        return l.compute(Tensor.wrap(java.util.Arrays.copyOf(xs, n), n),
                Tensor.wrap(java.util.Arrays.copyOf(ts, n), n), false, false).item();
    }

    private static Offset<Double> relative(double expected, double rel) {
        return within(Math.abs(expected) * rel);
    }

    @Test
    void kernelPathSqlFunctionsAndCoreAgreeForEveryElementwiseLoss() {
        List<String> names = LossSpec.elementwiseNames();
        assertThat(names).hasSizeGreaterThanOrEqualTo(14);
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int k = 0; k < names.size(); k++) {
            String n = names.get(k);
            sql.append(k == 0 ? "" : ", ").append(n).append('(').append(input(n)).append(", ").append(target(n))
                    .append(')');
        }
        Row viaSql = spark.sql(sql.append(" FROM t").toString()).head();
        for (int k = 0; k < names.size(); k++) {
            String n = names.get(k);
            double mean = SparkLosses.mean(data, input(n), target(n), n, Map.of());
            double coreMean = core(n, Map.of(), "mean", -1);
            // Core adds float32 groups of four in its element-wise kernels: agreement to their rounding.
            assertThat(mean).as(n).isCloseTo(coreMean, relative(coreMean, 1e-6));
            // The SQL function adds the same terms in double, in other chunks.
            assertThat(viaSql.getDouble(k)).as("SQL %s", n).isCloseTo(mean, relative(mean, 1e-12));
        }
    }

    @Test
    void sqlFunctionsTakeLiteralParametersInTheListedOrderAndGroup() {
        List<Row> rows = spark.sql("SELECT g, huber_loss(p, y, 1.5) AS h, asymmetric_huber(p, y, 2, 0.5) AS a, "
                + "quantile_loss(p, y, 0.9) AS q, poisson_nll_loss(p, y, true, true, 1e-6) AS pn, "
                + "huber_loss(p, y) AS h1 FROM t GROUP BY g ORDER BY g").collectAsList();
        assertThat(rows).hasSize(3);
        for (Row r : rows) {
            int group = r.getInt(0);
            double h = core("huber_loss", Map.of("delta", 1.5), "mean", group);
            assertThat(r.getDouble(1)).isCloseTo(h, relative(h, 1e-6));
            double a = core("asymmetric_huber", Map.of("delta", 2.0, "alpha", 0.5), "mean", group);
            assertThat(r.getDouble(2)).isCloseTo(a, relative(a, 1e-6));
            double q = core("quantile_loss", Map.of("q", 0.9), "mean", group);
            assertThat(r.getDouble(3)).isCloseTo(q, relative(q, 1e-12));
            double pn = core("poisson_nll_loss", Map.of("log_input", true, "full", true, "eps", 1e-6), "mean",
                    group);
            assertThat(r.getDouble(4)).isCloseTo(pn, relative(pn, 1e-6));
            double h1 = core("huber_loss", Map.of(), "mean", group);
            assertThat(r.getDouble(5)).isCloseTo(h1, relative(h1, 1e-6));
        }
        // The same through the DataFrame API: the registered function, and a column without registration.
        List<Row> viaApi = data.groupBy("g")
                .agg(call_function("huber_loss", col("p"), col("y"), lit(1.5)),
                        SparkLosses.meanColumn(col("p"), col("y"), "huber_loss", Map.of("delta", 1.5)))
                .orderBy("g").collectAsList();
        for (int k = 0; k < 3; k++) {
            assertThat(viaApi.get(k).getDouble(1)).isCloseTo(rows.get(k).getDouble(1), relative(1, 1e-12));
            assertThat(viaApi.get(k).getDouble(2)).isCloseTo(rows.get(k).getDouble(1), relative(1, 1e-12));
        }
    }

    /** Both ways of reading are checked: the cached data is read by column vectors, a shuffled copy by rows. */
    @Test
    void resultDoesNotDependOnThePartitionsAndEmptyPartitionsCountForNothing() {
        assertThat(LossTotals.readsColumns(data, "p", "y")).isTrue();
        assertThat(LossTotals.readsColumns(data.repartition(2), "p", "y")).isFalse();
        assertThat(LossTotals.readsColumns(data, "g", "y")).as("an int column is read as rows").isFalse();
        double columns = SparkLosses.sum(data, "p", "y", "huber_loss", Map.of("delta", 1.5));
        double one = SparkLosses.sum(data.coalesce(1), "p", "y", "huber_loss", Map.of("delta", 1.5));
        for (int parts : new int[] {2, 7}) {
            Dataset<Row> d = data.repartition(parts);
            assertThat(SparkLosses.sum(d, "p", "y", "huber_loss", Map.of("delta", 1.5))).as("%d partitions", parts)
                    .isCloseTo(one, relative(one, 1e-12));
        }
        Dataset<Row> sparse = data.repartition(8, col("g")); // 3 groups hashed into 8 partitions: 5+ empty
        assertThat(sparse.javaRDD().glom().collect().stream().filter(List::isEmpty).count()).isGreaterThan(0);
        assertThat(SparkLosses.sum(sparse, "p", "y", "huber_loss", Map.of("delta", 1.5)))
                .isCloseTo(one, relative(one, 1e-12));
        assertThat(columns).isCloseTo(one, relative(one, 1e-12));
        double core = core("huber_loss", Map.of("delta", 1.5), "sum", -1);
        assertThat(one).isCloseTo(core, relative(core, 1e-6));
    }

    /**
     * One partition of 2·CHUNK + 7000 rows: three chunks, the third partial. A cache of it comes as column batches
     * of Spark's default 10,000 rows, so chunks span batches; an aliased projection of the same cache is read as rows,
     * in the same order. Both ways give the same chunks, so the same sums to the last bit: Σ over the chunks, in
     * order, of the kernel's chunk sum. Null rows are counted alike.
     */
    @Test
    void chunksSpanColumnBatchesAndRowsGiveTheSameChunks() {
        int n = 2 * LossSpec.CHUNK + 7000;
        StructType schema = new StructType().add("p", DataTypes.DoubleType, false)
                .add("y", DataTypes.DoubleType, false).add("w", DataTypes.DoubleType, false)
                .add("v", DataTypes.DoubleType, true);
        List<Row> generated = new ArrayList<>();
        Random r = new Random(7);
        for (int i = 0; i < n; i++) {
            double a = 3 * r.nextGaussian();
            generated.add(RowFactory.create(a, a + r.nextGaussian(), (double) (i % 5), i % 997 == 0 ? null : 1.0));
        }
        // As the shared data: a cache of a shuffled local relation is read as column vectors.
        Dataset<Row> big = spark.createDataFrame(generated, schema).repartition(1).cache();
        Dataset<Row> rows = big.select(col("p").as("p1"), col("y").as("y1"), col("w").as("w1"), col("v").as("v1"));
        assertThat(SparkLosses.readsColumnVectors(big, "p", "y")).isTrue();
        assertThat(SparkLosses.readsColumnVectors(rows, "p1", "y1")).isFalse();

        List<Row> collected = big.collectAsList();
        assertThat(collected).hasSize(n);
        float[] x = new float[n];
        float[] t = new float[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) collected.get(i).getDouble(0);
            t[i] = (float) collected.get(i).getDouble(1);
            w[i] = collected.get(i).getDouble(2);
        }
        LossSpec huber = LossSpec.of("huber_loss", Map.of("delta", 1.5));
        double expected = 0;
        double expectedWeighted = 0;
        float[] xc = new float[LossSpec.CHUNK];
        float[] tc = new float[LossSpec.CHUNK];
        float[] scratch = new float[LossSpec.CHUNK];
        for (int start = 0; start < n; start += LossSpec.CHUNK) {
            int len = Math.min(LossSpec.CHUNK, n - start);
            System.arraycopy(x, start, xc, 0, len);
            System.arraycopy(t, start, tc, 0, len);
            expected += huber.chunkSum(xc, tc, scratch, len);
            huber.chunkValues(xc, tc, scratch, len);
            double s = 0;
            for (int i = 0; i < len; i++) {
                s += w[start + i] * scratch[i];
            }
            expectedWeighted += s;
        }
        assertThat(SparkLosses.sum(big, "p", "y", huber)).isEqualTo(expected);
        assertThat(SparkLosses.sum(rows, "p1", "y1", huber)).isEqualTo(expected);
        assertThat(SparkLosses.weightedSum(big, "p", "y", "w", huber)).isEqualTo(expectedWeighted);
        assertThat(SparkLosses.weightedSum(rows, "p1", "y1", "w1", huber)).isEqualTo(expectedWeighted);

        int nulls = (n - 1) / 997 + 1;
        assertThatThrownBy(() -> SparkLosses.weightedSum(big, "p", "y", "v", huber))
                .hasMessageStartingWith("weight column 'v' has " + nulls + " null values");
        assertThatThrownBy(() -> SparkLosses.weightedSum(rows, "p1", "y1", "v1", huber))
                .hasMessageStartingWith("weight column 'v1' has " + nulls + " null values");
        big.unpersist();
    }

    @Test
    void emptyGivesNaNForTheMeanAndNaNPropagates() {
        Dataset<Row> empty = data.filter(col("g").equalTo(7));
        assertThat(SparkLosses.mean(empty, "p", "y", "l1_loss", Map.of())).isNaN();
        assertThat(SparkLosses.sum(empty, "p", "y", "l1_loss", Map.of())).isZero();
        assertThat(spark.sql("SELECT l1_loss(p, y) FROM t WHERE g = 7").head().getDouble(0)).isNaN();
        Dataset<Row> withNaN = data.withColumn("p", org.apache.spark.sql.functions
                .when(col("g").equalTo(1).and(col("p").gt(4)), Double.NaN).otherwise(col("p")));
        assertThat(SparkLosses.mean(withNaN, "p", "y", "mse_loss", Map.of())).isNaN();
    }

    @Test
    void badInputFailsOnTheDriverBeforeAnyJobWithOneLine() {
        String group = "bad-input-" + System.nanoTime();
        spark.sparkContext().setJobGroup(group, "bad input", false);
        try {
            assertThatThrownBy(() -> SparkLosses.mean(data, "p", "y", "hubr_loss", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown loss 'hubr_loss'; did you mean 'huber_loss'? (see 'losses4j list' for all "
                            + "names)");
            assertThatThrownBy(() -> SparkLosses.mean(data, "p", "y", "huber_loss", Map.of("delta", -1.5)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("huber_loss: delta must be > 0, got -1.5");
            assertThatThrownBy(() -> SparkLosses.sum(data, "p", "y", "cross_entropy", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("SparkLosses.sum: loss 'cross_entropy' is not element-wise");
            assertThatThrownBy(() -> SparkLosses.mean(data, "q", "y", "l1_loss", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("prediction column 'q' does not exist; columns: g, p, y, pu, yu");
            assertThatThrownBy(() -> SparkLosses.mean(data.withColumn("s", lit("x")), "p", "s", "l1_loss", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("label column 's' must be numeric, got type string");
            assertThatThrownBy(() -> SparkLosses.mean(data, "p", "y", "l1_loss", Map.of("reduction", "sum")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("SparkLosses.mean: the method is the reduction; remove reduction=sum from the "
                            + "parameters");
            assertThatThrownBy(() -> spark.sql("SELECT huber_loss(p, y, -1.5) FROM t"))
                    .hasMessageContaining("huber_loss: delta must be > 0, got -1.5");
            assertThatThrownBy(() -> spark.sql("SELECT huber_loss(p, y, p) FROM t"))
                    .hasMessageContaining("huber_loss: delta must be a literal, got ");
            assertThatThrownBy(() -> spark.sql("SELECT huber_loss(p, y, 1, 2) FROM t"))
                    .hasMessageContaining("huber_loss takes (prediction, label[, delta]), got 4 arguments");
            assertThatThrownBy(() -> spark.sql("SELECT l1_loss(s, y) FROM t_with_text"))
                    .hasMessageContaining("l1_loss: prediction must be numeric, got ")
                    .hasMessageContaining(" of type string");
            assertThat(spark.sparkContext().statusTracker().getJobIdsForGroup(group)).isEmpty();
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    @Test
    void nullsAreCountedAndNamedAndDataChecksKeepCoresMessage() {
        Dataset<Row> withNulls = data.withColumn("y", org.apache.spark.sql.functions
                .when(col("g").equalTo(2), lit(null)).otherwise(col("y")));
        assertThatThrownBy(() -> SparkLosses.mean(withNulls, "p", "y", "l1_loss", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label column 'y' has 1000 null values; drop or fill them first (na().drop(), "
                        + "na().fill())");
        assertThatThrownBy(() -> Columns.requireNoNulls(withNulls, "prediction column", "p", "label column", "y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label column 'y' has 1000 null values; drop or fill them first (na().drop(), "
                        + "na().fill())");
        withNulls.createOrReplaceTempView("with_nulls");
        assertThatThrownBy(() -> spark.sql("SELECT l1_loss(p, y) FROM with_nulls").head())
                .hasMessageContaining("l1_loss: ").hasMessageContaining(" has 1000 null values in a group; drop or "
                        + "fill them first");
        assertThatThrownBy(() -> SparkLosses.mean(data, "p", "yu", "binary_cross_entropy", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("binary_cross_entropy: input must hold probabilities in [0, 1], got ");
    }
}
