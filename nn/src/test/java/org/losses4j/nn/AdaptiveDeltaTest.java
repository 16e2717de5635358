package org.losses4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.regression.AdaptiveHuberLoss;
import org.losses4j.nn.data.BostonHousing;
import org.losses4j.nn.data.Dataset;
import org.losses4j.nn.data.Standardizer;
import org.losses4j.nn.optim.Adam;
import org.losses4j.stats.DeltaRules;

class AdaptiveDeltaTest {
    private static Dataset data() {
        Dataset train = BostonHousing.load().train().slice(0, 120);
        return Standardizer.fit(train).transform(train);
    }

    private static Sequential model() {
        Sequential m = new Sequential(13, 7);
        m.add(new Dense(8, Activation.RELU, Initializer.HE_UNIFORM));
        m.add(new Dense(1, Activation.LINEAR));
        return m;
    }

    @Test
    void recordsTheDeltaOfEveryEpochFromTheResidualsAtItsStart() {
        Dataset d = data();
        Sequential m = model();
        AdaptiveHuberLoss loss = new AdaptiveHuberLoss();
        m.compile(loss, new Adam(0.01), "mae");
        // what the callback must compute before epoch 0: the quantile rule on the untrained model's residuals
        float[] p = m.predict(d);
        double[] r = new double[p.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (double) d.y()[i] - p[i];
        }
        double expected0 = (float) DeltaRules.quantileDelta(r, 0.9);
        AdaptiveDelta cb = new AdaptiveDelta(m, d, loss, DeltaRules.Rule.QUANTILE, 0.9, 1e-3);
        History h = m.fit(d, new FitOptions(4, 8, 0.0, true, 3), cb);
        double[] deltas = h.get("delta");
        assertThat(h.keys()).containsExactly("loss", "mae", "delta");
        assertThat(deltas).hasSize(4);
        assertThat(deltas[0]).isEqualTo(expected0);
        assertThat(deltas[3]).isEqualTo(loss.delta());
        // training shrinks the residuals, so the quantile of |r| falls
        assertThat(deltas[3]).isLessThan(deltas[0]);
        assertThat(cb.deltas()).containsExactly(deltas);
    }

    @Test
    void validationRowsAreNotUsedAndRunsAreReproducible() {
        Dataset d = data();
        double[][] runs = new double[2][];
        for (int k = 0; k < 2; k++) {
            Sequential m = model();
            AdaptiveHuberLoss loss = new AdaptiveHuberLoss();
            m.compile(loss, new Adam(0.01));
            AdaptiveDelta cb = new AdaptiveDelta(m, d, loss, DeltaRules.Rule.MAD, 0.9, 1e-3);
            runs[k] = m.fit(d, new FitOptions(3, 16, 0.25, true, 5), cb).get("delta");
        }
        assertThat(runs[0]).containsExactly(runs[1]);
        // epoch 0 sees only the first 90 rows (validation split 0.25 of 120)
        Sequential m = model();
        float[] p = m.predict(Arrays.copyOf(d.x(), 90 * 13), 90);
        double[] r = new double[90];
        for (int i = 0; i < 90; i++) {
            r[i] = (double) d.y()[i] - p[i];
        }
        assertThat(runs[0][0]).isEqualTo((double) (float) DeltaRules.madDelta(r));
    }

    @Test
    void floorAndErrors() {
        Dataset d = data();
        Sequential m = model();
        AdaptiveHuberLoss loss = new AdaptiveHuberLoss();
        assertThatThrownBy(() -> new AdaptiveDelta(m, d, loss, DeltaRules.Rule.QUANTILE, 1.0, 1e-3))
                .hasMessage("adaptive delta: alpha must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> new AdaptiveDelta(m, d, loss, DeltaRules.Rule.MAD, 0.9, 0))
                .hasMessage("adaptive delta: minDelta must be > 0, got 0.0");
        assertThatThrownBy(() -> loss.setDelta(0)).hasMessage("adaptive_huber_loss: delta must be > 0, got 0");
        // a huge floor wins over the rule
        m.compile(loss, new Adam());
        History h = m.fit(d, new FitOptions(2, 32, 0.0, false, 1),
                new AdaptiveDelta(m, d, loss, DeltaRules.Rule.MAD, 0.9, 1e6));
        assertThat(h.get("delta")).containsExactly(1e6, 1e6);
    }
}
