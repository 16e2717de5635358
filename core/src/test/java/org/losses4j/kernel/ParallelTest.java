package org.losses4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.losses4j.loss.regression.HuberLoss;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.VectorApiRun;

@Tag(VectorApiRun.TAG)
class ParallelTest {
    /** Values whose float sum depends on the order of the additions, so any change of order shows. */
    private static float[] awkward(int n) {
        Random r = new Random(5);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(12) - 6));
        }
        return v;
    }

    @Test
    void theSumIsBitIdenticalWhateverTheThreadCount() {
        int n = 7 * Parallel.BLOCK + 123;
        float[] v = awkward(n);
        Parallel.RangeSum body = (from, to) -> {
            double s = 0;
            for (int i = from; i < to; i++) {
                s += v[i];
            }
            return s;
        };
        double one = Parallel.sum(n, 1, body);
        for (int t = 2; t <= 5; t++) {
            assertThat(Parallel.sum(n, t, body)).as("%d threads", t).isEqualTo(one);
        }
        // and it is the block sums added in block order
        double expected = 0;
        for (int b = 0; b * Parallel.BLOCK < n; b++) {
            expected += body.apply(b * Parallel.BLOCK, Math.min(n, (b + 1) * Parallel.BLOCK));
        }
        assertThat(one).isEqualTo(expected);
    }

    @Test
    void aLossGivesTheSameAnswerOnOneThreadAndOnSeveral() {
        // The loss runs its kernel through Parallel.sum with the configured thread count; the same blocks summed
        // on one thread must give the bit-identical value and gradient.
        int n = 9 * Parallel.BLOCK + 17; // above the parallel threshold: both cores run it
        float[] x = awkward(n);
        float[] y = awkward(n);
        HuberLoss huber = new HuberLoss(1.5);
        double value = huber.valueAndGradInput(Tensor.wrap(x, n), Tensor.wrap(y, n)).item();
        double perBlock = 0;
        float[] g = new float[n];
        for (int b = 0; b * Parallel.BLOCK < n; b++) {
            int from = b * Parallel.BLOCK;
            int len = Math.min(n, from + Parallel.BLOCK) - from;
            float[] xb = java.util.Arrays.copyOfRange(x, from, from + len);
            float[] yb = java.util.Arrays.copyOfRange(y, from, from + len);
            perBlock += new HuberLoss(1.5, org.losses4j.loss.Reduction.SUM).valueAndGradInput(xb, yb, g, len);
        }
        assertThat(value).isEqualTo(perBlock / n);
    }

    @Test
    void forRangeVisitsEveryItemOnce() {
        for (int items : new int[] {0, 1, 2, 3, 1000, 1 << 20}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(Math.max(items, 1));
            Parallel.forRange(items, 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    seen.incrementAndGet(i);
                }
            });
            for (int i = 0; i < items; i++) {
                assertThat(seen.get(i)).as("item %d of %d", i, items).isEqualTo(1);
            }
        }
    }

    @Test
    void anExceptionInAWorkerReachesTheCaller() {
        int n = 4 * Parallel.BLOCK;
        assertThatThrownBy(() -> Parallel.sum(n, 2, (from, to) -> {
            if (from >= 2 * Parallel.BLOCK) {
                throw new IllegalArgumentException("bad block at " + from);
            }
            return 0;
        })).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bad block at");
    }
}
