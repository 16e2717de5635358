package org.losses4j.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.classification.BinaryCrossEntropyWithLogitsLoss;
import org.losses4j.loss.classification.CrossEntropyLoss;
import org.losses4j.loss.regression.GaussianNLLLoss;
import org.losses4j.loss.regression.HuberLoss;
import org.losses4j.loss.regression.QuantileLoss;
import org.losses4j.tensor.Tensor;

/**
 * Evaluates losses on inputs large enough to run on several threads and prints the exact bits of every value and
 * gradient, one line per loss. {@link ThreadCountTest} runs it in JVMs started with different
 * {@code losses4j.threads} and compares the lines.
 */
public final class ThreadCountProbe {
    private ThreadCountProbe() {
    }

    public static void main(String[] args) {
        System.out.println("threads " + Parallel.threads());
        for (String line : digests()) {
            System.out.println(line);
        }
    }

    /** One line per loss: its name, the value's bits and a hash of each gradient's bits. */
    static List<String> digests() {
        Random rnd = new Random(21);
        List<String> out = new ArrayList<>();
        int n = 5 * Parallel.BLOCK + 321;
        float[] x = gaussian(rnd, n, 2);
        float[] y = gaussian(rnd, n, 2);
        out.add(line("huber mean", new HuberLoss(0.7).valueAndGradient(Tensor.of(x, n), Tensor.of(y, n))));
        out.add(line("bce_with_logits sum", new BinaryCrossEntropyWithLogitsLoss(Reduction.SUM)
                .valueAndGradient(Tensor.of(x, n), Tensor.of(uniform(rnd, n), n))));
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.1f + Math.abs(y[i]);
        }
        out.add(line("gaussian_nll per-element var", new GaussianNLLLoss(Reduction.MEAN)
                .valueAndGradient(Tensor.of(x, n), Tensor.of(y, n), Tensor.of(v, n))));
        int rows = n / 3;
        out.add(line("quantile 3 quantiles", new QuantileLoss(new double[] {0.1, 0.5, 0.9},
                QuantileLoss.QuantileReduction.SUM, Reduction.MEAN).valueAndGradient(
                        Tensor.of(Arrays.copyOf(x, rows * 3), rows, 3), Tensor.of(Arrays.copyOf(y, rows), rows))));
        for (int c : new int[] {10, 100}) {
            int r = n / c;
            float[] logits = Arrays.copyOf(x, r * c);
            long[] t = new long[r];
            for (int i = 0; i < r; i++) {
                t[i] = rnd.nextInt(c);
                if (i % 2 == 0) {
                    logits[i * c + (i % c)] = 95; // the shifted path in some chunks, the unshifted one in others
                }
            }
            out.add(line("cross_entropy " + c + " classes", new CrossEntropyLoss(Reduction.MEAN)
                    .valueAndGradInput(Tensor.of(logits, r, c), Tensor.wrapIndices(t, r))));
            out.add(line("cross_entropy " + c + " classes, smoothing", CrossEntropyLoss.builder().labelSmoothing(0.1)
                    .reduction(Reduction.SUM).build().valueAndGradInput(Tensor.of(logits, r, c),
                            Tensor.wrapIndices(t, r))));
        }
        return out;
    }

    private static String line(String name, LossResult r) {
        StringBuilder b = new StringBuilder(name).append(": value ")
                .append(Integer.toHexString(Arrays.hashCode(r.value().data())));
        r.grads().forEach((k, g) -> b.append(", grad ").append(k).append(' ')
                .append(Integer.toHexString(Arrays.hashCode(g.data()))));
        return b.toString();
    }

    private static float[] gaussian(Random r, int n, double sd) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * sd);
        }
        return v;
    }

    private static float[] uniform(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat();
        }
        return v;
    }
}
