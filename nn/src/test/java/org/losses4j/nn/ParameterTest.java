package org.losses4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParameterTest {
    @Test
    void aShapeTooLargeForAnArrayIsAnArgumentErrorNamingTheParameter() {
        assertThatThrownBy(() -> new Parameter("dense_1.kernel", 100000, 100000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dense_1.kernel: shape [100000, 100000] has more than 2147483639 elements, the most a "
                        + "float32 array holds");
        assertThatThrownBy(() -> new Parameter("w", 3, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("w: dimensions must be >= 0, got shape [3, -1]");
    }

    @Test
    void aDenseLayerTooLargeForAnArrayIsRefusedWhenAdded() {
        Sequential m = new Sequential(13, 42).add(new Dense(100000, Activation.RELU, Initializer.HE_UNIFORM));
        assertThatThrownBy(() -> m.add(new Dense(100000, Activation.RELU, Initializer.HE_UNIFORM)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("dense_1.kernel: shape ");
    }

    @Test
    void sizeIsTheProductOfTheShape() {
        assertThat(new Parameter("k", 13, 16).size()).isEqualTo(208);
        assertThat(new Parameter("b").size()).isEqualTo(1);
    }
}
