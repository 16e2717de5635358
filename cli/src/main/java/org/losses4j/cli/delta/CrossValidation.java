package org.losses4j.cli.delta;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.losses4j.loss.Loss;
import org.losses4j.loss.regression.AdaptiveHuberLoss;
import org.losses4j.nn.AdaptiveDelta;
import org.losses4j.nn.FitOptions;
import org.losses4j.nn.Sequential;
import org.losses4j.nn.TrainingStoppedException;
import org.losses4j.nn.data.Dataset;
import org.losses4j.nn.data.Standardizer;
import org.losses4j.nn.optim.Adam;
import org.losses4j.nn.random.NumpyRandomState;
import org.losses4j.stats.DeltaRules;

/**
 * k-fold cross-validation of the Keras Huber tutorial's model (Dense 16 relu, Dense 8 relu, Dense 1 linear, He
 * uniform kernels, Adam) for several training losses.
 *
 * <p>Folds: the samples are permuted by numpy's {@code RandomState(seed).permutation(n)}, then cut into k
 * contiguous folds, the first n mod k of them one sample larger (scikit-learn's {@code KFold(shuffle=True)} layout).
 * For fold j the features are standardised with the other folds' mean and deviation; the model's initialisation
 * seed and the shuffling seed depend on the fold only (seed + 1009·j), so every loss starts from the same weights
 * and sees the samples in the same order, and the result depends on nothing else: running the tasks on 1 or 2
 * threads gives bit-identical numbers.
 */
final class CrossValidation {
    /** A training loss to evaluate, created fresh for each fold. */
    record Config(String label, double delta, Supplier<Loss> loss, DeltaRules.Rule adaptive) {
        Config(String label, double delta, Supplier<Loss> loss) {
            this(label, delta, loss, null);
        }
    }

    /**
     * The held-out MAE and MSE of every (config, fold), for {@code repeats} k-fold cross-validations concatenated
     * (repeat r's folds at r·k … r·k + k − 1).
     *
     * <p>Uncertainty is measured over the repeats, not the folds: the k folds of one split share most of their
     * training rows and their errors are correlated, so the spread of the fold scores divided by √(r·k) understates
     * the noise. The repeats use different splits and initialisations (different seeds) and are independent given the
     * data, so the standard error is that of the r per-repeat means, and needs r ≥ 2. It measures how much the result
     * moves with the split and the initialisation on these rows, not how it would vary on another sample of data.
     */
    record Result(List<Config> configs, double[][] mae, double[][] mse, int repeats) {
        Result {
            for (double[] v : mae) {
                if (repeats < 1 || v.length % repeats != 0) {
                    throw new IllegalArgumentException(v.length + " fold scores do not split into " + repeats
                            + " repeats");
                }
            }
        }

        double meanMae(int c) {
            return mean(mae[c]);
        }

        double meanMse(int c) {
            return mean(mse[c]);
        }

        /** The mean held-out MAE of each repeat (the independent units). */
        double[] repeatMae(int c) {
            return repeatMeans(mae[c]);
        }

        /**
         * Standard error of the mean MAE: the sample standard deviation of the per-repeat means / √repeats; NaN for a
         * single repeat.
         */
        double seMae(int c) {
            return standardError(repeatMeans(mae[c]));
        }

        /** The mean paired difference of held-out MAE, config {@code c} minus config {@code ref}, on the same folds. */
        double diffMae(int c, int ref) {
            return mean(difference(mae[c], mae[ref]));
        }

        /** Standard error of {@link #diffMae}, over the per-repeat mean differences; NaN for one repeat. */
        double seDiffMae(int c, int ref) {
            return standardError(repeatMeans(difference(mae[c], mae[ref])));
        }

        private double[] repeatMeans(double[] v) {
            int k = v.length / repeats;
            double[] out = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += v[r * k + j];
                }
                out[r] = s / k;
            }
            return out;
        }

        private static double[] difference(double[] a, double[] b) {
            double[] d = new double[a.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = a[i] - b[i];
            }
            return d;
        }

        private static double standardError(double[] v) {
            if (v.length < 2) {
                return Double.NaN;
            }
            double m = mean(v);
            double s = 0;
            for (double x : v) {
                s += (x - m) * (x - m);
            }
            return Math.sqrt(s / (v.length - 1)) / Math.sqrt(v.length);
        }

        private static double mean(double[] v) {
            double s = 0;
            for (double x : v) {
                s += x;
            }
            return s / v.length;
        }
    }

    /** The fixed settings of one cross-validation. */
    record Settings(int folds, int epochs, int batchSize, double learningRate, long seed, int threads, int[] hidden) {
        Settings(int folds, int epochs, int batchSize, double learningRate, long seed, int threads) {
            this(folds, epochs, batchSize, learningRate, seed, threads, new int[] {16, 8});
        }
    }

    /** The training of one (config, fold) stopped on a loss that was not finite. */
    static final class FoldStoppedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Config config;
        final int fold;

        FoldStoppedException(Config config, int fold, TrainingStoppedException cause) {
            super(cause.getMessage(), cause);
            this.config = config;
            this.fold = fold;
        }
    }

    private CrossValidation() {
    }

    /** The fold (0..k−1) of each sample. */
    static int[] foldOf(int n, int k, long seed) {
        int[] perm = new NumpyRandomState(seed).permutation(n);
        int[] fold = new int[n];
        int pos = 0;
        for (int j = 0; j < k; j++) {
            int size = n / k + (j < n % k ? 1 : 0);
            for (int i = 0; i < size; i++) {
                fold[perm[pos++]] = j;
            }
        }
        return fold;
    }

    static Result run(Dataset data, List<Config> configs, Settings s, Runnable onTaskDone) {
        return run(data, configs, s, onTaskDone, null, null);
    }

    /** Receives each fold's result as soon as it is known (from the worker threads, one call at a time). */
    interface FoldDone {
        void done(int config, int fold, double mae, double mse);
    }

    /**
     * As {@link #run(Dataset, List, Settings, Runnable)}, skipping the folds already known: {@code known[c][j]} =
     * {MAE, MSE} of config c on fold j, or null to train it. Every fold trained is told to {@code onFold}.
     */
    static Result run(Dataset data, List<Config> configs, Settings s, Runnable onTaskDone, double[][][] known,
            FoldDone onFold) {
        int n = data.size();
        int k = s.folds();
        int[] fold = foldOf(n, k, s.seed());
        Dataset[] train = new Dataset[k];
        Dataset[] test = new Dataset[k];
        for (int j = 0; j < k; j++) {
            List<Integer> tr = new ArrayList<>();
            List<Integer> te = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                (fold[i] == j ? te : tr).add(i);
            }
            Dataset a = data.select(tr.stream().mapToInt(Integer::intValue).toArray());
            Dataset b = data.select(te.stream().mapToInt(Integer::intValue).toArray());
            Standardizer st = Standardizer.fit(a);
            train[j] = st.transform(a);
            test[j] = st.transform(b);
        }
        double[][] mae = new double[configs.size()][k];
        double[][] mse = new double[configs.size()][k];
        ExecutorService pool = Executors.newFixedThreadPool(s.threads(), r -> {
            Thread t = new Thread(r, "losses4j-cv");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < configs.size(); c++) {
                for (int j = 0; j < k; j++) {
                    final int cc = c;
                    final int jj = j;
                    if (known != null && known[c][j] != null) {
                        mae[c][j] = known[c][j][0];
                        mse[c][j] = known[c][j][1];
                        if (onTaskDone != null) {
                            onTaskDone.run();
                        }
                        continue;
                    }
                    futures.add(pool.submit(() -> {
                        double[] r = fitFold(configs.get(cc), train[jj], test[jj], s, jj);
                        mae[cc][jj] = r[0];
                        mse[cc][jj] = r[1];
                        if (onFold != null) {
                            synchronized (onFold) {
                                onFold.done(cc, jj, r[0], r[1]);
                            }
                        }
                        if (onTaskDone != null) {
                            onTaskDone.run();
                        }
                    }));
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cross-validation interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
        return new Result(List.copyOf(configs), mae, mse, 1);
    }

    /** Trains on one fold's training part; returns the held-out {MAE, MSE}. */
    private static double[] fitFold(Config config, Dataset train, Dataset test, Settings s, int j) {
        long seed = (s.seed() + 1009L * j) & 0xffffffffL;
        Sequential m = Sequential.mlp(train.features(), seed, s.hidden());
        Loss loss = config.loss().get();
        m.compile(loss, new Adam(s.learningRate()));
        FitOptions fo = new FitOptions(s.epochs(), s.batchSize(), 0.0, true, seed);
        try {
            if (config.adaptive() != null) {
                m.fit(train, fo, new AdaptiveDelta(m, train, (AdaptiveHuberLoss) loss, config.adaptive(),
                        DeltaRules.DEFAULT_ALPHA, 1e-3));
            } else {
                m.fit(train, fo);
            }
        } catch (TrainingStoppedException e) {
            throw new FoldStoppedException(config, j, e);
        }
        float[] p = m.predict(test);
        float[] y = test.y();
        double ae = 0;
        double se = 0;
        for (int i = 0; i < p.length; i++) {
            double d = (double) p[i] - y[i];
            ae += Math.abs(d);
            se += d * d;
        }
        return new double[] {ae / p.length, se / p.length};
    }
}
