package org.losses4j.spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.spark.SparkLosses;
import org.losses4j.spark.SparkTestSession;
import org.losses4j.spark.bench.SyntheticRegression;

import scala.jdk.javaapi.CollectionConverters;

/**
 * LossRegression on the synthetic set with 5% gross outliers (2,000 rows, 4 features, 2 partitions): every loss
 * fits, bad input is refused on the driver, models are deterministic and survive save/load, and a cross-validation
 * of δ works.
 */
class LossRegressionTest {
    static final int ROWS = 2000;
    static final int FEATURES = 4;

    static SparkSession spark;
    static Dataset<Row> synth;

    @BeforeAll
    static void data() {
        spark = SparkTestSession.get();
        synth = SyntheticRegression.frame(spark, ROWS, FEATURES, 0.05, 7, 2).cache();
    }

    // ---- every loss fits ---------------------------------------------------------------------------------------

    /** The losses to fit and their parameters (defaults except where the default does not suit these labels). */
    static Map<String, String> everyLoss() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : TrainingLoss.SUPPORTED) {
            m.put(name, "");
        }
        m.put("quantile_loss", "q=0.5");
        m.put("asymmetric_huber", "delta=1.0,alpha=2.0");
        return m;
    }

    /** Losses whose minimiser is the clean model up to sampling noise, outliers or not. */
    static final List<String> ROBUST = List.of("l1_loss", "huber_loss", "smooth_l1_loss", "pseudo_huber",
            "log_cosh", "quantile_loss", "general_robust_loss", "huber_concomitant_loss");

    @Test
    void fitsEveryLossOnTheSyntheticSet() {
        assertThat(everyLoss().keySet()).contains("mse_loss", "poisson_nll_loss", "mape", "msle", "quantile_loss",
                "huber_concomitant_loss");
        double[] ols = leastSquares(synth);
        LossRegressionModel truth = model(SyntheticRegression.betas(FEATURES), SyntheticRegression.INTERCEPT);
        LossRegressionModel olsModel = model(java.util.Arrays.copyOf(ols, FEATURES), ols[FEATURES]);
        for (Map.Entry<String, String> e : everyLoss().entrySet()) {
            String loss = e.getKey();
            LossRegressionModel m = new LossRegression().setLoss(loss).setLossParams(e.getValue()).fit(synth);
            double[] w = m.coefficients().toArray();
            assertThat(java.util.Arrays.stream(w).allMatch(Double::isFinite)).as(loss).isTrue();
            assertThat(m.intercept()).as(loss).isFinite();
            if (loss.equals("mse_loss")) { // the least-squares solution, by the normal equations in double
                for (int j = 0; j < FEATURES; j++) {
                    assertThat(w[j]).as(loss + " w" + j).isCloseTo(ols[j], within(1e-4 * Math.abs(ols[j])));
                }
                assertThat(m.intercept()).as(loss).isCloseTo(ols[FEATURES], within(1e-4 * ols[FEATURES]));
            }
            if (ROBUST.contains(loss)) { // the outliers do not pull these
                for (int j = 0; j < FEATURES; j++) {
                    assertThat(w[j]).as(loss + " w" + j).isCloseTo(SyntheticRegression.beta(j), within(0.1));
                }
                assertThat(m.intercept()).as(loss).isCloseTo(SyntheticRegression.INTERCEPT, within(0.5));
            }
            if (loss.equals("poisson_nll_loss")) { // the intercept's score equation: Σ exp(x·w + b) = Σ y
                double sumRate = m.transform(synth).selectExpr("sum(exp(prediction))").head().getDouble(0);
                double sumY = synth.selectExpr("sum(label)").head().getDouble(0);
                assertThat(sumRate).as(loss).isCloseTo(sumY, within(1e-4 * sumY));
            }
            if (loss.equals("huber_concomitant_loss")) {
                assertThat(m.scale()).as(loss).isBetween(0.5, 2.0); // the inliers' noise is N(0, 1)
            } else {
                assertThat(m.scale()).as(loss).isNaN();
                // A minimum: the mean loss at the fit is no larger than at the clean model or the least squares.
                Map<String, Object> p = org.losses4j.spark.LossSpec.parseParams(e.getValue());
                double fit = SparkLosses.mean(m.transform(synth), "prediction", "label", loss, p);
                double atTruth = SparkLosses.mean(truth.transform(synth), "prediction", "label", loss, p);
                double atOls = SparkLosses.mean(olsModel.transform(synth), "prediction", "label", loss, p);
                assertThat(fit).as(loss + " against the clean model").isLessThanOrEqualTo(atTruth * (1 + 1e-6));
                assertThat(fit).as(loss + " against least squares").isLessThanOrEqualTo(atOls * (1 + 1e-6));
            }
        }
    }

    static LossRegressionModel model(double[] w, double b) {
        return new LossRegressionModel("reference", Vectors.dense(w), b, Double.NaN, 0);
    }

    /** Ordinary least squares with an intercept, on the driver: [w..., b]. */
    static double[] leastSquares(Dataset<Row> df) {
        int p = FEATURES + 1;
        double[][] a = new double[p][p + 1];
        for (Row r : df.collectAsList()) {
            double[] x = java.util.Arrays.copyOf(((Vector) r.get(0)).toArray(), p);
            x[FEATURES] = 1;
            double y = r.getDouble(1);
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    a[i][j] += x[i] * x[j];
                }
                a[i][p] += x[i] * y;
            }
        }
        for (int c = 0; c < p; c++) { // Gauss–Jordan with partial pivoting
            int piv = c;
            for (int r = c + 1; r < p; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = 0; r < p; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= p; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[] sol = new double[p];
        for (int i = 0; i < p; i++) {
            sol[i] = a[i][p] / a[i][i];
        }
        return sol;
    }

    // ---- bad input -----------------------------------------------------------------------------------------------

    @Test
    void badParametersAreRefusedAtTheSetterWithCoresMessage() {
        assertThatThrownBy(() -> new LossRegression().setLoss("hubr_loss")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("unknown loss 'hubr_loss'; did you mean");
        assertThatThrownBy(() -> new LossRegression().setLoss("huber_loss").setLossParams("delta=-1.5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("huber_loss: delta must be > 0, got -1.5");
        assertThatThrownBy(() -> new LossRegression().setLoss("rmse")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("LossRegression: loss 'rmse' is not an element-wise regression loss");
        assertThatThrownBy(() -> new LossRegression().setLoss("cross_entropy"))
                .hasMessageStartingWith("LossRegression: loss 'cross_entropy' is not an element-wise");
        assertThatThrownBy(() -> new LossRegression().setLoss("huber_loss").setLossParams("reduction=sum"))
                .hasMessageStartingWith("LossRegression: lossParams cannot set reduction");
        assertThatThrownBy(() -> new LossRegression().setLoss("quantile_loss").setLossParams("q=1.5"))
                .hasMessageStartingWith("quantile_loss: q must be in");
        assertThatThrownBy(() -> new LossRegression().setLossParams("epsilon")).hasMessageContaining("NAME=VALUE");
        assertThatThrownBy(() -> new LossRegression().setMaxIter(-1))
                .hasMessage("LossRegression: maxIter must be >= 0, got -1.0");
        // A grid sets params without the setters: fit checks the combination again, before any job.
        LossRegression l1 = new LossRegression().setLoss("l1_loss");
        LossRegression copy = l1.copy(new ParamMap().put(l1.lossParams(), "delta=1.0"));
        assertNoJob(() -> assertThatThrownBy(() -> copy.fit(synth)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delta"));
    }

    @Test
    void badColumnsAreRefusedBeforeAnyJob() {
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("label",
                DataTypes.StringType).add("w", DataTypes.DoubleType).add("f", DataTypes.DoubleType);
        Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2), "3", 1.0, 2.0)),
                schema);
        assertNoJob(() -> {
            assertThatThrownBy(() -> new LossRegression().fit(df)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("LossRegression: label column 'label' must be numeric, got type string");
            assertThatThrownBy(() -> new LossRegression().setLabelCol("nope").fit(df))
                    .hasMessage("LossRegression: label column 'nope' does not exist; columns: features, label, w, f");
            assertThatThrownBy(() -> new LossRegression().setFeaturesCol("f").setLabelCol("w").fit(df))
                    .hasMessage("LossRegression: features column 'f' must be a vector "
                            + "(org.apache.spark.ml.linalg.Vector), got type double");
            assertThatThrownBy(() -> new LossRegression().setLabelCol("w").setWeightCol("label").fit(df))
                    .hasMessage("LossRegression: weight column 'label' must be numeric, got type string");
        });
    }

    @Test
    void nullLabelsAndNegativeWeightsAreCountedBeforeTheIterations() {
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("label",
                DataTypes.DoubleType).add("w", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(RowFactory.create(Vectors.dense(i, 1), i % 7 == 0 ? null : (double) i, i == 5 ? -1.0 : 1.0));
        }
        Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(3);
        assertThatThrownBy(() -> new LossRegression().fit(df)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("LossRegression: label column 'label' has 3 null values");
        Dataset<Row> noNulls = df.na().drop();
        assertThatThrownBy(() -> new LossRegression().setWeightCol("w").fit(noNulls))
                .hasMessage("LossRegression: weight column 'w' has 1 negative or NaN values; weights must be >= 0");
    }

    /** Runs {@code body} in a job group and checks that no job of it ran. */
    static void assertNoJob(Runnable body) {
        String group = "no-job-" + System.nanoTime();
        spark.sparkContext().setJobGroup(group, "must run no job", false);
        try {
            body.run();
        } finally {
            spark.sparkContext().clearJobGroup();
        }
        assertThat(spark.sparkContext().statusTracker().getJobIdsForGroup(group)).isEmpty();
    }

    // ---- determinism, weights, save and load ---------------------------------------------------------------------

    @Test
    void deterministicWeightedAndSavedAndLoaded(@TempDir Path dir) throws Exception {
        LossRegression est = new LossRegression().setLoss("huber_loss").setLossParams("delta=1.5").setRegParam(0.01)
                .setTol(1e-4);
        LossRegressionModel a = est.fit(synth);
        LossRegressionModel b = est.fit(synth);
        assertThat(b.coefficients().toArray()).containsExactly(a.coefficients().toArray());
        assertThat(b.intercept()).isEqualTo(a.intercept());

        // Weight 2 on every row is the unweighted fit (the weighted mean); weight 0 drops a row.
        Dataset<Row> twice = synth.selectExpr("features", "label", "2.0 AS w");
        LossRegressionModel w2 = new LossRegression().setLoss("huber_loss").setLossParams("delta=1.5")
                .setRegParam(0.01).setTol(1e-4).setWeightCol("w").fit(twice);
        for (int j = 0; j < FEATURES; j++) {
            assertThat(w2.coefficients().apply(j)).isCloseTo(a.coefficients().apply(j), within(1e-4));
        }

        a.write().overwrite().save(dir.resolve("model").toString());
        LossRegressionModel back = LossRegressionModel.load(dir.resolve("model").toString());
        assertThat(back.uid()).isEqualTo(a.uid());
        assertThat(back.coefficients().toArray()).containsExactly(a.coefficients().toArray());
        assertThat(back.intercept()).isEqualTo(a.intercept());
        assertThat(back.getLoss()).isEqualTo("huber_loss");
        assertThat(back.getLossParams()).isEqualTo("delta=1.5");
        assertThat(back.transform(synth).selectExpr("sum(prediction)").head().getDouble(0))
                .isEqualTo(a.transform(synth).selectExpr("sum(prediction)").head().getDouble(0));

        est.write().overwrite().save(dir.resolve("estimator").toString());
        LossRegression estBack = LossRegression.load(dir.resolve("estimator").toString());
        assertThat(estBack.getLossParams()).isEqualTo("delta=1.5");
        assertThat(estBack.getRegParam()).isEqualTo(0.01);
        assertThat(estBack.uid()).isEqualTo(est.uid());

        LossRegressionModel conc = new LossRegression().setMaxIter(5).fit(synth);
        conc.write().overwrite().save(dir.resolve("concomitant").toString());
        assertThat(LossRegressionModel.load(dir.resolve("concomitant").toString()).scale()).isEqualTo(conc.scale());
    }

    // ---- model selection -----------------------------------------------------------------------------------------

    /**
     * A 2 × 3 cross-validation (2 folds, δ ∈ {0.5, 1.5, 1000}) of a Huber regression scored by MAE, a metric that
     * does not depend on δ. δ = 1000 is least squares on these residuals, which the outliers pull.
     */
    @Test
    void crossValidatesDeltaWithMae() {
        LossRegression huber = new LossRegression().setLoss("huber_loss").setTol(1e-4);
        ParamMap[] grid = new ParamGridBuilder().addGrid(huber.lossParams(),
                CollectionConverters.asScala(List.of("delta=0.5", "delta=1.5", "delta=1000"))).build();
        LossEvaluator mae = new LossEvaluator().setLoss("l1_loss");
        CrossValidatorModel cv = new CrossValidator().setEstimator(huber).setEstimatorParamMaps(grid)
                .setEvaluator(mae).setNumFolds(2).setSeed(11).fit(synth);
        double[] metrics = cv.avgMetrics();
        assertThat(metrics).hasSize(3);
        assertThat(java.util.Arrays.stream(metrics).allMatch(Double::isFinite)).isTrue();
        int best = 0;
        for (int k = 1; k < 3; k++) {
            if (metrics[k] < metrics[best]) {
                best = k;
            }
        }
        LossRegressionModel chosen = (LossRegressionModel) cv.bestModel();
        assertThat(chosen.getLossParams()).isEqualTo(grid[best].apply(huber.lossParams()));
        assertThat(metrics[2]).as("least squares, pulled by the outliers").isGreaterThan(metrics[0])
                .isGreaterThan(metrics[1]);
        assertThat(chosen.getLossParams()).isNotEqualTo("delta=1000");
    }
}
