package org.losses4j.spark.bench;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.losses4j.spark.ml.BostonFrames;
import org.losses4j.spark.ml.LossRegression;
import org.losses4j.spark.ml.LossRegressionModel;

/**
 * Side-by-side fit times of Spark's {@code LinearRegression().setLoss("huber")} (its defaults: ε 1.35,
 * standardization, regParam 0, maxIter 100, tol 1e-6) and {@link LossRegression} with {@code huber_concomitant_loss},
 * ε 1.35 (its defaults: the same objective, maxIter 100, tol 1e-6), on {@code local[2]}, from the same cached
 * DataFrame: the Keras Boston split (404 rows × 13) and {@link SyntheticRegression} (rows × 20 features, 5% gross
 * outliers). Each round fits both, in an order that alternates from round to round; the table gives the median over
 * the measured rounds, the iterations, the ratio, and how far the two fits' coefficients are apart. Not a unit test:
 * run it by hand (docs/SPARK.md gives the command).
 *
 * <p>Arguments: synthetic rows (default 1,000,000), measured rounds (default 3), warm-up rounds (default 1).
 */
public final class LossRegressionBench {
    private LossRegressionBench() {
    }

    public static void main(String[] args) {
        BenchSetup b = BenchSetup.start("losses4j-regression-bench", args, 1_000_000L, 3, 1);
        SparkSession spark = b.spark();
        long rows = b.rows();
        System.out.println("| data | Spark LinearRegression huber | LossRegression huber_concomitant_loss | ratio "
                + "(ours / Spark) | largest coefficient difference, relative |");
        System.out.println("|---|---|---|---|---|");
        Dataset<Row> boston = BostonFrames.train(spark, 2).cache();
        boston.count();
        run("Boston, 404 × 13", boston, b);
        Dataset<Row> synth = SyntheticRegression.frame(spark, rows, 20, 0.05, 1, 2).cache();
        synth.count();
        run(String.format("synthetic, %,d × 20, 5%% outliers", rows), synth, b);
        spark.stop();
    }

    private static void run(String name, Dataset<Row> df, BenchSetup b) {
        List<Double> sparkTimes = new ArrayList<>();
        List<Double> ourTimes = new ArrayList<>();
        LinearRegressionModel s = null;
        LossRegressionModel o = null;
        for (int r = 0; r < b.warmup() + b.rounds(); r++) {
            for (int k = 0; k < 2; k++) {
                boolean sparkFirst = r % 2 == 0;
                long t0 = System.nanoTime();
                if ((k == 0) == sparkFirst) {
                    s = new LinearRegression().setLoss("huber").fit(df);
                    if (b.measured(r)) {
                        sparkTimes.add((System.nanoTime() - t0) / 1e9);
                    }
                } else {
                    o = new LossRegression().setLoss("huber_concomitant_loss").setLossParams("epsilon=1.35").fit(df);
                    if (b.measured(r)) {
                        ourTimes.add((System.nanoTime() - t0) / 1e9);
                    }
                }
            }
        }
        double ts = BenchSetup.median(sparkTimes);
        double to = BenchSetup.median(ourTimes);
        System.out.printf("| %s | %.2f s (%d iterations) | %.2f s (%d iterations) | %.2f | %.1e |%n", name, ts,
                s.summary().totalIterations(), to, o.iterations(), to / ts, diff(s.coefficients(),
                        o.coefficients()));
    }

    private static double diff(Vector a, Vector b) {
        double m = 0;
        for (int j = 0; j < a.size(); j++) {
            m = Math.max(m, Math.abs(a.apply(j) - b.apply(j)) / Math.abs(a.apply(j)));
        }
        return m;
    }
}
