package org.losses4j.spark.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.losses4j.spark.Columns;

/**
 * The fit behind {@link LossRegression}: the rows as float blocks cached per partition, one pass for the feature
 * statistics and the data checks, then L-BFGS on the driver with the objective and its gradient summed over the
 * blocks by {@code treeAggregate}.
 *
 * <p>The objective, Spark's for its Huber regression extended to every loss:
 * <pre>
 *   F(w, b, σ) = ½ · Σ<sub>i</sub> v<sub>i</sub>·ℓ(x<sub>i</sub>·w + b, y<sub>i</sub>) / Σ<sub>i</sub> v<sub>i</sub>  +  ½·λ·‖w̃‖²
 * </pre>
 * with v the weights, ℓ the loss (for the concomitant Huber loss also a function of σ), and w̃ the coefficients of
 * the standardised features (x<sub>j</sub>/s<sub>j</sub>, s the weighted standard deviation) when
 * {@code standardization} is on, the coefficients themselves otherwise. The iterations run on standardised and
 * (with an intercept) centred features, with σ = e<sup>t</sup> so that σ stays positive; the data are not
 * transformed, the scaling is folded into the coefficients that each pass uses. A feature of zero variance gets
 * coefficient 0, as in Spark.
 *
 * <p>Sums over the partitions are kept per partition and added on the driver in partition order, so the fit is the
 * same run after run for a given partitioning (Spark's {@code treeAggregate} merges in the order the tasks finish).
 */
final class LinearFit {
    private LinearFit() {
    }

    /** What the fit needs to know besides the data. */
    record Settings(TrainingLoss loss, int maxIter, double tol, double regParam, boolean fitIntercept,
            boolean standardization, String labelCol, String featuresCol, String weightCol) {
    }

    /** The fitted model in the original feature space. */
    record Outcome(double[] coefficients, double intercept, double scale, int iterations, double objective,
            Lbfgs.Stop stop) {
    }

    private static final int DEPTH = 2;

    /**
     * Fits on rows of (label: double, [weight: double,] features: vector).
     *
     * @throws IllegalArgumentException for rows that cannot be used (null values, negative weights, vectors of
     *                                  different sizes), counted, or no rows at all
     */
    static Outcome fit(JavaRDD<Row> rows, boolean weighted, Settings s) {
        JavaRDD<RegressionBlock> blocks = rows.mapPartitions(it -> RegressionBlock.fromRows(it, weighted))
                .persist(StorageLevel.MEMORY_AND_DISK());
        blocks.setName("LossRegression: training blocks");
        try {
            Stats st = Stats.combine(perPartition(blocks, (idx, it) -> Stats.of(it)));
            st.check(s);
            return optimise(blocks, st, s);
        } finally {
            blocks.unpersist(false);
        }
    }

    private static Outcome optimise(JavaRDD<RegressionBlock> blocks, Stats st, Settings s) {
        int d = st.cols;
        double[] mean = st.mean;
        double[] std = st.std();
        boolean scale = s.loss().learnsScale();
        int dim = d + (s.fitIntercept() ? 1 : 0) + (scale ? 1 : 0);
        double weightSum = st.weightSum;
        TrainingLoss loss = s.loss();
        double lambda = s.regParam();
        Lbfgs.Objective f = (theta, grad) -> {
            double[] c = new double[d];
            double offset = s.fitIntercept() ? theta[d] : 0;
            for (int j = 0; j < d; j++) {
                c[j] = std[j] > 0 ? theta[j] / std[j] : 0;
                if (s.fitIntercept()) {
                    offset -= c[j] * mean[j];
                }
            }
            double sigma = scale ? Math.exp(theta[dim - 1]) : Double.NaN;
            double fOffset = offset;
            List<double[]> parts = perPartition(blocks, (idx, it) -> evaluate(it, loss, c, fOffset, sigma));
            double[] tot = new double[d + 3];
            for (double[] p : parts) { // in partition order
                for (int k = 0; k < tot.length; k++) {
                    tot[k] += p[k];
                }
            }
            double h = 0.5 / weightSum;
            double value = h * tot[0];
            double gSum = tot[d + 1];
            for (int j = 0; j < d; j++) {
                if (std[j] > 0) {
                    double centred = s.fitIntercept() ? tot[1 + j] - mean[j] * gSum : tot[1 + j];
                    grad[j] = h * centred / std[j];
                    if (lambda != 0) {
                        // Spark's L2Regularization: on the standardised coefficients, or on the original ones.
                        double perUnit = s.standardization() ? 1 : 1 / (std[j] * std[j]);
                        value += 0.5 * lambda * theta[j] * theta[j] * perUnit;
                        grad[j] += lambda * theta[j] * perUnit;
                    }
                } else {
                    grad[j] = 0;
                }
            }
            if (s.fitIntercept()) {
                grad[d] = h * gSum;
            }
            if (scale) {
                grad[dim - 1] = h * tot[d + 2] * sigma; // dF/dt = σ·dF/dσ for σ = e^t
            }
            return value;
        };
        double[] start = new double[dim]; // w = 0, σ = 1 (t = 0)
        if (s.fitIntercept()) {
            // b = the mean label (its log for Poisson's log rate): the first steps need not find the level of y, and
            // msle, flat below 0 where it clamps the prediction, does not start on its flat part
            start[d] = loss.logLink() ? Math.log(Math.max(st.labelMean, 1e-8)) : st.labelMean;
        }
        Lbfgs.Result r = new Lbfgs(s.maxIter(), s.tol(), 10).minimize(f, start);
        double[] theta = r.x();
        double[] coef = new double[d];
        double intercept = s.fitIntercept() ? theta[d] : 0;
        for (int j = 0; j < d; j++) {
            coef[j] = std[j] > 0 ? theta[j] / std[j] : 0;
            if (s.fitIntercept()) {
                intercept -= coef[j] * mean[j];
            }
        }
        return new Outcome(coef, intercept, scale ? Math.exp(theta[dim - 1]) : Double.NaN, r.iterations(),
                r.value(), r.stop());
    }

    /**
     * One partition's share: [Σ v·ℓ, Σ<sub>i</sub> g<sub>i</sub>·x<sub>ij</sub> for each j, Σ g<sub>i</sub>,
     * ∂Σv·ℓ/∂σ] with g<sub>i</sub> = ∂(Σ v·ℓ)/∂prediction<sub>i</sub>.
     */
    private static double[] evaluate(Iterator<RegressionBlock> it, TrainingLoss spec, double[] c, double offset,
            double sigma) {
        int d = c.length;
        double[] acc = new double[d + 3];
        TrainingLoss.BlockLoss loss = null;
        double[] lin = null;
        float[] pred = null;
        float[] target = null;
        float[] g = null;
        boolean residual = spec.ofResidual();
        double[] dSigma = new double[1];
        while (it.hasNext()) {
            RegressionBlock b = it.next();
            int n = b.rows;
            if (n == 0) {
                continue;
            }
            if (loss == null) {
                loss = spec.evaluator();
            }
            if (pred == null || pred.length != n) { // the loss's tensors wrap these arrays: exactly n long
                lin = new double[n];
                pred = new float[n];
                target = new float[n]; // zeros, for a loss of the residual
                g = new float[n];
            }
            float[] x = b.x;
            java.util.Arrays.fill(lin, offset);
            for (int j = 0; j < d; j++) {
                double cj = c[j];
                if (cj != 0) {
                    int base = j * n;
                    for (int i = 0; i < n; i++) {
                        lin[i] += cj * x[base + i];
                    }
                }
            }
            double[] y = b.y;
            if (residual) { // ℓ(x − y, 0), the residual rounded once
                for (int i = 0; i < n; i++) {
                    pred[i] = (float) (lin[i] - y[i]);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    pred[i] = (float) lin[i];
                    target[i] = (float) y[i];
                }
            }
            dSigma[0] = 0;
            acc[0] += loss.eval(pred, target, b.w, n, g, sigma, dSigma);
            for (int j = 0; j < d; j++) {
                acc[1 + j] += dot(x, j * n, g, n);
            }
            double gs = 0;
            for (int i = 0; i < n; i++) {
                gs += g[i];
            }
            acc[d + 1] += gs;
            acc[d + 2] += dSigma[0];
        }
        return acc;
    }

    /** Σ x[base + i]·g[i] over i &lt; n in double, four independent sums (the loop is bound by their latency). */
    private static double dot(float[] x, int base, float[] g, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += (double) x[base + i] * g[i];
            s1 += (double) x[base + i + 1] * g[i + 1];
            s2 += (double) x[base + i + 2] * g[i + 2];
            s3 += (double) x[base + i + 3] * g[i + 3];
        }
        for (; i < n; i++) {
            s0 += (double) x[base + i] * g[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * One value per partition, returned in partition order: computed by {@code treeAggregate} over maps keyed by
     * the partition index, so that merging in any order loses nothing and the driver adds them in a fixed order.
     */
    static <P extends Serializable> List<P> perPartition(JavaRDD<RegressionBlock> blocks,
            Function2<Integer, Iterator<RegressionBlock>, P> body) {
        JavaRDD<TreeMap<Integer, P>> one = blocks.mapPartitionsWithIndex((idx, it) -> {
            TreeMap<Integer, P> m = new TreeMap<>();
            m.put(idx, body.call(idx, it));
            return Collections.singletonList(m).iterator();
        }, true);
        TreeMap<Integer, P> all = one.treeAggregate(new TreeMap<>(), (a, b) -> {
            a.putAll(b);
            return a;
        }, (a, b) -> {
            a.putAll(b);
            return a;
        }, DEPTH);
        return new ArrayList<>(all.values());
    }

    /**
     * Row counts, rows left out by reason, and the weighted mean and sum of squared deviations of each feature
     * (merged by Chan et al.'s pairwise formula).
     */
    static final class Stats implements Serializable {
        private static final long serialVersionUID = 1L;
        long rows;
        double weightSum;
        double weightSqSum;
        int cols = -1;
        boolean sizesDiffer;
        int otherCols = -1;
        double labelMean;
        double[] mean;
        double[] m2;
        final long[] skipped = new long[5];

        static Stats of(Iterator<RegressionBlock> it) {
            Stats s = new Stats();
            while (it.hasNext()) {
                RegressionBlock b = it.next();
                for (int k = 0; k < s.skipped.length; k++) {
                    s.skipped[k] += b.skipped[k];
                }
                if (b.rows > 0) {
                    s.merge(block(b));
                }
            }
            return s;
        }

        private static Stats block(RegressionBlock b) {
            Stats s = new Stats();
            int n = b.rows;
            s.rows = n;
            s.cols = b.cols;
            s.mean = new double[b.cols];
            s.m2 = new double[b.cols];
            double ws = 0;
            double ws2 = 0;
            for (int i = 0; i < n; i++) {
                double w = b.w == null ? 1 : b.w[i];
                ws += w;
                ws2 += w * w;
            }
            s.weightSum = ws;
            s.weightSqSum = ws2;
            if (ws > 0) {
                double ly = 0;
                for (int i = 0; i < n; i++) {
                    ly += (b.w == null ? 1 : b.w[i]) * b.y[i];
                }
                s.labelMean = ly / ws;
                for (int j = 0; j < b.cols; j++) {
                    int base = j * n;
                    double m = 0;
                    for (int i = 0; i < n; i++) {
                        m += (b.w == null ? 1 : b.w[i]) * b.x[base + i];
                    }
                    m /= ws;
                    double q = 0;
                    for (int i = 0; i < n; i++) {
                        double dev = b.x[base + i] - m;
                        q += (b.w == null ? 1 : b.w[i]) * dev * dev;
                    }
                    s.mean[j] = m;
                    s.m2[j] = q;
                }
            }
            return s;
        }

        void merge(Stats o) {
            for (int k = 0; k < skipped.length; k++) {
                skipped[k] += o.skipped[k];
            }
            if (o.rows == 0) {
                return;
            }
            if (rows == 0) {
                rows = o.rows;
                weightSum = o.weightSum;
                weightSqSum = o.weightSqSum;
                cols = o.cols;
                sizesDiffer |= o.sizesDiffer;
                otherCols = o.otherCols;
                labelMean = o.labelMean;
                mean = o.mean.clone();
                m2 = o.m2.clone();
                return;
            }
            if (o.cols != cols) {
                sizesDiffer = true;
                otherCols = o.cols;
                return;
            }
            double w = weightSum + o.weightSum;
            if (w > 0) {
                labelMean += (o.labelMean - labelMean) * o.weightSum / w;
                for (int j = 0; j < cols; j++) {
                    double delta = o.mean[j] - mean[j];
                    mean[j] += delta * o.weightSum / w;
                    m2[j] += o.m2[j] + delta * delta * weightSum * o.weightSum / w;
                }
            }
            rows += o.rows;
            weightSum = w;
            weightSqSum += o.weightSqSum;
        }

        static Stats combine(List<Stats> parts) {
            Stats s = new Stats();
            for (Stats p : parts) {
                s.merge(p);
            }
            return s;
        }

        /** Spark's weighted (unbiased) standard deviation: √(M2 / (W − Σw²/W)). */
        double[] std() {
            double[] sd = new double[cols];
            double denom = weightSum - weightSqSum / weightSum;
            for (int j = 0; j < cols; j++) {
                sd[j] = denom > 0 ? Math.sqrt(Math.max(0, m2[j] / denom)) : 0;
            }
            return sd;
        }

        /** The data checks, on the driver, before the iterations. */
        void check(Settings s) {
            String who = "LossRegression: ";
            if (skipped[RegressionBlock.NULL_LABEL] > 0) {
                throw Columns.nullError(who + "label column", s.labelCol(), skipped[RegressionBlock.NULL_LABEL]);
            }
            if (skipped[RegressionBlock.NULL_FEATURES] > 0) {
                throw Columns.nullError(who + "features column", s.featuresCol(),
                        skipped[RegressionBlock.NULL_FEATURES]);
            }
            if (skipped[RegressionBlock.NULL_WEIGHT] > 0) {
                throw Columns.nullError(who + "weight column", s.weightCol(), skipped[RegressionBlock.NULL_WEIGHT]);
            }
            if (skipped[RegressionBlock.BAD_WEIGHT] > 0) {
                throw new IllegalArgumentException(who + "weight column '" + s.weightCol() + "' has "
                        + skipped[RegressionBlock.BAD_WEIGHT] + " negative or NaN values; weights must be >= 0");
            }
            if (skipped[RegressionBlock.OTHER_SIZE] > 0 || sizesDiffer) {
                throw new IllegalArgumentException(who + "features column '" + s.featuresCol()
                        + "' holds vectors of different sizes (" + cols + " and "
                        + (sizesDiffer ? otherCols + "" : "another") + ")");
            }
            if (rows == 0) {
                throw new IllegalArgumentException(who + "no rows to fit");
            }
            if (!(weightSum > 0)) {
                throw new IllegalArgumentException(who + "the weights in '" + s.weightCol() + "' sum to "
                        + weightSum + "; at least one must be > 0");
            }
        }
    }
}
