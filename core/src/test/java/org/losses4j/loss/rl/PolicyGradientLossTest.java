package org.losses4j.loss.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.Tolerances;

class PolicyGradientLossTest {

    @Test
    void uniformPolicyHandComputed() {
        // two actions, equal logits: log pi = -ln 2, entropy ln 2
        Tensor z = Tensor.matrix(new float[][] {{0f, 0f}, {3f, 3f}});
        LossResult r = new PolicyGradientLoss(0.5, Reduction.MEAN).valueAndGradient(z, Tensor.indices(0, 1),
                Tensor.vector(2f, -1f));
        double ln2 = Math.log(2);
        assertThat(r.item()).isCloseTo((2 * ln2 - ln2) / 2 - 0.5 * ln2, within(1e-7));
        // grad = -A (onehot - 0.5) / N; entropy is at its maximum so its gradient is 0
        assertThat(r.grad("logits").data()).containsExactly(-0.5f, 0.5f, -0.25f, 0.25f);
    }

    @Test
    void extremeLogitsStayFinite() {
        Tensor z = Tensor.matrix(new float[][] {{100f, -100f}});
        LossResult r = new PolicyGradientLoss(1.0, Reduction.SUM).valueAndGradient(z, Tensor.indices(1),
                Tensor.vector(1f));
        assertThat(r.item()).isCloseTo(200.0, within(1e-3));
        assertThat(r.grad("logits").data()).containsExactly(1f, -1f);
    }

    @Test
    void returnsToGoRestartAtEpisodeEnds() {
        Tensor g = PolicyGradientLoss.discountedReturns(Tensor.vector(1f, 1f, 1f, 2f, 3f),
                Tensor.vector(0f, 0f, 1f, 0f, 1f), 0.5);
        // episode 1: 1 + .5(1 + .5*1) = 1.75, 1.5, 1; episode 2: 2 + .5*3 = 3.5, 3
        assertThat(g.data()).containsExactly(1.75f, 1.5f, 1f, 3.5f, 3f);
        Tensor single = PolicyGradientLoss.discountedReturns(Tensor.vector(1f, 0f, 2f), null, 0.9);
        assertThat(single.data()).containsExactly((float) (1 + 0.9 * 0.9 * 2), (float) (0.9 * 2), 2f);
        assertThatThrownBy(() -> PolicyGradientLoss.discountedReturns(Tensor.vector(1f, 2f), Tensor.vector(0f, 3f),
                0.9)).hasMessage("policy_gradient_loss.discountedReturns: dones must be 0 or 1, got 3 at index 1");
        assertThatThrownBy(() -> PolicyGradientLoss.discountedReturns(Tensor.vector(1f), null, 1.01))
                .hasMessageContaining("gamma must be in [0, 1], got 1.01");
    }

    @Test
    void advantagesSubtractTheBaselineAndNormaliseWithTheUnbiasedStd() {
        // G - b = [1, 2, 3, 6]: mean 3, unbiased variance (4 + 1 + 0 + 9) / 3 = 14/3
        Tensor a = PolicyGradientLoss.advantages(Tensor.vector(2f, 2f, 4f, 7f), Tensor.vector(1f, 0f, 1f, 1f), true);
        double sd = Math.sqrt(14.0 / 3.0) + PolicyGradientLoss.EPS;
        assertThat(a.data()[0]).isCloseTo((float) (-2 / sd), within(1e-6f));
        assertThat(a.data()[3]).isCloseTo((float) (3 / sd), within(1e-6f));
        assertThat(PolicyGradientLoss.advantages(Tensor.vector(2f, 3f), Tensor.vector(1f, 1f), false).data())
                .containsExactly(1f, 2f);
        assertThat(PolicyGradientLoss.normalize(Tensor.vector(5f, 5f, 5f)).data()).containsExactly(0f, 0f, 0f);
        assertThatThrownBy(() -> PolicyGradientLoss.normalize(Tensor.vector(1f)))
                .hasMessageContaining("at least 2 values");
    }

    @Test
    void messagesAndRegistry() {
        assertThatThrownBy(() -> new PolicyGradientLoss(-0.5, Reduction.MEAN))
                .hasMessage("policy_gradient_loss: entropy_coef must be >= 0, got -0.5");
        assertThatThrownBy(() -> new PolicyGradientLoss().valueAndGradient(Tensor.zeros(2, 3), Tensor.indices(0, 3),
                Tensor.zeros(2))).hasMessage(
                        "policy_gradient_loss: actions must be in [0, 3) for A = 3 actions, got 3 at index 1");
        PolicyGradientLoss l = (PolicyGradientLoss) LossRegistry.standard().create("policy_gradient_loss");
        assertThat(l.toString()).isEqualTo("PolicyGradientLoss(entropy_coef=0.0, reduction=mean)");
    }

    /** The helpers against the torch reference written by tools/fixtures/reinforcement.py. */
    @Test
    @SuppressWarnings("unchecked")
    void helpersAgreeWithTheTorchReference() throws IOException {
        List<Map<String, Object>> cases;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/reinforcement_helpers.json")) {
            assertThat(in).as("fixtures/reinforcement_helpers.json").isNotNull();
            cases = new ObjectMapper().readValue(in, List.class);
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(8);
        for (Map<String, Object> c : cases) {
            Tensor got;
            if (c.get("kind").equals("returns")) {
                List<Number> d = (List<Number>) c.get("dones");
                got = PolicyGradientLoss.discountedReturns(floats((List<Number>) c.get("rewards")),
                        d == null ? null : floats(d), ((Number) c.get("gamma")).doubleValue());
            } else {
                got = PolicyGradientLoss.normalize(floats((List<Number>) c.get("x")),
                        ((Number) c.get("eps")).doubleValue());
            }
            List<Number> want = (List<Number>) c.get("expect");
            assertThat(got.numel()).isEqualTo(want.size());
            for (int i = 0; i < want.size(); i++) {
                double e = want.get(i).doubleValue();
                assertThat(Tolerances.agrees(e, got.data()[i])).as("%s %s [%d]: %s vs %s", c.get("kind"),
                        c.getOrDefault("gamma", c.get("name")), i, e, got.data()[i]).isTrue();
            }
        }
    }

    private static Tensor floats(List<Number> l) {
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = l.get(i).floatValue();
        }
        return Tensor.wrap(f, f.length);
    }
}
