package org.losses4j.xgboost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.IObjective;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.losses4j.nn.data.BostonHousing;
import org.losses4j.nn.data.TrainTestSplit;

/**
 * The anchors of the XGBoost objective: {@code pseudo_huber} reproduces XGBoost's own {@code reg:pseudohubererror};
 * {@code huber_loss} and {@code log_cosh} beat {@code reg:squarederror} on data with gross outliers; the metric
 * drives early stopping.
 */
class XGBoostAnchorTest {
    /** Predictions of the two boosters agree to this, relative. */
    private static final double PREDICTION_TOLERANCE = 1e-5;

    @Test
    void pseudoHuberIsXGBoostsPseudoHuberError() throws Exception {
        TrainTestSplit s = BostonHousing.load();
        DMatrix train = Boosting.matrix(s.train());
        DMatrix test = Boosting.matrix(s.test());
        double base = Boosting.median(s.train().y());
        for (double slope : new double[] {1.0, 2.5, 10.0}) {
            Map<String, Object> params = Boosting.params(0.3, 4, 1.0, base);
            Map<String, Object> builtin = new HashMap<>(params);
            builtin.put("objective", "reg:pseudohubererror");
            builtin.put("huber_slope", slope);
            Booster theirs = Boosting.train(train, builtin, 40, null);
            Booster ours = Boosting.train(train, params, 40, new LossObjective("pseudo_huber", Map.of("delta", slope)));
            float[] expected = Boosting.predict(theirs, test);
            float[] actual = Boosting.predict(ours, test);
            System.out.printf("pseudo_huber δ=%s / reg:pseudohubererror huber_slope=%s: largest relative difference"
                    + " of the %d test predictions %.2e%n", slope, slope, actual.length,
                    Boosting.maxRelative(actual, expected));
            assertThat(Boosting.maxRelative(actual, expected)).as("huber_slope %s", slope)
                    .isLessThanOrEqualTo(PREDICTION_TOLERANCE);
            // and the model learned: its test MAE is far below that of the constant base score
            float[] constant = new float[expected.length];
            java.util.Arrays.fill(constant, (float) base);
            assertThat(Boosting.mae(actual, s.test().y())).isLessThan(0.6 * Boosting.mae(constant, s.test().y()));
        }
    }

    /** Held-out MAE of one objective on the outlier data: against the labels and against the clean labels. */
    record Result(String objective, double mae, double cleanMae) {
    }

    static Map<String, Result> outlierTable(int rows, int rounds) throws Exception {
        OutlierData train = OutlierData.generate(rows, 0.05, 1);
        OutlierData test = OutlierData.generate(rows / 2, 0.05, 2);
        DMatrix dtrain = Boosting.matrix(train.x(), train.y(), train.rows());
        DMatrix dtest = Boosting.matrix(test.x(), test.y(), test.rows());
        double median = Boosting.median(train.y());
        Map<String, Result> out = new LinkedHashMap<>();
        // squared error as a user runs it: XGBoost's own objective and base score (the label mean)
        Map<String, Object> sq = Boosting.params(0.1, 4, 1.0, median);
        sq.remove("base_score");
        sq.put("objective", "reg:squarederror");
        out.put("reg:squarederror", evaluate("reg:squarederror", dtrain, sq, rounds, null, dtest, test));
        Map<String, Object> p = Boosting.params(0.1, 4, 1.0, median);
        Map<String, Object> delta = Map.of("delta", 1.0);
        out.put("huber_loss δ=1, exact", evaluate("huber_loss δ=1, exact", dtrain, p, rounds,
                new LossObjective("huber_loss", delta, HessianPolicy.exact()), dtest, test));
        out.put("huber_loss δ=1, constant", evaluate("huber_loss δ=1, constant", dtrain, p, rounds,
                new LossObjective("huber_loss", delta, HessianPolicy.constant()), dtest, test));
        out.put("log_cosh, exact", evaluate("log_cosh, exact", dtrain, p, rounds,
                new LossObjective("log_cosh"), dtest, test));
        out.put("pseudo_huber δ=1, exact", evaluate("pseudo_huber δ=1, exact", dtrain, p, rounds,
                new LossObjective("pseudo_huber", delta), dtest, test));
        return out;
    }

    private static Result evaluate(String name, DMatrix dtrain, Map<String, Object> params, int rounds,
            IObjective obj, DMatrix dtest, OutlierData test) throws Exception {
        float[] p = Boosting.predict(Boosting.train(dtrain, params, rounds, obj), dtest);
        return new Result(name, Boosting.mae(p, test.y()), Boosting.mae(p, test.clean()));
    }

    @Test
    void huberAndLogCoshBeatSquaredErrorOnOutliers() throws Exception {
        Map<String, Result> t = outlierTable(4000, 200);
        t.values().forEach(r -> System.out.printf("%-28s MAE %.4f  clean MAE %.4f%n", r.objective(), r.mae(),
                r.cleanMae()));
        double squared = t.get("reg:squarederror").mae();
        assertThat(t.get("huber_loss δ=1, constant").mae()).isLessThan(squared);
        assertThat(t.get("huber_loss δ=1, exact").mae()).isLessThan(squared);
        assertThat(t.get("log_cosh, exact").mae()).isLessThan(squared);
    }

    @Test
    void theMetricStopsTrainingEarly() throws Exception {
        OutlierData train = OutlierData.generate(2000, 0.05, 1);
        OutlierData valid = OutlierData.generate(1000, 0.05, 3);
        DMatrix dtrain = Boosting.matrix(train.x(), train.y(), train.rows());
        DMatrix dvalid = Boosting.matrix(valid.x(), valid.y(), valid.rows());
        Map<String, Object> p = Boosting.params(0.3, 6, 1.0, Boosting.median(train.y()));
        p.put("verbose_eval", 0); // no evaluation log lines on standard output
        Map<String, DMatrix> watches = new LinkedHashMap<>();
        watches.put("train", dtrain);
        watches.put("valid", dvalid);
        float[][] history = new float[2][2000];
        Booster b = XGBoost.train(dtrain, p, 2000, watches, history, new LossObjective("log_cosh"),
                new LossMetric("log_cosh"), 10);
        int best = Integer.parseInt(b.getAttr("best_iteration"));
        int rounds = b.getNumBoostedRound();
        assertThat(rounds).isLessThan(2000).isEqualTo(best + 11);
        // the validation loss recorded is the metric's value on the validation predictions
        float[] pred = Boosting.predict(b, dvalid);
        assertThat((double) new LossMetric("log_cosh").eval(b.predict(dvalid), dvalid))
                .isCloseTo(history[1][rounds - 1], org.assertj.core.api.Assertions.within(1e-4));
        assertThat(pred).hasSize(1000);
        // training watched the loss: it fell on the training set every round until the stop
        assertThat(history[0][rounds - 1]).isLessThan(history[0][0]);
    }
}
