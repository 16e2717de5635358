package org.losses4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossRegistry;
import org.losses4j.nn.data.Dataset;
import org.losses4j.nn.optim.Adam;
import org.losses4j.nn.optim.SGD;
import org.losses4j.nn.random.NumpyRandomState;

/** Keras's fit semantics: validation split, per-epoch shuffling, epoch loss, History, determinism, NaN stop. */
class SequentialFitTest {
    static Dataset data(int n, long seed) {
        NumpyRandomState r = new NumpyRandomState(seed);
        float[] x = new float[n * 3];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = (float) r.standardNormal();
                s += (j + 1) * x[i * 3 + j];
            }
            y[i] = (float) (s + 0.1 * r.standardNormal());
        }
        return Dataset.of(x, y, List.of("a", "b", "c"), List.of("y"));
    }

    static Sequential model(long seed) {
        Sequential m = new Sequential(3, seed);
        m.add(new Dense(8, Activation.RELU, Initializer.HE_UNIFORM));
        m.add(new Dense(1, Activation.LINEAR));
        m.compile(LossRegistry.standard().create("huber_loss", Map.of("delta", 1.5), null), new Adam(0.01), "mae",
                "mse", "rmse");
        return m;
    }

    @Test
    void historyHasLossMetricsAndValidationPerEpoch() {
        Sequential m = model(1);
        History h = m.fit(data(50, 2), new FitOptions(7, 4, 0.2, true, 3));
        assertThat(h.keys()).containsExactly("loss", "mae", "mse", "rmse", "val_loss", "val_mae", "val_mse",
                "val_rmse");
        assertThat(h.epochs()).isEqualTo(7);
        for (String k : h.keys()) {
            assertThat(h.get(k)).hasSize(7);
        }
        for (int e = 0; e < 7; e++) {
            assertThat(h.get("rmse")[e]).isCloseTo(Math.sqrt(h.get("mse")[e]), within(1e-9));
        }
        assertThat(h.last("loss")).isLessThan(h.get("loss")[0]);
        History noVal = model(1).fit(data(50, 2), new FitOptions(2, 4, 0, true, 3));
        assertThat(noVal.keys()).containsExactly("loss", "mae", "mse", "rmse");
    }

    /** validation_split takes the LAST fraction, before shuffling; val_loss is measured after the epoch. */
    @Test
    void validationIsTheLastFractionMeasuredAtEpochEnd() {
        Dataset d = data(50, 2);
        Sequential m = model(1);
        History h = m.fit(d, new FitOptions(1, 5, 0.2, true, 3));
        Map<String, Double> val = m.evaluate(d.slice(40, 50), 5);
        assertThat(h.last("val_loss")).isEqualTo(val.get("loss"));
        assertThat(h.last("val_mae")).isEqualTo(val.get("mae"));
        // floor(n * (1 - split)) training samples, as Keras
        List<TrainingPlan> plans = new ArrayList<>();
        model(1).fit(data(11, 2), new FitOptions(1, 2, 0.25, true, 3), new Callback() {
            @Override
            public void onTrainBegin(TrainingPlan plan) {
                plans.add(plan);
            }
        });
        assertThat(plans.get(0).trainSamples()).isEqualTo(8);
        assertThat(plans.get(0).validationSamples()).isEqualTo(3);
        assertThat(plans.get(0).stepsPerEpoch()).isEqualTo(4);
    }

    /** The epoch's loss is the mean of the batch losses weighted by batch size (what Keras reports). */
    @Test
    void epochLossIsTheSampleWeightedMeanOfBatchLosses() {
        List<Double> batch = new ArrayList<>();
        Sequential m = model(1);
        History h = m.fit(data(10, 2), new FitOptions(1, 4, 0, true, 3), new Callback() {
            @Override
            public void onBatchEnd(int epoch, int step, double loss) {
                batch.add(loss);
            }
        });
        assertThat(batch).hasSize(3);
        assertThat(h.last("loss")).isCloseTo((4 * batch.get(0) + 4 * batch.get(1) + 2 * batch.get(2)) / 10,
                within(1e-12));
    }

    @Test
    void sameSeedsGiveBitIdenticalWeightsAndHistory() {
        Sequential a = model(5);
        Sequential b = model(5);
        History ha = a.fit(data(40, 2), new FitOptions(5, 3, 0.2, true, 9));
        History hb = b.fit(data(40, 2), new FitOptions(5, 3, 0.2, true, 9));
        assertThat(ha).isEqualTo(hb);
        for (int i = 0; i < a.parameters().size(); i++) {
            assertThat(a.parameters().get(i).value()).containsExactly(b.parameters().get(i).value());
        }
        History other = model(5).fit(data(40, 2), new FitOptions(5, 3, 0.2, true, 10));
        assertThat(other.get("loss")).isNotEqualTo(ha.get("loss"));
        History unshuffled = model(5).fit(data(40, 2), new FitOptions(5, 3, 0.2, false, 9));
        assertThat(unshuffled.get("loss")).isNotEqualTo(ha.get("loss"));
    }

    /** Every epoch draws a fresh permutation of the training samples from one numpy stream. */
    @Test
    void trainingSamplesAreReshuffledEveryEpoch() {
        // With batch size = n and SGD on MSE, the order does not matter; with batch size 1 it does. Two epochs
        // with one stream differ from two epochs with the same permutation: compare with a manual replay.
        Dataset d = data(6, 4);
        Sequential m = new Sequential(3, 1);
        m.add(new Dense(1, Activation.LINEAR));
        m.compile(LossRegistry.standard().create("mse_loss"), new SGD(0.05, 0, false));
        Sequential replay = new Sequential(3, 1);
        replay.add(new Dense(1, Activation.LINEAR));
        replay.compile(LossRegistry.standard().create("mse_loss"), new SGD(0.05, 0, false));
        m.fit(d, new FitOptions(2, 1, 0, true, 21));
        NumpyRandomState rng = new NumpyRandomState(21);
        for (int epoch = 0; epoch < 2; epoch++) {
            int[] order = {0, 1, 2, 3, 4, 5};
            rng.shuffle(order);
            for (int i : order) {
                replay.computeGradients(d.slice(i, i + 1));
                replay.optimizer().step();
            }
        }
        for (int i = 0; i < m.parameters().size(); i++) {
            assertThat(m.parameters().get(i).value()).containsExactly(replay.parameters().get(i).value());
        }
    }

    @Test
    void nanLossStopsNamingEpochAndBatchAndKeepsHistory() {
        Sequential m = new Sequential(3, 1);
        m.add(new Dense(4, Activation.LINEAR));
        m.add(new Dense(1, Activation.LINEAR));
        m.compile(LossRegistry.standard().create("mse_loss"), new SGD(1e6, 0, false));
        assertThatThrownBy(() -> m.fit(data(20, 2), new FitOptions(50, 2, 0, true, 1)))
                .isInstanceOf(TrainingStoppedException.class)
                .hasMessageMatching("loss is (NaN|Infinity) at epoch \\d+ of 50, batch \\d+ of 10.*")
                .satisfies(e -> {
                    TrainingStoppedException t = (TrainingStoppedException) e;
                    assertThat(t.history().epochs()).isEqualTo(t.epoch() - 1);
                    assertThat(t.batch()).isBetween(1, 10);
                });
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> new FitOptions(0, 1, 0.2, true, 1)).hasMessageContaining("epochs");
        assertThatThrownBy(() -> new FitOptions(1, 0, 0.2, true, 1)).hasMessageContaining("batch size");
        assertThatThrownBy(() -> new FitOptions(1, 1, 1.0, true, 1)).hasMessageContaining("validation split");
        assertThatThrownBy(() -> new FitOptions(1, 1, -0.1, true, 1)).hasMessageContaining("validation split");
        Sequential m = model(1);
        assertThatThrownBy(() -> m.fit(data(1, 1), new FitOptions(1, 1, 0.5, true, 1)))
                .hasMessageContaining("leaves 0 for training and 1 for validation");
    }
}
