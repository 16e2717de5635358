package org.losses4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.regression.HuberLoss;
import org.losses4j.loss.regression.L1Loss;
import org.losses4j.loss.regression.MSELoss;
import org.losses4j.loss.regression.SmoothL1Loss;
import org.losses4j.tensor.Tensor;

/**
 * {@link PlainKernels}' element-wise methods on a range of their own: the losses never hand them one (without the
 * Vector API their own split loops take the whole range), but the class promises complete kernels, the losses'
 * per-element floats summed in element order. Held here to Huber, Smooth L1, L1 and MSE themselves, bit for bit, at
 * reduction {@code none} (scale 1) and {@code mean} over 1,024 elements (scale 2<sup>−10</sup>, exact), with any
 * subset of the outputs asked for, on a range that starts and ends inside the arrays.
 */
class PlainKernelsTest {
    private static final int N = 1024;
    private static final int FROM = 5;
    private static final int TO = N - 7;
    private static final float DELTA = 0.75f;

    private interface Kernel {
        double apply(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from, int to);
    }

    /** Ordinary values, differences of exactly ±δ and ±0, and equal pairs. */
    private static float[][] data() {
        Random r = new Random(31);
        float[] x = new float[N];
        float[] y = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (float) (r.nextGaussian() * 2);
            switch (i % 11) {
                case 0 -> y[i] = x[i];
                case 1 -> {
                    x[i] = 0.25f;
                    y[i] = 0.25f + (i % 2 == 0 ? DELTA : -DELTA);
                }
                case 2 -> {
                    x[i] = -0f;
                    y[i] = 0f;
                }
                default -> y[i] = (float) (r.nextGaussian() * 2);
            }
        }
        return new float[][] {x, y};
    }

    private static void sameBits(float[] expected, float[] actual, int from, int to, String what) {
        for (int i = 0; i < N; i++) {
            float e = i >= from && i < to ? expected[i] : 0f; // outside the range nothing is written
            assertThat(Float.floatToIntBits(actual[i])).as("%s[%d]: expected %s, got %s", what, i, e, actual[i])
                    .isEqualTo(Float.floatToIntBits(e));
        }
    }

    private static void check(String name, Kernel k, float kernelScale, LossResult none, LossResult mean) {
        float[][] d = data();
        float[] x = d[0];
        float[] y = d[1];
        for (int pass = 0; pass < 2; pass++) {
            LossResult ref = pass == 0 ? none : mean;
            float scale = pass == 0 ? 1f : kernelScale;
            float[] values = none.value().data();
            float[] out = new float[N];
            float[] gx = new float[N];
            float[] gy = new float[N];
            double sum = k.apply(x, y, out, gx, gy, scale, FROM, TO);
            String what = name + (pass == 0 ? " (scale 1)" : " (scale 1/1024)");
            sameBits(values, out, FROM, TO, what + " value");
            sameBits(ref.grad("input").data(), gx, FROM, TO, what + " grad input");
            sameBits(ref.grad("target").data(), gy, FROM, TO, what + " grad target");
            double expected = 0;
            for (int i = FROM; i < TO; i++) {
                expected += values[i];
            }
            assertThat(sum).as(what + " sum, in element order").isEqualTo(expected);
            // any subset of the outputs: the same sum, the same floats where asked for
            float[] gxOnly = new float[N];
            assertThat(k.apply(x, y, null, gxOnly, null, scale, FROM, TO)).as(what + " gx only").isEqualTo(sum);
            sameBits(ref.grad("input").data(), gxOnly, FROM, TO, what + " gx only");
            float[] gyOnly = new float[N];
            assertThat(k.apply(x, y, null, null, gyOnly, scale, FROM, TO)).as(what + " gy only").isEqualTo(sum);
            sameBits(ref.grad("target").data(), gyOnly, FROM, TO, what + " gy only");
            float[] outOnly = new float[N];
            assertThat(k.apply(x, y, outOnly, null, null, scale, FROM, TO)).as(what + " value only").isEqualTo(sum);
            sameBits(values, outOnly, FROM, TO, what + " value only");
        }
    }

    private static LossResult eval(org.losses4j.loss.InputTargetLoss loss) {
        float[][] d = data();
        return loss.valueAndGradient(Tensor.of(d[0], N), Tensor.of(d[1], N));
    }

    @Test
    void huberIsTheLossBitForBit() {
        check("huber", (x, y, out, gx, gy, s, from, to) -> PlainKernels.INSTANCE.clampedQuadratic(x, y, out, gx, gy,
                DELTA, 1f, s, from, to), 1f / N, eval(new HuberLoss(DELTA, Reduction.NONE)),
                eval(new HuberLoss(DELTA, Reduction.MEAN)));
    }

    @Test
    void smoothL1IsTheLossBitForBit() {
        // Smooth L1 is the clamped quadratic with the value and the gradient divided by β
        check("smooth_l1", (x, y, out, gx, gy, s, from, to) -> PlainKernels.INSTANCE.clampedQuadratic(x, y, out, gx,
                gy, DELTA, 1f / DELTA, s / DELTA, from, to), 1f / N, eval(new SmoothL1Loss(DELTA, Reduction.NONE)),
                eval(new SmoothL1Loss(DELTA, Reduction.MEAN)));
    }

    @Test
    void l1IsTheLossBitForBit() {
        check("l1", PlainKernels.INSTANCE::l1, 1f / N, eval(new L1Loss(Reduction.NONE)),
                eval(new L1Loss(Reduction.MEAN)));
    }

    @Test
    void mseIsTheLossBitForBit() {
        check("mse", PlainKernels.INSTANCE::mse, 1f / N, eval(new MSELoss(Reduction.NONE)),
                eval(new MSELoss(Reduction.MEAN)));
    }
}
