package org.losses4j.xgboost;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.IObjective;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.losses4j.nn.data.BostonHousing;
import org.losses4j.nn.data.Dataset;
import org.losses4j.stats.DeltaRules;

/**
 * The figures of docs/INTEGRATIONS.md on Boston housing: the two Hessian policies compared, and δ (huber_slope)
 * chosen by {@link DeltaRules} on a booster's out-of-fold residuals.
 *
 * <p>Every figure is a cross-validated MAE: 5 folds of the 506 samples, repeated with 4 shuffles (seeds 1–4), the
 * same folds for every objective; 300 rounds, η 0.05, depth 4, λ 1, one thread, base score the fold's training
 * median. Standard errors are over the 4 repeats. With an argument, the out-of-fold residuals of the squared-error
 * booster (first shuffle) are also written there as CSV ({@code prediction,residual}) for
 * {@code losses4j delta suggest --data FILE --target residual}.
 *
 * <pre>{@code
 * java -cp xgboost/target/test-classes:xgboost/target/classes:$(cat xgboost/target/cp.txt) \
 *     org.losses4j.xgboost.BostonReport [residuals.csv]
 * }</pre>
 */
public final class BostonReport {
    private static final int FOLDS = 5;
    private static final int REPEATS = 4;
    private static final int ROUNDS = 300;

    private BostonReport() {
    }

    /** An objective: XGBoost's own (by name and parameters) or ours. */
    private record Objective(String label, Map<String, Object> builtin, IObjective custom) {
    }

    private static Objective builtin(String label, Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return new Objective(label, m, null);
    }

    private static Objective ours(String loss, Map<String, ?> params, HessianPolicy policy) {
        return new Objective(loss + (params.isEmpty() ? "" : " " + params) + ", " + policy, Map.of(),
                new LossObjective(loss, params, policy));
    }

    public static void main(String[] args) throws Exception {
        Dataset all = BostonHousing.all();
        System.out.println("Hessian policies on Boston (" + FOLDS + "-fold CV × " + REPEATS + ", " + ROUNDS
                + " rounds, eta 0.05, depth 4): MAE ± standard error over the repeats");
        System.out.println();
        System.out.println("| objective | CV MAE |");
        System.out.println("|---|---:|");
        Objective[] table = {
            builtin("reg:squarederror", "objective", "reg:squarederror"),
            builtin("reg:absoluteerror", "objective", "reg:absoluteerror"),
            builtin("reg:pseudohubererror, huber_slope 2", "objective", "reg:pseudohubererror", "huber_slope", 2.0),
            ours("pseudo_huber", Map.of("delta", 2.0), HessianPolicy.exact()),
            ours("pseudo_huber", Map.of("delta", 2.0), HessianPolicy.constant()),
            ours("huber_loss", Map.of("delta", 1.0), HessianPolicy.exact()),
            ours("huber_loss", Map.of("delta", 1.0), HessianPolicy.exact(0.1)),
            ours("huber_loss", Map.of("delta", 1.0), HessianPolicy.constant()),
            ours("huber_loss", Map.of("delta", 2.0), HessianPolicy.exact()),
            ours("huber_loss", Map.of("delta", 2.0), HessianPolicy.constant()),
            ours("huber_loss", Map.of("delta", 5.0), HessianPolicy.exact()),
            ours("huber_loss", Map.of("delta", 5.0), HessianPolicy.constant()),
            ours("log_cosh", Map.of(), HessianPolicy.exact()),
            ours("log_cosh", Map.of(), HessianPolicy.constant()),
            ours("l1_loss", Map.of(), HessianPolicy.exact()),
            ours("l1_loss", Map.of(), HessianPolicy.constant()),
        };
        for (Objective o : table) {
            double[] r = cv(all, o, null);
            System.out.printf("| %s | %.3f ± %.3f |%n", o.label(), r[0], r[1]);
        }

        // δ from the residuals of a squared-error booster, out of fold.
        float[] residuals = new float[all.size()];
        float[] predictions = new float[all.size()];
        cv(all, table[0], new float[][] {predictions, residuals});
        double[] r = DeltaRules.toDoubles(residuals);
        double mad = DeltaRules.madDelta(r);
        double iqr = DeltaRules.iqrDelta(r);
        double q90 = DeltaRules.quantileDelta(r, DeltaRules.DEFAULT_ALPHA);
        System.out.println();
        System.out.printf("DeltaRules on the out-of-fold residuals of reg:squarederror: MAD %.3f, IQR %.3f,"
                + " quantile(0.9) %.3f%n%n", mad, iqr, q90);
        System.out.println("| δ | huber_loss, constant | huber_loss, exact | reg:pseudohubererror (huber_slope = δ) |");
        System.out.println("|---|---:|---:|---:|");
        Map<String, Double> deltas = new LinkedHashMap<>();
        deltas.put(String.format("MAD rule %.2f", mad), mad);
        deltas.put(String.format("IQR rule %.2f", iqr), iqr);
        deltas.put(String.format("quantile rule %.2f", q90), q90);
        deltas.put("1 (fixed)", 1.0);
        for (Map.Entry<String, Double> e : deltas.entrySet()) {
            double d = e.getValue();
            double[] c = cv(all, ours("huber_loss", Map.of("delta", d), HessianPolicy.constant()), null);
            double[] x = cv(all, ours("huber_loss", Map.of("delta", d), HessianPolicy.exact()), null);
            double[] p = cv(all, builtin("ph", "objective", "reg:pseudohubererror", "huber_slope", d), null);
            System.out.printf("| %s | %.3f ± %.3f | %.3f ± %.3f | %.3f ± %.3f |%n", e.getKey(), c[0], c[1], x[0], x[1],
                    p[0], p[1]);
        }
        if (args.length > 0) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8))) {
                w.println("prediction,residual");
                for (int i = 0; i < residuals.length; i++) {
                    w.println(predictions[i] + "," + residuals[i]);
                }
            } catch (IOException e) {
                throw new IOException("cannot write " + args[0] + ": " + e.getMessage(), e);
            }
            System.out.println();
            System.out.println("out-of-fold residuals written to " + args[0]);
        }
    }

    /**
     * Cross-validated MAE: {mean over repeats, standard error over repeats}. With {@code out}, the first repeat's
     * out-of-fold predictions and residuals (label − prediction) are stored in {@code out[0]} and {@code out[1]}.
     */
    private static double[] cv(Dataset all, Objective o, float[][] out) throws XGBoostError {
        int n = all.size();
        double[] maes = new double[REPEATS];
        for (int rep = 0; rep < REPEATS; rep++) {
            int[] perm = permutation(n, rep + 1);
            double sum = 0;
            for (int f = 0; f < FOLDS; f++) {
                int lo = f * n / FOLDS;
                int hi = (f + 1) * n / FOLDS;
                int[] test = java.util.Arrays.copyOfRange(perm, lo, hi);
                int[] train = new int[n - (hi - lo)];
                System.arraycopy(perm, 0, train, 0, lo);
                System.arraycopy(perm, hi, train, lo, n - hi);
                Dataset tr = all.select(train);
                Dataset te = all.select(test);
                Map<String, Object> p = Boosting.params(0.05, 4, 1.0, Boosting.median(tr.y()));
                p.putAll(o.builtin());
                float[] pred = Boosting.predict(Boosting.train(Boosting.matrix(tr), p, ROUNDS, o.custom()),
                        Boosting.matrix(te));
                float[] y = te.y();
                for (int i = 0; i < pred.length; i++) {
                    sum += Math.abs((double) pred[i] - y[i]);
                    if (out != null && rep == 0) {
                        out[0][test[i]] = pred[i];
                        out[1][test[i]] = y[i] - pred[i];
                    }
                }
            }
            maes[rep] = sum / n;
        }
        double mean = 0;
        for (double m : maes) {
            mean += m;
        }
        mean /= REPEATS;
        double var = 0;
        for (double m : maes) {
            var += (m - mean) * (m - mean);
        }
        return new double[] {mean, Math.sqrt(var / (REPEATS - 1) / REPEATS)};
    }

    private static int[] permutation(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
