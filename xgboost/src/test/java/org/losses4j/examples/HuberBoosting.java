package org.losses4j.examples;

// The example of docs/INTEGRATIONS.md, verbatim; DocumentationExamplesTest runs it.
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.losses4j.xgboost.HessianPolicy;
import org.losses4j.xgboost.LossMetric;
import org.losses4j.xgboost.LossObjective;

public class HuberBoosting {
    public static void main(String[] args) throws Exception {
        // rows × columns, row-major; NaN marks a missing value
        float[] xTrain = {0.1f, 1.2f, 0.5f, 0.3f, 0.9f, 2.0f, 0.7f, 0.4f};
        float[] yTrain = {1.0f, 2.1f, 2.9f, 40.0f};  // the last label is a gross error
        float[] xValid = {0.2f, 1.1f, 0.8f, 0.5f};
        float[] yValid = {1.1f, 2.6f};
        DMatrix train = new DMatrix(xTrain, 4, 2, Float.NaN);
        train.setLabel(yTrain);
        DMatrix valid = new DMatrix(xValid, 2, 2, Float.NaN);
        valid.setLabel(yValid);

        Map<String, Object> delta = Map.of("delta", 1.5);
        LossObjective objective = new LossObjective("huber_loss", delta, HessianPolicy.constant());
        LossMetric metric = new LossMetric("huber_loss", delta);

        Map<String, Object> params = new HashMap<>();
        params.put("eta", 0.1);
        params.put("max_depth", 4);
        params.put("base_score", 2.5);   // set it: the label median suits robust losses
        params.put("verbose_eval", 0);   // 10: log the metrics every 10th round
        // no "objective": XGBoost's default (squared error) then only maps margins to predictions, the identity
        Map<String, DMatrix> watches = new LinkedHashMap<>();
        watches.put("train", train);
        watches.put("valid", valid);
        Booster booster = XGBoost.train(train, params, 500, watches, null, objective, metric, 20);
        float[][] predictions = booster.predict(valid);   // margins = predictions for a regression loss
        System.out.println(booster.getAttr("best_iteration") + " " + predictions[0][0]);
    }
}
