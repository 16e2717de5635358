package org.losses4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The training plan, the one place that computes Keras's validation split, and the tutorial's MLP factory. */
class TrainingPlanTest {
    @Test
    void validationSplitTakesTheLastFractionAsKeras() {
        // Keras: split_at = int(n * (1 - validation_split)); 404 * 0.8 = 323.2
        assertThat(TrainingPlan.of(404, new FitOptions(250, 1, 0.2, true, 42)))
                .isEqualTo(new TrainingPlan(250, 323, 81, 1, 323));
        assertThat(TrainingPlan.of(11, new FitOptions(1, 2, 0.25, true, 3)))
                .isEqualTo(new TrainingPlan(1, 8, 3, 2, 4));
        // no validation: every sample trains; the batch size is capped at the training samples
        assertThat(TrainingPlan.of(10, new FitOptions(3, 32, 0, true, 3))).isEqualTo(new TrainingPlan(3, 10, 0, 10, 1));
        assertThat(TrainingPlan.of(10, new FitOptions(3, 4, 0, true, 3)).stepsPerEpoch()).isEqualTo(3);
        assertThat(TrainingPlan.trainSamples(404, 0.2)).isEqualTo(323);
        assertThat(TrainingPlan.trainSamples(404, 0)).isEqualTo(404);
        assertThat(TrainingPlan.trainSamples(1, 0.5)).isZero();
    }

    @Test
    void aSplitThatEmptiesAPartIsRefusedWithTheNumbers() {
        // 1 - 1e-17 is 1 in double: nothing is left to validate
        assertThatThrownBy(() -> TrainingPlan.of(5, new FitOptions(1, 1, 1e-17, true, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validation split 1.0E-17 of 5 samples leaves 5 for training and 0 for validation; "
                        + "both need at least one");
        assertThatThrownBy(() -> TrainingPlan.of(1, new FitOptions(1, 1, 0.5, true, 1)))
                .hasMessageContaining("leaves 0 for training and 1 for validation");
        assertThatThrownBy(() -> TrainingPlan.of(0, FitOptions.defaults())).hasMessage("cannot fit on an empty data set");
    }

    @Test
    void fitRunsByThePlan() {
        List<TrainingPlan> seen = new ArrayList<>();
        Sequential m = SequentialFitTest.model(1);
        FitOptions o = new FitOptions(2, 3, 0.3, true, 5);
        m.fit(SequentialFitTest.data(23, 2), o, new Callback() {
            @Override
            public void onTrainBegin(TrainingPlan plan) {
                seen.add(plan);
            }
        });
        assertThat(seen).containsExactly(TrainingPlan.of(23, o));
        assertThatThrownBy(() -> m.fit(SequentialFitTest.data(1, 2), new FitOptions(1, 1, 0.5, true, 1)))
                .hasMessage(messageOf(() -> TrainingPlan.of(1, new FitOptions(1, 1, 0.5, true, 1))));
    }

    private static String messageOf(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("no exception");
    }

    @Test
    void mlpIsTheTutorialsModelForAnyInputWidth() {
        Sequential m = Sequential.mlp(13, 42, 16, 8);
        assertThat(m.inputDim()).isEqualTo(13);
        assertThat(m.layers()).extracting(Dense::units).containsExactly(16, 8, 1);
        assertThat(m.layers()).extracting(Dense::activation)
                .containsExactly(Activation.RELU, Activation.RELU, Activation.LINEAR);
        assertThat(m.layers()).extracting(Dense::kernelInitializer)
                .containsExactly(Initializer.HE_UNIFORM, Initializer.HE_UNIFORM, Initializer.GLOROT_UNIFORM);
        assertThat(m.parameterCount()).isEqualTo(13 * 16 + 16 + 16 * 8 + 8 + 8 + 1);
        // the same weights as the model written out layer by layer, from the same seed
        Sequential byHand = new Sequential(13, 42);
        byHand.add(new Dense(16, Activation.RELU, Initializer.HE_UNIFORM));
        byHand.add(new Dense(8, Activation.RELU, Initializer.HE_UNIFORM));
        byHand.add(new Dense(1, Activation.LINEAR));
        for (int i = 0; i < m.parameters().size(); i++) {
            assertThat(m.parameters().get(i).value()).containsExactly(byHand.parameters().get(i).value());
        }
        // no hidden layer: linear regression
        assertThat(Sequential.mlp(3, 1).layers()).extracting(Dense::units).containsExactly(1);
        assertThatThrownBy(() -> Sequential.mlp(3, 1, 4, 0)).hasMessageContaining("0");
    }
}
