package org.losses4j.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/**
 * Cross-entropy's rules exactly at their boundaries, through the public API: {@code ignore_index} with
 * class-probability targets (PyTorch rejects every value from 0 up; the fixtures only have 1).
 */
class CrossEntropyBoundaryTest {
    private static final Tensor LOGITS = Tensor.of(new float[] {0.5f, 1f, -1f, 0f, 2f, 1f}, 2, 3);
    private static final Tensor PROBABILITIES = Tensor.of(new float[] {0f, 1f, 0f, 0.2f, 0.3f, 0.5f}, 2, 3);

    @Test
    void probabilityTargetsRejectIgnoreIndexZeroAndAcceptMinusOne() {
        CrossEntropyLoss zero = CrossEntropyLoss.builder().ignoreIndex(0).build();
        assertThatThrownBy(() -> zero.forward(LOGITS, PROBABILITIES)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cross_entropy: ignore_index is not supported for class-probability targets, got 0");
        float expected = new CrossEntropyLoss(Reduction.MEAN).forward(LOGITS, PROBABILITIES).item();
        assertThat(CrossEntropyLoss.builder().ignoreIndex(-1).build().forward(LOGITS, PROBABILITIES).item())
                .as("ignore_index -1 plays no part with probability targets").isEqualTo(expected);
    }
}
