package org.losses4j.loss.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.ranking.PairwiseListLoss.Normalization;
import org.losses4j.tensor.Tensor;

/**
 * The sort-based pairwise list losses against a plain O(L²) double-precision reference that visits every pair: on
 * small batches of lists (every normalization and reduction, ties, padding, wide score ranges) and on one list of
 * 10,000 items (value and gradient), which the kernels must handle with O(L) memory.
 */
class PairwiseListLossTest {

    /** The pair loss ℓ(z) of z = s_i − s_j (y_i > y_j), its derivative, and the tied-pair loss (NaN: no ties). */
    private interface Pair {
        double loss(double z);

        double dloss(double z);

        default double tie(double z) {
            return Double.NaN;
        }

        default double dtie(double z) {
            return 0;
        }
    }

    private static Pair hinge(double m) {
        return new Pair() {
            public double loss(double z) {
                return Math.max(0, m - z);
            }

            public double dloss(double z) {
                return m - z >= 0 ? -1 : 0;
            }
        };
    }

    private static Pair logistic(double k, boolean ties) {
        return new Pair() {
            public double loss(double z) {
                return LogisticPairs.softplus(-k * z);
            }

            public double dloss(double z) {
                return -k * LogisticPairs.sigmoid(-k * z);
            }

            public double tie(double z) {
                return ties ? 0.5 * LogisticPairs.softplus(-k * z) + 0.5 * LogisticPairs.softplus(k * z)
                        : Double.NaN;
            }

            public double dtie(double z) {
                return k * (LogisticPairs.sigmoid(k * z) - 0.5);
            }
        };
    }

    /** Reference value (index 0 of the result's first array) and gradient, by visiting every ordered pair. */
    private static double[][] reference(Pair f, float[] s, float[] y, int lists, Normalization nz, Reduction r) {
        int len = lists == 0 ? 0 : s.length / lists;
        double[] perItem = new double[s.length];
        double[] grad = new double[s.length];
        double[] listSum = new double[lists];
        double[] listPairs = new double[lists];
        for (int b = 0; b < lists; b++) {
            int o = b * len;
            for (int i = o; i < o + len; i++) {
                if (y[i] < 0) {
                    continue;
                }
                for (int j = o; j < o + len; j++) {
                    if (j == i || y[j] < 0) {
                        continue;
                    }
                    double z = (double) s[i] - s[j];
                    if (y[i] > y[j]) {
                        double l = f.loss(z);
                        perItem[i] += l;
                        listSum[b] += l;
                        listPairs[b] += 1;
                        double d = f.dloss(z);
                        grad[i] += d;
                        grad[j] -= d;
                    } else if (y[i] == y[j] && !Double.isNaN(f.tie(z))) {
                        // each ordered tied pair carries half of the pair's loss
                        double l = 0.5 * f.tie(z);
                        perItem[i] += l;
                        listSum[b] += l;
                        listPairs[b] += 0.5;
                        double d = 0.5 * f.dtie(z);
                        grad[i] += d;
                        grad[j] -= d;
                    }
                }
            }
        }
        double total = 0;
        double pairs = 0;
        double means = 0;
        int active = 0;
        for (int b = 0; b < lists; b++) {
            total += listSum[b];
            pairs += listPairs[b];
            if (listPairs[b] > 0) {
                active++;
                means += listSum[b] / listPairs[b];
            }
        }
        if (r == Reduction.NONE) {
            return new double[][] {perItem, grad};
        }
        if (r == Reduction.SUM) {
            return new double[][] {{total}, grad};
        }
        double[] scale = new double[lists];
        double value;
        switch (nz) {
            case ITEMS:
                value = s.length == 0 ? 0 : total / s.length;
                java.util.Arrays.fill(scale, 1.0 / s.length);
                break;
            case PAIRS:
                value = pairs == 0 ? 0 : total / pairs;
                java.util.Arrays.fill(scale, 1.0 / pairs);
                break;
            default:
                value = active == 0 ? 0 : means / active;
                for (int b = 0; b < lists; b++) {
                    scale[b] = listPairs[b] == 0 ? 0 : 1.0 / (active * listPairs[b]);
                }
        }
        for (int i = 0; i < grad.length; i++) {
            grad[i] *= grad[i] == 0 ? 0 : scale[i / len];
        }
        return new double[][] {{value}, grad};
    }

    private static void check(String what, PairwiseListLoss loss, Pair f, float[] s, float[] y, int lists,
            double relTol) {
        int len = s.length / lists;
        Tensor in = lists == 1 ? Tensor.of(s, len) : Tensor.of(s, lists, len);
        Tensor tg = lists == 1 ? Tensor.of(y, len) : Tensor.of(y, lists, len);
        LossResult got = loss.valueAndGradient(in, tg);
        double[][] want = reference(f, s, y, lists, loss.normalization(), loss.reduction());
        float[] value = got.value().data();
        assertEquals(want[0].length, value.length, what);
        double vmax = 1e-30;
        for (double v : want[0]) {
            vmax = Math.max(vmax, Math.abs(v));
        }
        for (int i = 0; i < value.length; i++) {
            double w = want[0][i];
            double v = got.isScalar() ? got.item() : value[i];
            assertEquals(w, v, relTol * Math.max(Math.abs(w), 1e-3 * vmax) + 1e-30,
                    what + ": value[" + i + "]");
        }
        float[] g = got.gradInput().data();
        double gmax = 1e-30;
        for (double v : want[1]) {
            gmax = Math.max(gmax, Math.abs(v));
        }
        for (int i = 0; i < g.length; i++) {
            assertEquals(want[1][i], g[i], relTol * Math.max(Math.abs(want[1][i]), 1e-3 * gmax) + 1e-30,
                    what + ": grad[" + i + "]");
        }
    }

    /** Scores with repeated values (ties of scores too) and a wide range; labels 0..levels−1, some padding. */
    private static float[][] data(long seed, int n, int levels, double scale, double padding) {
        Random rnd = new Random(seed);
        float[] s = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = i % 7 == 3 && i > 0 ? s[i - 1] : (float) (scale * rnd.nextGaussian());
            y[i] = rnd.nextDouble() < padding ? -1f : rnd.nextInt(levels);
        }
        return new float[][] {s, y};
    }

    @Test
    void smallBatchesMatchTheAllPairsReference() {
        Reduction[] reductions = {Reduction.NONE, Reduction.MEAN, Reduction.SUM};
        int count = 0;
        for (long seed = 1; seed <= 6; seed++) {
            int lists = (int) (seed % 3) + 1;
            float[][] d = data(seed, lists * 37, (int) seed + 1, seed == 5 ? 400.0 : 1.5, 0.1);
            for (Normalization nz : Normalization.values()) {
                for (Reduction r : reductions) {
                    check("hinge " + seed + nz + r, new PairwiseHingeLoss(0.7, nz, r), hinge(0.7), d[0], d[1], lists,
                            1e-5);
                    check("hinge0 " + seed + nz + r, new PairwiseHingeLoss(0.0, nz, r), hinge(0.0), d[0], d[1],
                            lists, 1e-5);
                    check("logistic " + seed + nz + r, new PairwiseLogisticLoss(0.5, nz, r), logistic(2.0, false),
                            d[0], d[1], lists, 1e-5);
                    check("soft " + seed + nz + r, new SoftPairwiseLoss(1.5, true, nz, r), logistic(1.5, true),
                            d[0], d[1], lists, 1e-5);
                    check("soft-no-ties " + seed + nz + r, new SoftPairwiseLoss(1.0, false, nz, r),
                            logistic(1.0, false), d[0], d[1], lists, 1e-5);
                    count += 5;
                }
            }
        }
        assertTrue(count > 0);
    }

    @Test
    void largeListsMatchTheReference() {
        // the slow reference visits every pair: a 2,000-item list keeps it affordable
        float[][] d = data(42, 2_000, 5, 2.0, 0.02);
        check("hinge 2k", new PairwiseHingeLoss(1.0, Normalization.ITEMS, Reduction.MEAN), hinge(1.0), d[0], d[1],
                1, 1e-5);
        check("logistic 2k", new PairwiseLogisticLoss(0.8, Normalization.PAIRS, Reduction.MEAN),
                logistic(1.25, false), d[0], d[1], 1, 1e-5);
        check("soft 2k", new SoftPairwiseLoss(1.0, true, Normalization.LISTS, Reduction.NONE), logistic(1.0, true),
                d[0], d[1], 1, 1e-5);
    }

    /**
     * A list of 10,000 items (value and gradient; ~5·10⁷ pairs, O(L) memory). With a margin above every score
     * difference each hinge pair is active, so the sum has a closed form in O(L) from the label groups:
     * Σ_{y_i &gt; y_j} (m − s_i + s_j) = m·P − Σ_i s_i·(#lower labels) + Σ_j s_j·(#higher labels). The logistic
     * losses must be finite, and their gradients sum to 0 (each pair adds ±g).
     */
    @Test
    void tenThousandItems() {
        int n = 10_000;
        float[][] d = data(7, n, 6, 2.0, 0.02);
        Tensor in = Tensor.of(d[0], n);
        Tensor tg = Tensor.of(d[1], n);
        int levels = 6;
        long[] perLevel = new long[levels];
        for (float v : d[1]) {
            if (v >= 0) {
                perLevel[(int) v]++;
            }
        }
        double m = 100;
        double want = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            if (d[1][i] < 0) {
                continue;
            }
            int li = (int) d[1][i];
            long lower = 0;
            long higher = 0;
            for (int l = 0; l < levels; l++) {
                lower += l < li ? perLevel[l] : 0;
                higher += l > li ? perLevel[l] : 0;
            }
            pairs += lower;
            want += -(double) d[0][i] * lower + (double) d[0][i] * higher;
        }
        want += m * pairs;
        LossResult h = new PairwiseHingeLoss(m, Normalization.PAIRS, Reduction.SUM).valueAndGradient(in, tg);
        assertEquals(want, h.item(), 1e-9 * Math.abs(want));
        float[] hg = h.gradInput().data();
        for (int i = 0; i < n; i++) {
            int li = (int) d[1][i];
            long lower = 0;
            long higher = 0;
            for (int l = 0; l < levels && li >= 0; l++) {
                lower += l < li ? perLevel[l] : 0;
                higher += l > li ? perLevel[l] : 0;
            }
            assertEquals(higher - lower, hg[i], 0.0, "hinge grad " + i);
        }
        PairwiseListLoss[] smooth = {new PairwiseLogisticLoss(1.0, Normalization.ITEMS, Reduction.MEAN),
            new SoftPairwiseLoss(1.0, true, Normalization.PAIRS, Reduction.MEAN),
            new PairwiseHingeLoss(1.0, Normalization.LISTS, Reduction.MEAN)};
        for (PairwiseListLoss loss : smooth) {
            LossResult r = loss.valueAndGradient(in, tg);
            assertTrue(Double.isFinite(r.item()) && r.item() > 0, loss + ": " + r.item());
            double sum = 0;
            double abs = 0;
            for (float g : r.gradInput().data()) {
                assertTrue(Float.isFinite(g), loss.toString());
                sum += g;
                abs += Math.abs(g);
            }
            assertTrue(abs > 0, loss.toString());
            assertEquals(0, sum, 1e-5 * abs, loss + ": gradient sum");
        }
    }
}
