package org.losses4j.cli.delta;

/**
 * Ordinary least squares with an intercept, in double: the baseline model whose residuals the δ rules see. Solves
 * the normal equations (XᵀX)β = Xᵀy by Gaussian elimination with partial pivoting, with a tiny ridge (1e-10 times the
 * diagonal's mean) so that a constant or duplicated column does not make it singular.
 */
final class LeastSquares {
    private LeastSquares() {
    }

    /** The residuals y − Xβ̂ of the least-squares fit, for rows of {@code f} features in {@code x} (row-major). */
    static double[] residuals(float[] x, float[] y, int rows, int f) {
        int p = f + 1;
        double[][] a = new double[p][p + 1];
        double[] row = new double[p];
        for (int i = 0; i < rows; i++) {
            row[0] = 1;
            for (int j = 0; j < f; j++) {
                row[j + 1] = x[i * f + j];
            }
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) {
                    a[r][c] += row[r] * row[c];
                }
                a[r][p] += row[r] * y[i];
            }
        }
        double diag = 0;
        for (int r = 0; r < p; r++) {
            diag += a[r][r];
        }
        for (int r = 0; r < p; r++) {
            a[r][r] += 1e-10 * diag / p;
        }
        for (int c = 0; c < p; c++) {
            int piv = c;
            for (int r = c + 1; r < p; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = c + 1; r < p; r++) {
                double m = a[r][c] / a[c][c];
                for (int k = c; k <= p; k++) {
                    a[r][k] -= m * a[c][k];
                }
            }
        }
        double[] beta = new double[p];
        for (int r = p - 1; r >= 0; r--) {
            double s = a[r][p];
            for (int k = r + 1; k < p; k++) {
                s -= a[r][k] * beta[k];
            }
            beta[r] = s / a[r][r];
        }
        double[] res = new double[rows];
        for (int i = 0; i < rows; i++) {
            double pred = beta[0];
            for (int j = 0; j < f; j++) {
                pred += beta[j + 1] * x[i * f + j];
            }
            res[i] = y[i] - pred;
        }
        return res;
    }
}
