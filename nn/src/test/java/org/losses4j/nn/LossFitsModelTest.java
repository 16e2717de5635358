package org.losses4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossRegistry;
import org.losses4j.nn.data.Dataset;
import org.losses4j.nn.optim.Adam;

/** A loss that cannot fit the model is refused before the first batch, naming the loss and both shapes. */
class LossFitsModelTest {
    private static Sequential regression(String loss) {
        Sequential m = new Sequential(3, 1);
        m.add(new Dense(4, Activation.RELU, Initializer.HE_UNIFORM));
        m.add(new Dense(1, Activation.LINEAR));
        m.compile(LossRegistry.standard().create(loss, Map.of(), null), new Adam(), "mae");
        return m;
    }

    /** cross_entropy on one output unit: one class, loss 0.0 for every target; it used to "train" at loss 0. */
    @Test
    void crossEntropyOnARegressionModelIsRefused() {
        Dataset data = SequentialFitTest.data(20, 2);
        Sequential m = regression("cross_entropy");
        assertThatThrownBy(() -> m.fit(data, new FitOptions(2, 4, 0, true, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cross_entropy cannot train this model: on its output (N, 1) against targets (N, 1) the "
                        + "loss does not depend on the prediction (one output unit is one class; a class loss needs "
                        + "one unit per class)");
        assertThatThrownBy(() -> m.evaluate(data, 4)).hasMessageStartingWith("cross_entropy cannot train this model");
    }

    @Test
    void regressionLossesStillTrain() {
        Dataset data = SequentialFitTest.data(20, 2);
        for (String loss : new String[] {"huber_loss", "mse_loss", "l1_loss", "binary_cross_entropy_with_logits"}) {
            History h = regression(loss).fit(data, new FitOptions(2, 4, 0, true, 3));
            assertThat(h.get("loss")).as(loss).hasSize(2);
        }
    }

    /** With one unit per class, cross-entropy on class probabilities trains. */
    @Test
    void crossEntropyWithOneUnitPerClassTrains() {
        float[] x = new float[20 * 3];
        float[] y = new float[20 * 2];
        for (int i = 0; i < 20; i++) {
            x[i * 3] = i % 2 == 0 ? 1f : -1f;
            y[i * 2 + (i % 2)] = 1f;
        }
        Dataset data = Dataset.of(x, y, java.util.List.of("a", "b", "c"), java.util.List.of("p0", "p1"));
        Sequential m = new Sequential(3, 1);
        m.add(new Dense(2, Activation.LINEAR));
        m.compile(LossRegistry.standard().create("cross_entropy", Map.of(), null), new Adam(0.05));
        History h = m.fit(data, new FitOptions(20, 4, 0, true, 3));
        assertThat(h.last("loss")).isLessThan(h.get("loss")[0]);
    }
}
