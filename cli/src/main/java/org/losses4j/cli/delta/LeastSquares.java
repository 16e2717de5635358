package org.losses4j.cli.delta;

import java.util.ArrayList;
import java.util.List;

/**
 * Ordinary least squares with an intercept, in double: the baseline model whose residuals the δ rules see.
 *
 * <p>Solved by Householder QR with column pivoting (Businger &amp; Golub 1965; Golub &amp; Van Loan, <i>Matrix
 * Computations</i>, §5.4.2) on the design [1, x], never by the normal equations, whose condition number is the
 * square of the design's. Each column is first scaled by a power of two (exact) so that its largest magnitude is in
 * [1, 2): the pivoting and the rank test then do not depend on the features' units. A design is rank-deficient when
 * a pivot falls to max(n, p) · ε times the first one (numpy's default {@code rcond} for {@code lstsq}); then the fit
 * is not unique and the solve refuses with a message naming the dependent columns, rather than picking one of the
 * solutions silently (or, as a ridge would, a slightly biased one).
 */
final class LeastSquares {
    /** The fitted coefficients (intercept first, then one per feature) and the residuals y − ŷ. */
    record Fit(double[] coefficients, double[] residuals) {
    }

    private LeastSquares() {
    }

    /**
     * The least-squares fit of {@code y} on an intercept and the features.
     *
     * @param x     the rows of features, each of {@code names.size()} values
     * @param y     the targets, one per row
     * @param names the feature names, for messages
     * @throws IllegalArgumentException when the design is rank-deficient: fewer rows than coefficients, a constant
     *                                  feature (the intercept already fits it), or features that are (numerically)
     *                                  linear combinations of the others
     */
    static Fit fit(double[][] x, double[] y, List<String> names) {
        int n = y.length;
        int f = names.size();
        int p = f + 1;
        if (x.length != n) {
            throw new IllegalArgumentException("least-squares baseline: " + x.length + " rows of features but " + n
                    + " targets");
        }
        if (n < p) {
            throw new IllegalArgumentException("least-squares baseline: an intercept and " + f + " feature"
                    + (f == 1 ? "" : "s") + " need at least " + p + " rows, got " + n + "; the fit is not unique");
        }
        for (int i = 0; i < n; i++) {
            if (x[i].length != f) {
                throw new IllegalArgumentException("least-squares baseline: row " + i + " has " + x[i].length
                        + " features, expected " + f);
            }
            for (int j = 0; j < f; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("least-squares baseline: value " + x[i][j] + " in row " + i
                            + ", column " + names.get(j) + " is not finite");
                }
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("least-squares baseline: target " + y[i] + " in row " + i
                        + " is not finite");
            }
        }
        // column-major copy of the design [1, x], each column scaled exactly by a power of two
        double[][] a = new double[p][n];
        double[] scale = new double[p];
        int[] perm = new int[p];
        for (int j = 0; j < p; j++) {
            double max = 0;
            boolean constant = true;
            for (int i = 0; i < n; i++) {
                double v = j == 0 ? 1 : x[i][j - 1];
                a[j][i] = v;
                max = Math.max(max, Math.abs(v));
                constant &= v == a[j][0];
            }
            if (j > 0 && constant) {
                throw new IllegalArgumentException("least-squares baseline: column " + names.get(j - 1)
                        + " is constant, which the intercept already fits; the fit is not unique (drop the column)");
            }
            scale[j] = Math.scalb(1.0, -Math.getExponent(max));
            for (int i = 0; i < n; i++) {
                a[j][i] *= scale[j];
            }
            perm[j] = j;
        }
        double[] b = y.clone();
        double[] rdiag = new double[p];
        double tol = Math.max(n, p) * Math.ulp(1.0);
        double first = 0;
        for (int k = 0; k < p; k++) {
            // pivot: the remaining column with the largest norm below row k
            int piv = k;
            double best = -1;
            for (int j = k; j < p; j++) {
                double s = norm(a[j], k);
                if (s > best) {
                    best = s;
                    piv = j;
                }
            }
            swap(a, k, piv);
            swap(scale, k, piv);
            int t = perm[k];
            perm[k] = perm[piv];
            perm[piv] = t;
            if (k == 0) {
                first = best;
            }
            if (best <= tol * first) {
                List<String> dependent = new ArrayList<>();
                for (int j = k; j < p; j++) {
                    dependent.add(perm[j] == 0 ? "the intercept" : names.get(perm[j] - 1));
                }
                throw new IllegalArgumentException("least-squares baseline: the design is rank-deficient (rank " + k
                        + " of " + p + "): " + String.join(", ", dependent)
                        + (dependent.size() == 1 ? " is" : " are") + " numerically a linear combination of the "
                        + "other columns; the fit is not unique (drop a dependent column)");
            }
            // Householder reflection H = I − v·vᵀ/(vᵀv/2), v = a_k − α·e_k, α = −sign(a_kk)·‖a_k‖, H·a_k = α·e_k
            double[] v = a[k];
            double alpha = v[k] > 0 ? -best : best;
            v[k] -= alpha;
            double half = -alpha * v[k]; // vᵀv / 2 = ‖a_k‖² − α·a_kk = −α·(a_kk − α)
            for (int j = k + 1; j < p; j++) {
                reflect(v, half, a[j], k);
            }
            reflect(v, half, b, k);
            rdiag[k] = alpha;
        }
        // back substitution R·z = (Qᵀy)[0, p): R's strict upper triangle is a[j][k] for j > k
        double[] z = new double[p];
        for (int k = p - 1; k >= 0; k--) {
            double s = b[k];
            for (int j = k + 1; j < p; j++) {
                s -= a[j][k] * z[j];
            }
            z[k] = s / rdiag[k];
        }
        double[] beta = new double[p];
        for (int k = 0; k < p; k++) {
            beta[perm[k]] = z[k] * scale[k];
        }
        double[] res = new double[n];
        for (int i = 0; i < n; i++) {
            double pred = beta[0];
            for (int j = 0; j < f; j++) {
                pred += beta[j + 1] * x[i][j];
            }
            res[i] = y[i] - pred;
        }
        return new Fit(beta, res);
    }

    /** The Euclidean norm of v[from..], without overflow or underflow for the scaled columns. */
    private static double norm(double[] v, int from) {
        double s = 0;
        for (int i = from; i < v.length; i++) {
            s += v[i] * v[i];
        }
        return Math.sqrt(s);
    }

    /** c ← (I − v·vᵀ/half)·c on rows from.. (v is zero above row {@code from}). */
    private static void reflect(double[] v, double half, double[] c, int from) {
        double s = 0;
        for (int i = from; i < c.length; i++) {
            s += v[i] * c[i];
        }
        double g = s / half;
        for (int i = from; i < c.length; i++) {
            c[i] -= g * v[i];
        }
    }

    private static void swap(double[][] a, int i, int j) {
        double[] t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
