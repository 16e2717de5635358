package org.losses4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void rowMajorLayoutAndShape() {
        Tensor t = Tensor.wrap(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(t.shape()).containsExactly(2, 3);
        assertThat(t.numel()).isEqualTo(6);
        assertThat(t.get(1, 0)).isEqualTo(4f);
        assertThat(t.offset(1, 2)).isEqualTo(5);
        assertThat(t.reshape(3, 2).get(2, 1)).isEqualTo(6f);
        assertThat(t.dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void theShapeCannotBeChangedThroughTheArrayItReturns() {
        Tensor t = Tensor.zeros(2, 2);
        t.shape()[0] = 7;
        assertThat(t.shape()).containsExactly(2, 2);
    }

    @Test
    void badShapesAreOneLineErrors() {
        assertThatThrownBy(() -> Tensor.wrap(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5").hasMessageContaining("6")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> Tensor.zeros(2, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> Tensor.wrap(new float[6], 2, 3).reshape(4, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void indicesAreInt64AndConvertToFloat() {
        Tensor i = Tensor.indices(0, 3, 2);
        assertThat(i.dtype()).isEqualTo(DType.INT64);
        assertThat(i.longData()).containsExactly(0L, 3L, 2L);
        assertThat(i.toFloat().data()).containsExactly(0f, 3f, 2f);
    }

    @Test
    void aZeroDimensionalTensorHasOneElement() {
        Tensor s = Tensor.scalar(2.5f);
        assertThat(s.dim()).isZero();
        assertThat(s.numel()).isEqualTo(1);
        assertThat(s.item()).isEqualTo(2.5f);
    }
}
