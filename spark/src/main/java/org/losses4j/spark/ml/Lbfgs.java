package org.losses4j.spark.ml;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, <em>Numerical Optimization</em>, 2nd ed., Alg. 7.4 and 7.5) with a
 * line search for the strong Wolfe or Hager and Zhang's approximate Wolfe conditions (bracketing by doubling, then
 * cubic interpolation). Runs on the driver; every
 * evaluation of the objective is one Spark job, so the line search tries the unit step first and rarely needs a
 * second.
 *
 * <p>Written here rather than taken from breeze (which Spark ships, and whose {@code LBFGS}/{@code LBFGSB}
 * Spark's own {@code LinearRegression} uses) because breeze's optimizers are generic Scala with implicit
 * vector-space instances, awkward and fragile to call from Java, and because the one bound Spark needs
 * {@code LBFGSB} for, σ &gt; 0 of the concomitant Huber loss, is here a change of variable (σ = e<sup>t</sup>).
 * The arithmetic is plain double and sequential: the same gradients give the same iterates.
 *
 * <p>Stopping: after {@code maxIter} iterations; when the largest gradient component is at most
 * tol · max(1, |f|); when the last ten iterations together lowered f by at most tol · max(|f|, 10<sup>−8</sup>)
 * (one short step does not stop it: on a flat valley that would stop far from the minimum); or when the line
 * search can lower f no more (at a kink of a piecewise-linear loss, or where the float32 rounding of the loss
 * values is as large as the decrease left).
 */
final class Lbfgs {
    /** An objective: writes ∇f(x) into {@code grad} and returns f(x). */
    interface Objective {
        double evaluate(double[] x, double[] grad);
    }

    /** Why the minimisation stopped. */
    enum Stop {
        GRADIENT, FUNCTION_VALUE, MAX_ITER, LINE_SEARCH
    }

    /** The result: the point, its value and gradient, the iterations and the evaluations used. */
    record Result(double[] x, double value, double[] gradient, int iterations, int evaluations, Stop stop) {
    }

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_LINE_SEARCH = 10;
    /** The approximate Wolfe conditions' δ (Hager and Zhang's 0.1) and relative slack on f. */
    private static final double DELTA = 0.1;
    private static final double EPS_F = 1e-8;
    /** The function-value test compares f with its value this many iterations back. */
    private static final int HISTORY = 10;

    private final int maxIter;
    private final double tol;
    private final int memory;

    Lbfgs(int maxIter, double tol, int memory) {
        this.maxIter = maxIter;
        this.tol = tol;
        this.memory = memory;
    }

    Result minimize(Objective f, double[] x0) {
        int n = x0.length;
        double[] x = x0.clone();
        double[] g = new double[n];
        Counter fc = new Counter(f);
        double fx = fc.eval(x, g);
        if (!Double.isFinite(fx) || !allFinite(g)) {
            throw new IllegalArgumentException("the objective is " + fx + " at the starting point: NaN or infinite "
                    + "values in the label, the features or the weights?");
        }
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
        double[] alphaBuf = new double[memory];
        int stored = 0;
        int head = 0; // index of the oldest pair
        double[] d = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double[] history = new double[HISTORY]; // f of the last iterations, for the function-value test
        int iter = 0;
        while (true) {
            if (normInf(g) <= tol * Math.max(1, Math.abs(fx))) {
                return new Result(x, fx, g, iter, fc.count, Stop.GRADIENT);
            }
            if (iter >= maxIter) {
                return new Result(x, fx, g, iter, fc.count, Stop.MAX_ITER);
            }
            direction(g, s, y, rho, alphaBuf, stored, head, d);
            double dg = dot(d, g);
            if (!(dg < 0)) { // not a descent direction (numerically): forget the curvature pairs
                stored = 0;
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
                dg = dot(d, g);
            }
            double step = stored == 0 ? Math.min(1, 1 / Math.sqrt(-dg)) : 1;
            double fNew = lineSearch(fc, x, fx, g, d, dg, step, xNew, gNew);
            if (Double.isNaN(fNew)) {
                if (stored > 0) { // retry once along the steepest descent
                    stored = 0;
                    continue;
                }
                return new Result(x, fx, g, iter, fc.count, Stop.LINE_SEARCH);
            }
            iter++;
            // The new curvature pair, kept only when it keeps the inverse Hessian positive definite.
            int slot = stored < memory ? (head + stored) % memory : head;
            double sy = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                s[slot][i] = xNew[i] - x[i];
                y[slot][i] = gNew[i] - g[i];
                sy += s[slot][i] * y[slot][i];
                yy += y[slot][i] * y[slot][i];
            }
            if (sy > 1e-10 * yy && sy > 0) {
                rho[slot] = 1 / sy;
                if (stored < memory) {
                    stored++;
                } else {
                    head = (head + 1) % memory;
                }
            }
            history[(iter - 1) % HISTORY] = fx;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (iter >= HISTORY) {
                double back = history[iter % HISTORY]; // f at iteration iter − HISTORY
                if (back - fx <= tol * Math.max(Math.abs(fx), 1e-8)) {
                    return new Result(x, fx, g, iter, fc.count, Stop.FUNCTION_VALUE);
                }
            }
        }
    }

    /** d = −H·g by the two-loop recursion over the stored pairs (oldest at {@code head}). */
    private static void direction(double[] g, double[][] s, double[][] y, double[] rho, double[] alpha, int stored,
            int head, double[] d) {
        int n = g.length;
        int m = s.length;
        for (int i = 0; i < n; i++) {
            d[i] = -g[i];
        }
        for (int k = stored - 1; k >= 0; k--) {
            int j = (head + k) % m;
            alpha[j] = rho[j] * dot(s[j], d);
            axpy(-alpha[j], y[j], d);
        }
        if (stored > 0) {
            int last = (head + stored - 1) % m;
            double gamma = 1 / (rho[last] * dot(y[last], y[last]));
            for (int i = 0; i < n; i++) {
                d[i] *= gamma;
            }
        }
        for (int k = 0; k < stored; k++) {
            int j = (head + k) % m;
            double beta = rho[j] * dot(y[j], d);
            axpy(alpha[j] - beta, s[j], d);
        }
    }

    /**
     * A step along d that satisfies the strong Wolfe conditions or Hager and Zhang's approximate Wolfe conditions
     * (SIAM J. Optim. 16(1), 2005: the curvature condition, and f within {@value #EPS_F}·|f| of f(x) rather than
     * the sufficient decrease, which near the minimum asks more than the float32 rounding of the loss values
     * leaves; the derivatives stay informative there). Brackets by doubling, then shrinks the bracket by cubic
     * interpolation. Writes the point and its gradient into {@code xNew}, {@code gNew} and returns its value; failing
     * that, the lowest point found that satisfies the sufficient decrease; NaN when there is none.
     */
    private static double lineSearch(Counter f, double[] x, double f0, double[] g0, double[] d, double dg0,
            double step, double[] xNew, double[] gNew) {
        int n = x.length;
        double[] gTry = new double[n];
        double bestF = Double.NaN;
        double bestStep = 0;
        double[] bestG = new double[n];
        double slack = f0 + EPS_F * Math.abs(f0);
        // [lo, hi]: φ'(lo) < 0 and φ(lo) within the slack; hi past the minimum (φ' ≥ 0, or φ too high, or not finite)
        double lo = 0;
        double fLo = f0;
        double dgLo = dg0;
        double hi = Double.NaN;
        double fHi = Double.NaN;
        double dgHi = Double.NaN;
        double a = step;
        for (int evals = 0; evals < MAX_LINE_SEARCH; evals++) {
            if (!Double.isNaN(hi)) {
                a = interpolate(lo, fLo, dgLo, hi, fHi, dgHi);
            }
            for (int i = 0; i < n; i++) {
                xNew[i] = x[i] + a * d[i];
            }
            double fa = f.eval(xNew, gTry);
            double dga = dot(gTry, d);
            boolean finite = Double.isFinite(fa) && Double.isFinite(dga);
            boolean armijo = finite && fa <= f0 + C1 * a * dg0;
            boolean strongWolfe = armijo && Math.abs(dga) <= -C2 * dg0;
            boolean approxWolfe = finite && fa <= slack && dga >= C2 * dg0 && dga <= (2 * DELTA - 1) * dg0;
            if (strongWolfe || approxWolfe) {
                return accept(x, d, a, fa, gTry, xNew, gNew);
            }
            if (armijo && fa < f0 && (Double.isNaN(bestF) || fa < bestF)) {
                bestF = fa;
                bestStep = a;
                System.arraycopy(gTry, 0, bestG, 0, n);
            }
            if (!finite || dga >= 0 || fa > slack) {
                hi = a;
                fHi = finite ? fa : Double.NaN;
                dgHi = finite ? dga : Double.NaN;
            } else {
                lo = a;
                fLo = fa;
                dgLo = dga;
                if (Double.isNaN(hi)) {
                    a = 2 * a; // still descending: the minimum along d is further
                }
            }
            if (!Double.isNaN(hi) && hi - lo <= 1e-12 * hi) {
                break;
            }
        }
        if (Double.isNaN(bestF)) {
            return Double.NaN;
        }
        return accept(x, d, bestStep, bestF, bestG, xNew, gNew);
    }

    private static double accept(double[] x, double[] d, double a, double fa, double[] ga, double[] xNew,
            double[] gNew) {
        for (int i = 0; i < x.length; i++) {
            xNew[i] = x[i] + a * d[i];
        }
        System.arraycopy(ga, 0, gNew, 0, ga.length);
        return fa;
    }

    /**
     * The minimiser of the cubic through (a, fa, ga) and (b, fb, gb), kept inside the interval away from its ends;
     * the midpoint where the cubic has none or an end is not finite.
     */
    private static double interpolate(double a, double fa, double ga, double b, double fb, double gb) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        double mid = 0.5 * (a + b);
        if (!Double.isFinite(fb) || !Double.isFinite(gb)) {
            return mid;
        }
        double d1 = ga + gb - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - ga * gb;
        if (!(disc >= 0)) {
            return mid;
        }
        double d2 = Math.signum(b - a) * Math.sqrt(disc);
        double t = b - (b - a) * (gb + d2 - d1) / (gb - ga + 2 * d2);
        double margin = 0.1 * (hi - lo);
        if (!Double.isFinite(t) || t < lo + margin || t > hi - margin) {
            return mid;
        }
        return t;
    }

    private static final class Counter {
        final Objective f;
        int count;

        Counter(Objective f) {
            this.f = f;
        }

        double eval(double[] x, double[] g) {
            count++;
            return f.evaluate(x, g);
        }
    }

    private static boolean allFinite(double[] v) {
        for (double e : v) {
            if (!Double.isFinite(e)) {
                return false;
            }
        }
        return true;
    }

    private static double normInf(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += alpha * x[i];
        }
    }
}
