package org.losses4j.spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losses4j.nn.data.BostonHousing;
import org.losses4j.nn.data.TrainTestSplit;
import org.losses4j.spark.SparkTestSession;

/**
 * The anchor: Spark's {@code LinearRegression.setLoss("huber")} (ε 1.35, standardization on, regParam 0, L-BFGS) on
 * the Keras Boston split, and LossRegression with {@code huber_concomitant_loss}, ε 1.35, on the same rows.
 */
class BostonAnchorTest {
    /** Spark 4.0.1's fit, as recorded (intercept, σ, CRIM ... LSTAT, test MAE). */
    static final double INTERCEPT = 18.031361;
    static final double SIGMA = 1.926460;
    static final double[] COEFFICIENTS = {-0.118985, 0.0392716, -0.0206022, 2.12528, -9.83388, 4.87199, -0.0246389,
        -1.12963, 0.183235, -0.0106727, -0.664066, 0.00987736, -0.326617};
    static final double TEST_MAE = 3.129246;
    /** The bar: 1e-3 relative. */
    static final double REL = 1e-3;

    static Dataset<Row> train;
    static Dataset<Row> test;

    @BeforeAll
    static void data() {
        SparkSession spark = SparkTestSession.get();
        train = BostonFrames.train(spark, 2).cache();
        test = BostonFrames.test(spark).cache();
    }

    @Test
    void reproducesSparksHuberRegression() {
        LinearRegressionModel spark = new LinearRegression().setLoss("huber").fit(train);
        LossRegressionModel ours = new LossRegression().setLoss("huber_concomitant_loss")
                .setLossParams("epsilon=1.35").fit(train);
        System.out.printf("spark: it=%d b=%.8f s=%.8f %s%n", spark.summary().totalIterations(), spark.intercept(),
                spark.scale(), spark.coefficients());
        System.out.printf("ours:  it=%d b=%.8f s=%.8f %s%n", ours.iterations(), ours.intercept(), ours.scale(),
                ours.coefficients());
        double maeSpark = mae(spark.transform(test));
        double maeOurs = mae(ours.transform(test));
        System.out.printf("mae spark %.8f ours %.8f%n", maeSpark, maeOurs);

        // Spark in this run against the recorded figures: the data and the split are the anchor's.
        assertClose(spark.intercept(), INTERCEPT, 1e-5);
        assertClose(spark.scale(), SIGMA, 1e-5);
        for (int j = 0; j < COEFFICIENTS.length; j++) {
            assertClose(spark.coefficients().apply(j), COEFFICIENTS[j], 1e-5);
        }
        // Ours against Spark in this run and against the recorded figures.
        assertClose(ours.intercept(), spark.intercept(), REL);
        assertClose(ours.intercept(), INTERCEPT, REL);
        assertClose(ours.scale(), spark.scale(), REL);
        assertClose(ours.scale(), SIGMA, REL);
        for (int j = 0; j < COEFFICIENTS.length; j++) {
            assertClose(ours.coefficients().apply(j), spark.coefficients().apply(j), REL);
            assertClose(ours.coefficients().apply(j), COEFFICIENTS[j], REL);
        }
        assertClose(maeOurs, maeSpark, REL);
        assertClose(maeOurs, TEST_MAE, REL);

        // The same minimum: Spark's objective, in double on the driver, is no lower at Spark's solution than at ours
        // (beyond the float32 resolution of our loss values).
        double fSpark = sparkObjective(spark.coefficients().toArray(), spark.intercept(), spark.scale());
        double fOurs = sparkObjective(ours.coefficients().toArray(), ours.intercept(), ours.scale());
        System.out.printf("objective at spark's solution %.12f, at ours %.12f%n", fSpark, fOurs);
        assertThat(fOurs).isLessThanOrEqualTo(fSpark * (1 + 1e-9));
    }

    /**
     * Spark's Huber objective with regParam 0 (HuberBlockAggregator): (1/2n) Σ (σ + H(r/σ)·σ), H(z) = z² for
     * |z| ≤ ε, 2ε|z| − ε² beyond, on the training rows in double as the file has them.
     */
    static double sparkObjective(double[] w, double b, double sigma) {
        double[][] x = BostonHousing.featureValues();
        double[] y = BostonHousing.medv();
        int n = TrainTestSplit.trainSize(y.length, BostonHousing.DEFAULT_TEST_SPLIT);
        int[] perm = TrainTestSplit.permutation(y.length, BostonHousing.DEFAULT_SEED);
        double eps = 1.35;
        double sum = 0;
        for (int k = 0; k < n; k++) {
            int i = perm[k];
            double r = y[i] - b;
            for (int j = 0; j < w.length; j++) {
                r -= w[j] * x[i][j];
            }
            double z = Math.abs(r / sigma);
            sum += sigma + (z <= eps ? z * z : 2 * eps * z - eps * eps) * sigma;
        }
        return sum / (2.0 * n);
    }

    static double mae(Dataset<Row> predictions) {
        return predictions.selectExpr("avg(abs(prediction - label))").head().getDouble(0);
    }

    static void assertClose(double actual, double expected, double rel) {
        assertThat(actual).isCloseTo(expected, within(rel * Math.abs(expected)));
    }
}
