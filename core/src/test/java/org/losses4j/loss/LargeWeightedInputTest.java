package org.losses4j.loss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.losses4j.kernel.Parallel;
import org.losses4j.loss.classification.BinaryCrossEntropyWithLogitsLoss;
import org.losses4j.tensor.Tensor;

/**
 * Weights broadcast along the last dimension of an input larger than one {@link Parallel#BLOCK}: a block that starts
 * inside a row must start at the right weight. The expected values are the loss's definition evaluated in double
 * here, element by element.
 */
class LargeWeightedInputTest {
    private static final double RTOL = 2e-6;

    private static void close(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, Offset.offset(RTOL * Math.max(1, Math.abs(expected))));
    }

    private static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * BCE with logits, weight and pos_weight of shape (3) over an (N, 3) input of 36,003 elements: blocks start at
     * elements 16,384 and 32,768, which are not the first of a row.
     */
    @Test
    void bceWithLogitsWeightAndPosWeightBeyondOneBlock() {
        int rows = 12_001;
        int c = 3;
        int n = rows * c;
        assertThat(Parallel.BLOCK % c).as("a block starts inside a row").isNotZero();
        Random rnd = new Random(17);
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextGaussian() * 3);
            y[i] = rnd.nextFloat();
        }
        float[] w = {0.5f, 2f, 1.25f};
        float[] p = {3f, 0.25f, 1.5f};
        for (Reduction red : new Reduction[] {Reduction.MEAN, Reduction.SUM, Reduction.NONE}) {
            LossResult res = new BinaryCrossEntropyWithLogitsLoss(Tensor.of(w, c), red, Tensor.of(p, c))
                    .valueAndGradient(Tensor.of(x, rows, c), Tensor.of(y, rows, c));
            double scale = red == Reduction.MEAN ? 1.0 / n : 1.0;
            float[] gx = res.grad("input").data();
            float[] gy = res.grad("target").data();
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double wi = w[i % c];
                double pi = p[i % c];
                double xi = x[i];
                double yi = y[i];
                double l = wi * ((1 - yi) * softplus(xi) + pi * yi * softplus(-xi));
                sum += l;
                String what = red + ", element " + i;
                if (red == Reduction.NONE) {
                    close(res.value().data()[i], l, what + ": loss");
                }
                close(gx[i], wi * ((1 - yi) * sigmoid(xi) - pi * yi * sigmoid(-xi)) * scale, what + ": grad input");
                close(gy[i], wi * (pi * softplus(-xi) - softplus(xi)) * scale, what + ": grad target");
            }
            if (red != Reduction.NONE) {
                close(res.item(), sum * scale, red + ": value");
            }
        }
    }
}
