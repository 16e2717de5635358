package org.losses4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link Rows}: the same chunks in the same order on the calling thread as across cores. */
class RowsTest {
    /** Row values with full mantissas: added in another grouping or order, they round to another double. */
    private static double[] rowValues(int rows) {
        Random r = new Random(rows);
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            v[i] = r.nextDouble() * (1 + i % 7);
        }
        return v;
    }

    private static double chunkSum(double[] v, int r0, int r1) {
        double s = 0;
        for (int i = r0; i < r1; i++) {
            s += v[i];
        }
        return s;
    }

    @Test
    void sequentialSumIsTheSplitSumBitForBit() {
        int cost = 8 * 1000 + 64; // a cross-entropy row of 1,000 classes: two rows per chunk
        for (int rows : new int[] {0, 1, 2, 3, 5, 64, 1001}) {
            double[] v = rowValues(rows);
            double split = Rows.sum(rows, cost, (r0, r1) -> chunkSum(v, r0, r1));
            double here = Rows.sequentialSum(rows, cost, (r0, r1) -> chunkSum(v, r0, r1));
            assertThat(Double.doubleToLongBits(here)).as("rows=%d (splits across cores: %s)", rows,
                    !Rows.sequential(rows, cost)).isEqualTo(Double.doubleToLongBits(split));
        }
        // the data can tell orders apart: the 1001 rows' chunk sums added last to first give another double
        double[] v = rowValues(1001);
        double reversed = 0;
        for (int r0 = 1000 / Rows.chunk(cost) * Rows.chunk(cost); r0 >= 0; r0 -= Rows.chunk(cost)) {
            reversed += chunkSum(v, r0, Math.min(1001, r0 + Rows.chunk(cost)));
        }
        assertThat(reversed).isNotEqualTo(Rows.sequentialSum(1001, cost, (r0, r1) -> chunkSum(v, r0, r1)));
        if (Parallel.threads() > 1) {
            assertThat(Rows.sequential(64, cost)).as("64 rows of 1,000 classes are split across cores").isFalse();
        }
        assertThat(Rows.sequential(3, cost)).as("3 rows of 1,000 classes stay on the calling thread").isTrue();
    }

    @Test
    void chunksFollowTheRowCost() {
        assertThat(Rows.chunk(8 * 1000 + 64)).isEqualTo(Parallel.BLOCK / (8 * 1000 + 64));
        assertThat(Rows.chunk(Parallel.BLOCK * 4)).as("at least one row per chunk").isEqualTo(1);
        assertThat(Rows.chunk(0)).isEqualTo(Parallel.BLOCK);
    }
}
