package org.losses4j.spark.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.randn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.losses4j.spark.SparkLosses;

/**
 * Side-by-side timings of the loss aggregates on {@code local[2]}: the kernel path of {@link SparkLosses#mean}, the
 * registered SQL function, and Spark's own SQL expressions for the same numbers ({@code avg(abs(p - y))} for
 * {@code l1_loss}, the closed form for {@code huber_loss}), on the same cached DataFrame. Each round runs every path
 * once, in an order rotated from round to round; the table gives the median over the measured rounds and the ratio
 * to Spark's SQL Huber expression. Not a unit test: run it by hand (docs/SPARK.md gives the command).
 *
 * <p>Arguments: rows (default 10,000,000), measured rounds (default 5), warm-up rounds (default 2).
 */
public final class SparkLossesBench {
    private SparkLossesBench() {
    }

    public static void main(String[] args) {
        BenchSetup b = BenchSetup.start("losses4j-spark-bench", args, 10_000_000L, 5, 2);
        SparkSession spark = b.spark();
        long rows = b.rows();
        SparkLosses.register(spark);
        // y = p + noise with 5% gross outliers; doubles, as a prediction column of Spark ML has them.
        Dataset<Row> df = spark.range(0, rows, 1, 2)
                .select(randn(1).multiply(3).as("p"), randn(2).as("e"), rand(3).as("u"))
                .selectExpr("p", "p + CASE WHEN u < 0.05 THEN 30 * e ELSE e END AS y").cache();
        System.out.printf("rows %d, partitions %d, cached: %d rows%n", rows, df.rdd().getNumPartitions(),
                df.count());
        df.createOrReplaceTempView("bench");
        System.out.printf("SparkLosses reads %s%n", SparkLosses.readsColumnVectors(df, "p", "y") ? "column vectors"
                : "rows");
        Map<String, DoubleSupplier> paths = new LinkedHashMap<>();
        paths.put("SparkLosses.mean l1_loss (kernel path)",
                () -> SparkLosses.mean(df, "p", "y", "l1_loss", Map.of()));
        paths.put("SQL avg(abs(p - y))", () -> spark.sql("SELECT avg(abs(p - y)) FROM bench").head().getDouble(0));
        paths.put("SparkLosses.mean huber_loss (kernel path)",
                () -> SparkLosses.mean(df, "p", "y", "huber_loss", Map.of("delta", 1.0)));
        paths.put("SQL Huber closed form", () -> spark.sql("SELECT avg(CASE WHEN abs(p - y) < 1.0 "
                + "THEN 0.5 * (p - y) * (p - y) ELSE abs(p - y) - 0.5 END) FROM bench").head().getDouble(0));
        paths.put("SQL function huber_loss(p, y, 1.0)",
                () -> spark.sql("SELECT huber_loss(p, y, 1.0) FROM bench").head().getDouble(0));
        List<String> names = new ArrayList<>(paths.keySet());
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, Double> values = new LinkedHashMap<>();
        for (String n : names) {
            times.put(n, new ArrayList<>());
        }
        for (int r = 0; r < b.warmup() + b.rounds(); r++) {
            for (int k = 0; k < names.size(); k++) {
                String n = names.get((k + r) % names.size());
                long t0 = System.nanoTime();
                double v = paths.get(n).getAsDouble();
                double s = (System.nanoTime() - t0) / 1e9;
                values.put(n, v);
                if (b.measured(r)) {
                    times.get(n).add(s);
                }
            }
        }
        double reference = BenchSetup.median(times.get("SQL Huber closed form"));
        System.out.printf("%n| path | median s | relative to SQL Huber | value |%n|---|---|---|---|%n");
        for (String n : names) {
            double m = BenchSetup.median(times.get(n));
            System.out.printf("| %s | %.3f | %.2f× | %.9f |%n", n, m, m / reference, values.get(n));
        }
        System.out.printf("%n(%d measured rounds after %d warm-up rounds; times of each path: %s)%n", b.rounds(),
                b.warmup(), times);
        spark.stop();
    }
}
