package org.losses4j.spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.spark.LossSpec;
import org.losses4j.spark.SparkLosses;
import org.losses4j.spark.SparkTestSession;

class LossEvaluatorTest {
    private static SparkSession spark;
    /** label = 2 x1 - x2 + 1 + noise, with 5% gross outliers; a weight column; a prediction column. */
    private static Dataset<Row> data;
    private static double[] pred;
    private static double[] label;
    private static double[] weight;

    @BeforeAll
    static void data() {
        spark = SparkTestSession.get();
        Random r = new Random(7);
        int n = 400;
        pred = new double[n];
        label = new double[n];
        weight = new double[n];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x1 = r.nextGaussian();
            double x2 = r.nextGaussian();
            double noise = r.nextDouble() < 0.05 ? 30 * r.nextGaussian() : 0.3 * r.nextGaussian();
            label[i] = 2 * x1 - x2 + 1 + noise;
            pred[i] = 2 * x1 - x2 + 1 + 0.1;
            weight[i] = 1 + (i % 4);
            rows.add(RowFactory.create(Vectors.dense(x1, x2), label[i], pred[i], weight[i]));
        }
        StructType schema = new StructType().add("features", new VectorUDT(), false)
                .add("label", DataTypes.DoubleType, false).add("prediction", DataTypes.DoubleType, false)
                .add("w", DataTypes.DoubleType, false);
        data = spark.createDataFrame(rows, schema).repartition(2).cache();
    }

    @Test
    void scoresWithTheLossMeanWeightedMeanOrSum() {
        LossEvaluator e = new LossEvaluator().setLoss("huber_loss").setLossParams("delta=1.5");
        assertThat(e.isLargerBetter()).isFalse();
        double expected = SparkLosses.mean(data, "prediction", "label", "huber_loss", Map.of("delta", 1.5));
        assertThat(e.evaluate(data)).isEqualTo(expected);
        // Weighted: Σ w ℓ / Σ w, computed here from the float32 values the kernels see.
        double sw = 0;
        double swl = 0;
        for (int i = 0; i < pred.length; i++) {
            double d = Math.abs((double) (float) pred[i] - (float) label[i]);
            double l = d < 1.5 ? 0.5 * d * d : 1.5 * (d - 0.75);
            swl += weight[i] * l;
            sw += weight[i];
        }
        assertThat(e.setWeightCol("w").evaluate(data)).isCloseTo(swl / sw, within(1e-6 * swl / sw));
        assertThat(e.setWeightCol(null).setLossParams("delta=1.5,reduction=sum").evaluate(data))
                .isCloseTo(expected * pred.length, within(1e-9 * expected * pred.length));
    }

    @Test
    void settersCheckOnTheDriver() {
        assertThatThrownBy(() -> new LossEvaluator().setLoss("hubr_loss"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown loss 'hubr_loss'");
        assertThatThrownBy(() -> new LossEvaluator().setLoss("huber_loss").setLossParams("delta=0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("huber_loss: delta must be > 0, got 0");
        assertThatThrownBy(() -> new LossEvaluator().setLoss("cross_entropy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("LossEvaluator: loss 'cross_entropy' is not element-wise");
        assertThatThrownBy(() -> new LossEvaluator().setLoss("l1_loss").setLossParams("reduction=none"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LossEvaluator: reduction must be mean or sum, got 'none'");
        // Parameters first, loss second: checked when the loss is set.
        assertThatThrownBy(() -> new LossEvaluator().setLossParams("q=1.5").setLoss("quantile_loss"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("quantile_loss: q must be");
        // A grid's ParamMap bypasses the setters: evaluate checks before any job.
        LossEvaluator e = new LossEvaluator().setLoss("huber_loss");
        LossEvaluator bad = e.copy(new ParamMap().put(e.lossParams(), "delta=-1"));
        assertThatThrownBy(() -> bad.evaluate(data)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("huber_loss: delta must be > 0, got -1");
        assertThatThrownBy(() -> new LossEvaluator().setPredictionCol("nope").evaluate(data))
                .hasMessageStartingWith("prediction column 'nope' does not exist; columns: features, label");
    }

    @Test
    void savesAndLoads(@TempDir Path dir) throws Exception {
        LossEvaluator e = new LossEvaluator().setLoss("quantile_loss").setLossParams("q=0.9").setLabelCol("label")
                .setWeightCol("w");
        String path = dir.resolve("eval").toString();
        e.write().overwrite().save(path);
        LossEvaluator back = LossEvaluator.load(path);
        assertThat(back.uid()).isEqualTo(e.uid());
        assertThat(back.getLoss()).isEqualTo("quantile_loss");
        assertThat(back.getLossParams()).isEqualTo("q=0.9");
        assertThat(back.getWeightCol()).isEqualTo("w");
        assertThat(back.lossSpec()).isEqualTo(LossSpec.parse("quantile_loss", "q=0.9"));
        assertThat(Files.exists(dir.resolve("eval").resolve("metadata"))).isTrue();
    }

    /**
     * Model selection with the evaluator (a CrossValidator fit with it is the regression module's test; here the
     * cheaper TrainValidationSplit fit, and the CrossValidator's save and load).
     */
    @Test
    void selectsModelsInTrainValidationSplitAndSavesWithACrossValidator(@TempDir Path dir) throws Exception {
        Dataset<Row> train = data.drop("prediction");
        LinearRegression lr = new LinearRegression().setSolver("normal");
        ParamMap[] grid = new ParamGridBuilder().addGrid(lr.regParam(), new double[] {0.0, 10.0}).build();
        LossEvaluator huber = new LossEvaluator().setLoss("huber_loss").setLossParams("delta=1.0");
        TrainValidationSplitModel tvs = new TrainValidationSplit().setEstimator(lr).setEstimatorParamMaps(grid)
                .setEvaluator(huber).setTrainRatio(0.75).setSeed(1).fit(train);
        // The heavily regularised model is far worse; smaller is better, so regParam 0 wins.
        assertThat(tvs.validationMetrics()[0]).isLessThan(tvs.validationMetrics()[1]);
        assertThat(((org.apache.spark.ml.regression.LinearRegressionModel) tvs.bestModel()).getRegParam())
                .isEqualTo(0.0);
        // The evaluator is saved with the cross-validator and comes back.
        String path = dir.resolve("cv").toString();
        new CrossValidator().setEstimator(lr).setEstimatorParamMaps(grid).setEvaluator(huber).setNumFolds(2)
                .write().overwrite().save(path);
        CrossValidator back = CrossValidator.load(path);
        assertThat(((LossEvaluator) back.getEvaluator()).getLossParams()).isEqualTo("delta=1.0");
    }
}
