package org.losses4j.xgboost;

import java.util.HashMap;
import java.util.Map;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.losses4j.loss.SecondOrderLoss;

/**
 * The cost of a custom objective per boosting round, against XGBoost's built-in one, side by side in one JVM.
 *
 * <p>For each size: two boosters on the same {@link OutlierData} matrix (5 features, depth 6, η 0.1, hist, both
 * cores), one with {@code reg:pseudohubererror}, one with {@link LossObjective} {@code pseudo_huber} (the same
 * loss); their rounds alternate, so that both see the same machine. Then, on the margins of the trained booster,
 * the objective's own work alone: {@code getGradient} (labels and weights read from the matrix through JNI,
 * margins copied out of XGBoost4J's {@code float[rows][1]}, the loss's {@code valueGradHess}, the policy), and
 * {@code valueGradHess} alone. Times are medians over the measured rounds, after warm-up rounds.
 *
 * <pre>{@code
 * ./mvnw -q -pl core,nn,xgboost -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=xgboost/target/cp.txt -Dmdep.includeScope=test
 * java -cp xgboost/target/test-classes:xgboost/target/classes:$(cat xgboost/target/cp.txt) \
 *     org.losses4j.xgboost.RoundBenchmark 100000 1000000
 * }</pre>
 */
public final class RoundBenchmark {
    private static final int WARMUP = 5;

    private RoundBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("| rows | built-in round (ms) | custom round (ms) | overhead (ms) | XGBoost4J margins"
                + " (ms) | getGradient (ms) | of which valueGradHess (ms) | getGradient / custom round |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String a : args.length == 0 ? new String[] {"100000", "1000000"} : args) {
            run(Integer.parseInt(a));
        }
    }

    private static void run(int rows) throws Exception {
        OutlierData data = OutlierData.generate(rows, 0.05, 1);
        DMatrix d = Boosting.matrix(data.x(), data.y(), rows);
        Map<String, Object> params = new HashMap<>();
        params.put("eta", 0.1);
        params.put("max_depth", 6);
        params.put("tree_method", "hist");
        params.put("nthread", 2);
        params.put("base_score", Boosting.median(data.y()));
        params.put("verbosity", 0);
        Map<String, Object> builtinParams = new HashMap<>(params);
        builtinParams.put("objective", "reg:pseudohubererror");
        builtinParams.put("huber_slope", 1.0);
        Booster builtin = XGBoost.train(d, builtinParams, 0, Map.of(), null, null);
        Booster custom = XGBoost.train(d, params, 0, Map.of(), null, null);
        LossObjective obj = new LossObjective("pseudo_huber", Map.of("delta", 1.0));
        int rounds = rows >= 1_000_000 ? 10 : 30;
        long[] tb = new long[rounds];
        long[] tc = new long[rounds];
        for (int i = 0; i < WARMUP + rounds; i++) {
            long t0 = System.nanoTime();
            builtin.update(d, i);
            long t1 = System.nanoTime();
            custom.update(d, i, obj);
            long t2 = System.nanoTime();
            if (i >= WARMUP) {
                tb[i - WARMUP] = t1 - t0;
                tc[i - WARMUP] = t2 - t1;
            }
        }
        float[][] margins = custom.predict(d, true);
        long[] tp = new long[rounds];
        long[] tg = new long[rounds];
        long[] th = new long[rounds];
        SecondOrderLoss loss = obj.loss();
        float[] x = new float[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = margins[i][0];
        }
        float[] y = d.getLabel();
        float[] g = new float[rows];
        float[] h = new float[rows];
        double sink = 0;
        for (int i = 0; i < WARMUP + rounds; i++) {
            long t0 = System.nanoTime();
            sink += obj.getGradient(margins, d).get(0)[0];
            long t1 = System.nanoTime();
            sink += loss.valueGradHess(x, y, g, h, rows);
            long t2 = System.nanoTime();
            sink += custom.predict(d, true)[0][0];   // what Booster.update does before calling the objective
            long t3 = System.nanoTime();
            if (i >= WARMUP) {
                tg[i - WARMUP] = t1 - t0;
                th[i - WARMUP] = t2 - t1;
                tp[i - WARMUP] = t3 - t2;
            }
        }
        double b = median(tb);
        double c = median(tc);
        double gg = median(tg);
        System.out.printf("| %,d | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f | %.1f %% |%n", rows, b, c, c - b,
                median(tp), gg, median(th), 100 * gg / c);
        if (Double.isNaN(sink)) {
            System.out.println("(NaN)");
        }
        builtin.dispose();
        custom.dispose();
        d.dispose();
    }

    /** The median in milliseconds. */
    private static double median(long[] ns) {
        long[] s = ns.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }
}
