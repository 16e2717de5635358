package org.losses4j.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link Dataset#of} copies the arrays in; {@link Dataset#wrap} takes them over, with the same checks. */
class DatasetTest {
    private static final List<String> F = List.of("a", "b");
    private static final List<String> T = List.of("y");

    @Test
    void ofCopiesAndWrapTakesOver() {
        float[] x = {1, 2, 3, 4, 5, 6};
        float[] y = {7, 8, 9};
        Dataset copied = Dataset.of(x, y, F, T);
        Dataset wrapped = Dataset.wrap(x, y, F, T);
        x[0] = 100;
        y[2] = -1;
        assertThat(copied.row(0)).containsExactly(1, 2);
        assertThat(copied.targetColumn(0)).containsExactly(7, 8, 9);
        assertThat(wrapped.row(0)).containsExactly(100, 2);
        assertThat(wrapped.targetColumn(0)).containsExactly(7, 8, -1);
        assertThat(wrapped.size()).isEqualTo(3);
        assertThat(wrapped.shape()).containsExactly(3, 2);
    }

    @Test
    void wrapChecksAsOfDoes() {
        assertThatThrownBy(() -> Dataset.wrap(new float[] {1, 2, 3}, new float[] {1}, F, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numbers of samples differ");
        assertThatThrownBy(() -> Dataset.wrap(new float[] {1, Float.NaN}, new float[] {1}, F, T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value NaN in row 0, column b is not finite");
        assertThatThrownBy(() -> Dataset.wrap(new float[] {1, 2}, new float[] {1}, List.of(), T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one feature");
    }

    /** The parts of Keras's split are the permuted rows, the training part first (no copy of the whole between). */
    @Test
    void theSplitTakesThePermutedRows() {
        int n = 50;
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = 10 * i;
        }
        TrainTestSplit s = TrainTestSplit.keras(Dataset.of(x, y, F, T), 0.2, 113);
        int[] perm = s.permutation();
        assertThat(s.train().size()).isEqualTo(40);
        assertThat(s.test().size()).isEqualTo(10);
        for (int k = 0; k < n; k++) {
            Dataset part = k < 40 ? s.train() : s.test();
            int i = k < 40 ? k : k - 40;
            assertThat(part.row(i)).containsExactly(perm[k], -perm[k]);
            assertThat(part.targetColumn(0)[i]).isEqualTo(10.0 * perm[k]);
        }
    }
}
