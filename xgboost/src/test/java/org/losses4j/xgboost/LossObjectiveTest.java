package org.losses4j.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;

import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.api.Test;

/** Per-row gradients and second derivatives as XGBoost receives them, the Hessian policies, weights, bad input. */
class LossObjectiveTest {

    private static DMatrix rows(float[] labels) throws Exception {
        float[] x = new float[labels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return Boosting.matrix(x, labels, labels.length);
    }

    private static float[][] margins(float... m) {
        float[][] p = new float[m.length][1];
        for (int i = 0; i < m.length; i++) {
            p[i][0] = m[i];
        }
        return p;
    }

    @Test
    void huberGradientAndBothPolicies() throws Exception {
        DMatrix d = rows(new float[] {2, 0, -3});
        float[][] m = margins(0, 0.5f, 0); // residuals margin − label: −2, 0.5, 3
        List<float[]> exact = new LossObjective("huber_loss", Map.of("delta", 1.0)).getGradient(m, d);
        assertThat(exact.get(0)).containsExactly(-1f, 0.5f, 1f);
        assertThat(exact.get(1)).containsExactly(1e-6f, 1f, 1e-6f); // 0 beyond δ, raised to the floor
        List<float[]> floored = new LossObjective("huber_loss", Map.of("delta", 1.0), HessianPolicy.exact(0.25))
                .getGradient(m, d);
        assertThat(floored.get(1)).containsExactly(0.25f, 1f, 0.25f);
        List<float[]> constant = new LossObjective("huber_loss", Map.of("delta", 1.0), HessianPolicy.constant())
                .getGradient(m, d);
        assertThat(constant.get(0)).containsExactly(-1f, 0.5f, 1f);
        assertThat(constant.get(1)).containsExactly(1f, 1f, 1f);
    }

    @Test
    void rowWeightsMultiplyGradientAndHessianAfterThePolicy() throws Exception {
        DMatrix d = rows(new float[] {2, 0, -3});
        d.setWeight(new float[] {2, 1, 0.5f});
        List<float[]> gh = new LossObjective("huber_loss", Map.of("delta", 1.0), HessianPolicy.constant())
                .getGradient(margins(0, 0.5f, 0), d);
        assertThat(gh.get(0)).containsExactly(-2f, 0.5f, 0.5f);
        assertThat(gh.get(1)).containsExactly(2f, 1f, 0.5f);
    }

    @Test
    void pseudoHuberAndLogCoshAndLogitsHaveTheirSecondDerivatives() throws Exception {
        DMatrix d = rows(new float[] {1, 0, 1});
        float[][] m = margins(3, -1, 1);
        // pseudo_huber δ = 2: g = z/√(1+(z/δ)²), h = (1+(z/δ)²)^(−3/2)
        List<float[]> ph = new LossObjective("pseudo_huber", Map.of("delta", 2.0)).getGradient(m, d);
        double[] z = {2, -1, 0};
        for (int i = 0; i < 3; i++) {
            double s = 1 + z[i] * z[i] / 4;
            assertThat((double) ph.get(0)[i]).isCloseTo(z[i] / Math.sqrt(s), within(1e-6));
            assertThat((double) ph.get(1)[i]).isCloseTo(Math.pow(s, -1.5), within(1e-6));
        }
        // log_cosh: g = tanh z, h = 1 − tanh² z
        List<float[]> lc = new LossObjective("log_cosh").getGradient(m, d);
        for (int i = 0; i < 3; i++) {
            double t = Math.tanh(z[i]);
            assertThat((double) lc.get(0)[i]).isCloseTo(t, within(1e-6));
            assertThat((double) lc.get(1)[i]).isCloseTo(Math.max(1 - t * t, 1e-6), within(1e-6));
        }
        // binary cross-entropy with logits: g = σ(m) − y, h = σ(m)(1 − σ(m)), XGBoost's binary:logistic
        List<float[]> bce = new LossObjective("binary_cross_entropy_with_logits").getGradient(m, d);
        for (int i = 0; i < 3; i++) {
            double p = 1 / (1 + Math.exp(-m[i][0]));
            double y = i == 1 ? 0 : 1;
            assertThat((double) bce.get(0)[i]).isCloseTo(p - y, within(1e-6));
            assertThat((double) bce.get(1)[i]).isCloseTo(p * (1 - p), within(1e-6));
        }
    }

    @Test
    void aLabelCountThatDiffersIsRefusedNamingBoth() throws Exception {
        DMatrix d = rows(new float[] {1, 2, 3, 4});
        assertThatThrownBy(() -> new LossObjective("mse_loss").getGradient(margins(1, 2, 3), d))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LossObjective(mse_loss, {}, exact:1.0E-6): 4 labels for 3 predictions (3 rows × 1"
                        + " outputs); the matrix must hold one label per prediction");
        assertThatThrownBy(() -> new LossMetric("mse_loss").eval(margins(1, 2, 3), d))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LossMetric(mse_loss, {}): 4 labels for 3 predictions (3 rows × 1 outputs); the matrix"
                        + " must hold one label per prediction");
    }

    @Test
    void badLossesAreRefusedAtConstructionWithTheRegistrysMessage() {
        assertThatThrownBy(() -> new LossObjective("hubber_loss")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown loss 'hubber_loss'; did you mean 'huber_loss'? (see 'losses4j list' for all"
                        + " names)");
        assertThatThrownBy(() -> new LossObjective("huber_loss", Map.of("delta", -1.5)))
                .hasMessage("huber_loss: delta must be > 0, got -1.5");
        assertThatThrownBy(() -> new LossObjective("huber_loss", Map.of("dleta", 1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("huber_loss: ")
                .hasMessageContaining("dleta");
        assertThatThrownBy(() -> new LossObjective("cross_entropy"))
                .hasMessageStartingWith("cross_entropy: not element-wise in a prediction and a target, so it has no"
                        + " per-row gradient and second derivative; XGBoost objectives take l1_loss, mse_loss, ")
                .hasMessageContaining("binary_cross_entropy_with_logits").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> new LossObjective("binary_cross_entropy"))
                .hasMessageStartingWith("binary_cross_entropy: a classification loss, not one of a real-valued"
                        + " prediction; XGBoost objectives take ");
        assertThatThrownBy(() -> new LossMetric("triplet_margin_loss"))
                .hasMessageStartingWith("triplet_margin_loss: not element-wise in a prediction and a target");
        assertThatThrownBy(() -> HessianPolicy.exact(-1)).hasMessage("hessian policy exact: floor must be >= 0, got -1");
        assertThatThrownBy(() -> HessianPolicy.parse("newton"))
                .hasMessage("hessian policy: unknown policy 'newton'; policies: exact, exact:FLOOR (e.g. exact:1e-3),"
                        + " constant");
        assertThat(HessianPolicy.parse("exact:1e-3")).isEqualTo(HessianPolicy.exact(1e-3));
        assertThat(HessianPolicy.parse("constant")).isEqualTo(HessianPolicy.constant());
    }

    @Test
    void theMetricIsTheMeanOrWeightedMeanLoss() throws Exception {
        DMatrix d = rows(new float[] {2, 0, -3});
        float[][] m = margins(0, 0.5f, 0);
        LossMetric huber = new LossMetric("huber_loss", Map.of("delta", 1.0));
        assertThat(huber.getMetric()).isEqualTo("huber_loss");
        // per row: 1·(2 − 0.5) = 1.5, ½·0.25 = 0.125, 1·(3 − 0.5) = 2.5
        assertThat(huber.eval(m, d)).isCloseTo((1.5f + 0.125f + 2.5f) / 3, within(1e-6f));
        d.setWeight(new float[] {2, 1, 0.5f});
        assertThat(huber.eval(m, d)).isCloseTo((2 * 1.5f + 0.125f + 0.5f * 2.5f) / 3.5f, within(1e-6f));
    }

    @Test
    void serialisationKeepsTheLossAndPolicy() throws Exception {
        LossObjective o = new LossObjective("quantile_loss", Map.of("q", 0.9), HessianPolicy.constant());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        LossObjective back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (LossObjective) in.readObject();
        }
        assertThat(back).hasToString(o.toString());
        DMatrix d = rows(new float[] {1, 1});
        float[] g = back.getGradient(margins(0, 2), d).get(0);
        assertThat(g[0]).isEqualTo(-0.9f);      // label above the margin: −q
        assertThat(g[1]).isEqualTo(1 - 0.9f);   // below: 1 − q (in float32)
    }
}
