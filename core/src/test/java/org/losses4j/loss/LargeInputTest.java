package org.losses4j.loss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.losses4j.kernel.Parallel;
import org.losses4j.loss.classification.CrossEntropyLoss;
import org.losses4j.loss.regression.GaussianNLLLoss;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.VectorApiRun;

/**
 * Inputs large enough that the kernels split them: a second block of {@link Parallel#BLOCK} elements (work that
 * starts at an element other than 0), later row chunks, and both threads of the parallel loops. The expected values
 * are the losses' definitions evaluated in double here, element by element and row by row, so an offset that reads
 * or writes the wrong element of a later block shows.
 */
@Tag(VectorApiRun.TAG)
class LargeInputTest {
    private static final double RTOL = 2e-6;

    private static float[] gaussian(Random r, int n, double sd) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * sd);
        }
        return v;
    }

    private static float[] positive(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (0.2 + 2 * r.nextDouble());
        }
        return v;
    }

    private static void close(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected,
                org.assertj.core.data.Offset.offset(RTOL * Math.max(1, Math.abs(expected))));
    }

    /**
     * GaussianNLLLoss: input (rows, cols) with var broadcast four ways: one per element, one per row (rows), one per
     * column (1, cols: shared across rows), one for all (0-d). Every case is above {@link Parallel#BLOCK} elements, so
     * the second block starts inside a row and inside a variance's run.
     */
    @Test
    void gaussianNllWithABroadcastVarianceBeyondOneBlock() {
        int rows = 3;
        int cols = 14_001; // 42,003 elements: three blocks, above the parallel threshold
        int n = rows * cols;
        assertThat(n).isGreaterThan(Math.max(2 * Parallel.BLOCK, Parallel.parallelThreshold()));
        Random rnd = new Random(11);
        float[] x = gaussian(rnd, n, 1);
        float[] y = gaussian(rnd, n, 1);
        int[][] varShapes = {{rows, cols}, {rows}, {1, cols}, {}};
        for (int[] vs : varShapes) {
            int vn = 1;
            for (int d : vs) {
                vn *= d;
            }
            float[] v = positive(rnd, vn);
            for (Reduction red : new Reduction[] {Reduction.MEAN, Reduction.SUM, Reduction.NONE}) {
                for (boolean full : new boolean[] {false, true}) {
                    String what = "var shape " + java.util.Arrays.toString(vs) + ", " + red + ", full=" + full;
                    GaussianNLLLoss loss = new GaussianNLLLoss(full, 1e-6, red);
                    LossResult res = loss.valueAndGradient(Tensor.of(x, rows, cols), Tensor.of(y, rows, cols),
                            Tensor.of(v, vs));
                    double scale = red == Reduction.MEAN ? 1.0 / n : 1.0;
                    double sum = 0;
                    double[] gv = new double[vn];
                    float[] out = red == Reduction.NONE ? res.value().data() : null;
                    float[] gx = res.grad("input").data();
                    float[] gy = res.grad("target").data();
                    for (int i = 0; i < n; i++) {
                        int r = i / cols;
                        int c = i % cols;
                        int vi = vs.length == 2 && vs[0] == rows ? i : vs.length == 1 ? r : vs.length == 2 ? c : 0;
                        double var = v[vi];
                        double d = (double) x[i] - y[i];
                        double l = 0.5 * (Math.log(var) + d * d / var) + (full ? 0.5 * Math.log(2 * Math.PI) : 0);
                        sum += l;
                        if (out != null) {
                            close(out[i], l, what + ": loss[" + i + "]");
                        }
                        close(gx[i], d / var * scale, what + ": grad input[" + i + "]");
                        close(gy[i], -d / var * scale, what + ": grad target[" + i + "]");
                        gv[vi] += 0.5 * (1 / var - d * d / (var * var)) * scale;
                    }
                    if (out == null) {
                        close(res.item(), sum * scale, what + ": value");
                    }
                    float[] agv = res.grad("var").data();
                    for (int k = 0; k < vn; k++) {
                        close(agv[k], gv[k], what + ": grad var[" + k + "]");
                    }
                }
            }
        }
    }

    /**
     * GaussianNLLLoss with var (2, 1, cols) over input (2, 3, cols): a variance shared along a middle dimension, so
     * a block that starts inside the second outer slice must find both its place in the middle dimension and the
     * slice's variances.
     */
    @Test
    void gaussianNllWithAVarianceSharedAlongAMiddleDimensionBeyondOneBlock() {
        int outer = 2;
        int mid = 3;
        int cols = 6_007; // 36,042 elements; the third block starts in the second outer slice
        int n = outer * mid * cols;
        Random rnd = new Random(13);
        float[] x = gaussian(rnd, n, 1);
        float[] y = gaussian(rnd, n, 1);
        float[] v = positive(rnd, outer * cols);
        LossResult res = new GaussianNLLLoss(false, 1e-6, Reduction.NONE).valueAndGradient(
                Tensor.of(x, outer, mid, cols), Tensor.of(y, outer, mid, cols), Tensor.of(v, outer, 1, cols));
        double[] gv = new double[v.length];
        for (int i = 0; i < n; i++) {
            int vi = i / (mid * cols) * cols + i % cols;
            double d = (double) x[i] - y[i];
            close(res.value().data()[i], 0.5 * (Math.log(v[vi]) + d * d / v[vi]), "loss[" + i + "]");
            close(res.grad("input").data()[i], d / v[vi], "grad input[" + i + "]");
            gv[vi] += 0.5 * (1 / v[vi] - d * d / ((double) v[vi] * v[vi]));
        }
        for (int k = 0; k < v.length; k++) {
            close(res.grad("var").data()[k], gv[k], "grad var[" + k + "]");
        }
    }

    /**
     * CrossEntropyLoss with class-index targets on narrow rows (10 classes) whose logits exceed ±80 (the shifted
     * path), over more rows than one chunk holds: rows of later chunks, on both threads.
     */
    @Test
    void crossEntropyNarrowRowsWithLargeLogitsPastTheFirstChunk() {
        int rows = 9_001;
        int c = 10;
        Random rnd = new Random(12);
        float[] x = gaussian(rnd, rows * c, 3);
        long[] t = new long[rows];
        for (int r = 0; r < rows; r++) {
            x[r * c + rnd.nextInt(c)] = (rnd.nextBoolean() ? 1 : -1) * (81 + 10 * rnd.nextFloat());
            t[r] = rnd.nextInt(c);
        }
        for (Reduction red : new Reduction[] {Reduction.MEAN, Reduction.SUM, Reduction.NONE}) {
            CrossEntropyLoss loss = new CrossEntropyLoss(red);
            LossResult res = loss.valueAndGradInput(Tensor.of(x, rows, c), Tensor.wrapIndices(t, rows));
            float[] gx = res.gradInput().data();
            double scale = red == Reduction.MEAN ? 1.0 / rows : 1.0;
            float[] buffer = new float[rows * c];
            double bufferValue = red == Reduction.NONE ? 0 : loss.valueAndGradInput(x, t, buffer, rows, c);
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    m = Math.max(m, x[r * c + k]);
                }
                double se = 0;
                for (int k = 0; k < c; k++) {
                    se += Math.exp(x[r * c + k] - m);
                }
                double lse = m + Math.log(se);
                double l = lse - x[r * c + (int) t[r]];
                sum += l;
                String what = red + ", row " + r;
                if (red == Reduction.NONE) {
                    close(res.value().data()[r], l, what + ": loss");
                }
                for (int k = 0; k < c; k++) {
                    double p = Math.exp(x[r * c + k] - lse);
                    double g = (p - (k == t[r] ? 1 : 0)) * scale;
                    close(gx[r * c + k], g, what + ", class " + k + ": grad input");
                    if (red != Reduction.NONE) {
                        close(buffer[r * c + k], g, what + ", class " + k + ": buffer path's grad input");
                    }
                }
            }
            if (red != Reduction.NONE) {
                close(res.item(), sum * scale, red + ": value");
                close(bufferValue, sum * scale, red + ": buffer path's value");
            }
        }
    }
}
