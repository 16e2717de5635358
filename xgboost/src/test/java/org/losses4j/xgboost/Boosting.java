package org.losses4j.xgboost;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.IObjective;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.losses4j.nn.data.Dataset;

/** Shared helpers of the XGBoost tests and measurements. */
final class Boosting {
    private Boosting() {
    }

    static DMatrix matrix(float[] x, float[] y, int rows) throws XGBoostError {
        DMatrix m = new DMatrix(x, rows, x.length / rows, Float.NaN);
        m.setLabel(y);
        return m;
    }

    static DMatrix matrix(Dataset d) throws XGBoostError {
        return matrix(d.x(), d.y(), d.size());
    }

    /** Deterministic settings: one thread, a fixed seed, the exact hist method XGBoost uses by default. */
    static Map<String, Object> params(double eta, int depth, double lambda, double baseScore) {
        Map<String, Object> p = new HashMap<>();
        p.put("eta", eta);
        p.put("max_depth", depth);
        p.put("lambda", lambda);
        p.put("base_score", baseScore);
        p.put("seed", 0);
        p.put("nthread", 1);
        p.put("tree_method", "hist");
        p.put("verbosity", 0);
        return p;
    }

    static Booster train(DMatrix d, Map<String, Object> params, int rounds, IObjective obj) throws XGBoostError {
        return XGBoost.train(d, params, rounds, Map.of(), obj, null);
    }

    static float[] predict(Booster b, DMatrix d) throws XGBoostError {
        float[][] p = b.predict(d);
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i][0];
        }
        return out;
    }

    static double mae(float[] p, float[] y) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += Math.abs((double) p[i] - y[i]);
        }
        return s / p.length;
    }

    static double median(float[] y) {
        float[] s = y.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * ((double) s[n / 2 - 1] + s[n / 2]);
    }

    /** The largest |a − b| / max(1e-12, |b|). */
    static double maxRelative(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]) / Math.max(1e-12, Math.abs((double) b[i])));
        }
        return m;
    }
}
