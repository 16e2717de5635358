package org.losses4j.loss.ranking;

/**
 * The pair loop of the logistic pairwise losses: softplus(−z), z = a<sub>i</sub> − a<sub>j</sub>, for pairs of
 * different labels, and optionally the tied-pair loss ½·softplus(−z) + ½·softplus(z), with a = k·s.
 *
 * <p>Each item's row of pairs is accumulated without a transcendental function per pair: with E = exp(a − max a),
 * r = exp(−z) = E<sub>j</sub>/E<sub>i</sub>, u = 1 + r, and Σ log(1 + r) = log Π u + Σ (r − (u − 1))/u — the
 * product is flushed into a logarithm whenever it exceeds 1e40, and the second sum restores the part of r that
 * rounding 1 + r dropped. The gradient of a pair is σ(−z) = r/u. So a pair costs an addition, a division and a few
 * multiplications. When the scores span more than {@value #RATIO_RANGE} (E would underflow) the loop falls back to
 * a stable softplus per pair.
 */
final class LogisticPairs {
    static final double RATIO_RANGE = 600;
    private static final double FLUSH = 1e40;

    private LogisticPairs() {
    }

    /** softplus(x) = log(1 + eˣ), stable for any x. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** σ(x), stable for any x. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /**
     * See {@link PairwiseListLoss#list}; {@code k} multiplies the scores (1/temperature, or RankNet's σ). Tied pairs
     * (with {@code ties}) are visited in both orders, each order carrying half the pair's loss, so that every row's
     * sums stay local to it.
     */
    static double list(double k, boolean ties, double[] s, int n, int[] groupEnd, double[] e, double[] loss,
            double[] grad) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int p = 0; p < n; p++) {
            s[p] *= k;
            max = Math.max(max, s[p]);
            min = Math.min(min, s[p]);
        }
        if (max - min <= RATIO_RANGE) {
            for (int p = 0; p < n; p++) {
                e[p] = Math.exp(s[p] - max);
            }
        }
        double total = 0;
        int start = 0;
        double groupSum = 0;
        for (int p = 0; p < n; p++) {
            int end = groupEnd[p];
            if (p == 0 || groupEnd[p - 1] != end) {
                start = p;
                groupSum = 0;
                for (int q = p; q < end; q++) {
                    groupSum += s[q];
                }
            }
            double lp = max - min <= RATIO_RANGE ? ratioRow(ties, s, n, p, start, end, groupSum, e, grad)
                    : stableRow(ties, s, n, p, start, end, grad);
            loss[p] += lp;
            total += lp;
        }
        for (int p = 0; p < n; p++) {
            grad[p] *= k;
        }
        return total;
    }

    /** Row p by the exponential ratios; returns its loss and adds the gradients to {@code grad}. */
    private static double ratioRow(boolean ties, double[] a, int n, int p, int start, int end, double groupSum,
            double[] e, double[] grad) {
        final double inv = 1 / e[p];
        double lp = 0;
        double gp = 0;
        if (ties && end - start > 1) {
            // ½ of each tied pair's ½softplus(−z) + ½softplus(z) = ½log(1 + r) + ¼z; d/dz of the pair: σ(z) − ½
            double prod = 1;
            double corr = 0;
            double logs = 0;
            for (int q = start; q < end; q++) {
                if (q == p) {
                    continue;
                }
                double r = e[q] * inv;
                double u = 1 + r;
                double iu = 1 / u;
                corr += (r - (u - 1)) * iu;
                prod *= u;
                if (prod > FLUSH) {
                    logs += Math.log(prod);
                    prod = 1;
                }
                gp += iu - 0.5;
            }
            logs += Math.log(prod) + corr;
            lp += 0.5 * logs + 0.25 * ((end - start) * a[p] - groupSum);
        }
        double prod = 1;
        double corr = 0;
        for (int q = end; q < n; q++) {
            double r = e[q] * inv; // exp(−z)
            double u = 1 + r;
            double iu = 1 / u;
            double sig = r * iu; // σ(−z) = −d softplus(−z)/dz
            corr += (r - (u - 1)) * iu;
            prod *= u;
            if (prod > FLUSH) {
                lp += Math.log(prod);
                prod = 1;
            }
            gp -= sig;
            grad[q] += sig;
        }
        lp += Math.log(prod) + corr;
        grad[p] += gp;
        return lp;
    }

    /** Row p with a stable softplus per pair (scores spanning more than {@link #RATIO_RANGE}). */
    private static double stableRow(boolean ties, double[] a, int n, int p, int start, int end, double[] grad) {
        double ap = a[p];
        double lp = 0;
        double gp = 0;
        if (ties) {
            for (int q = start; q < end; q++) {
                if (q != p) {
                    double z = ap - a[q];
                    lp += 0.25 * (softplus(-z) + softplus(z));
                    gp += sigmoid(z) - 0.5;
                }
            }
        }
        for (int q = end; q < n; q++) {
            double z = ap - a[q];
            double sig = sigmoid(-z);
            lp += softplus(-z);
            gp -= sig;
            grad[q] += sig;
        }
        grad[p] += gp;
        return lp;
    }
}
