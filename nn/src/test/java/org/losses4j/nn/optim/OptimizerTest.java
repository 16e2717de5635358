package org.losses4j.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.losses4j.nn.Fixture;
import org.losses4j.nn.Parameter;

import com.fasterxml.jackson.databind.JsonNode;

/** Adam and SGD steps against Keras's float32 formula and torch.optim (fixtures: tools/training/generate.py). */
class OptimizerTest {
    private static float[][] run(Optimizer opt, JsonNode c) {
        Parameter p = new Parameter("w", c.get("w0").size());
        System.arraycopy(Fixture.floats(c.get("w0")), 0, p.value(), 0, p.size());
        opt.prepare(List.of(p));
        JsonNode grads = c.get("grads");
        float[][] traj = new float[grads.size()][];
        for (int t = 0; t < grads.size(); t++) {
            System.arraycopy(Fixture.floats(grads.get(t)), 0, p.grad(), 0, p.size());
            opt.step();
            traj[t] = p.value().clone();
        }
        assertThat(opt.iterations()).isEqualTo(grads.size());
        return traj;
    }

    @Test
    void adamIsKerasFloat32BitForBitAndAgreesWithTorch() {
        int cases = 0;
        for (JsonNode c : Fixture.training().get("adam")) {
            Adam adam = new Adam(c.get("learning_rate").asDouble(), c.get("beta_1").asDouble(),
                    c.get("beta_2").asDouble(), c.get("epsilon").asDouble());
            float[][] traj = run(adam, c);
            for (int t = 0; t < traj.length; t++) {
                float[] keras = Fixture.floats(c.get("keras_float32").get(t));
                double[] torch = Fixture.doubles(c.get("torch_float64").get(t));
                for (int i = 0; i < keras.length; i++) {
                    String label = adam + " step " + (t + 1) + " [" + i + "]";
                    assertThat(traj[t][i]).as(label).isCloseTo(keras[i], within(2 * Math.ulp(keras[i])));
                    assertThat((double) traj[t][i]).as(label + " vs torch")
                            .isCloseTo(torch[i], within(1e-6 * Math.max(1, Math.abs(torch[i]))));
                }
            }
            cases++;
        }
        assertThat(cases).isEqualTo(2);
    }

    @Test
    void adamDefaultsAreKeras() {
        Adam a = new Adam();
        assertThat(a.learningRate()).isEqualTo(1e-3);
        assertThat(a.beta1()).isEqualTo(0.9);
        assertThat(a.beta2()).isEqualTo(0.999);
        assertThat(a.epsilon()).isEqualTo(1e-7);
    }

    @Test
    void sgdWithMomentumAndNesterovAgreesWithTorch() {
        int cases = 0;
        for (JsonNode c : Fixture.training().get("sgd")) {
            SGD sgd = new SGD(c.get("learning_rate").asDouble(), c.get("momentum").asDouble(),
                    c.get("nesterov").asBoolean());
            float[][] traj = run(sgd, c);
            for (int t = 0; t < traj.length; t++) {
                double[] torch = Fixture.doubles(c.get("torch_float64").get(t));
                for (int i = 0; i < torch.length; i++) {
                    assertThat((double) traj[t][i]).as("%s step %d [%d]", sgd, t + 1, i)
                            .isCloseTo(torch[i], within(2e-6 * Math.max(1, Math.abs(torch[i]))));
                }
            }
            cases++;
        }
        assertThat(cases).isEqualTo(4);
    }

    /** Keras's SGD accepts nesterov=True with momentum 0 and then takes plain steps (PyTorch refuses it). */
    @Test
    void sgdNesterovWithoutMomentumIsPlainSgdAsInKeras() {
        SGD nesterov = new SGD(0.05, 0, true);
        assertThat(nesterov.nesterov()).isTrue();
        assertThat(nesterov.config()).containsEntry("nesterov", true).containsEntry("momentum", 0.0);
        JsonNode c = Fixture.training().get("sgd").get(0);
        float[][] a = run(nesterov, c);
        float[][] b = run(new SGD(0.05, 0, false), c);
        assertThat(a).isDeepEqualTo(b);
        assertThat(Optimizers.create("sgd", null, null, true)).isInstanceOf(SGD.class);
    }

    @Test
    void badHyperparametersAreRefused() {
        assertThatThrownBy(() -> new Adam(0)).hasMessageContaining("learning rate").hasMessageContaining("0");
        assertThatThrownBy(() -> new Adam(-1e-3)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> new SGD(0, 0, false)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> Optimizers.create("rmsprop", null, null, false))
                .hasMessageContaining("unknown optimizer 'rmsprop'");
        assertThat(Optimizers.create("adam", 0.01, null, false).learningRate()).isEqualTo(0.01);
    }

    /** A parameter whose gradient becomes 0 (a dead unit): its moments reach exactly 0, never stay subnormal. */
    @Test
    void adamMomentsOfDeadUnitsAreFlushedToZero() throws Exception {
        Adam adam = new Adam(0.01);
        Parameter p = new Parameter("w", 2);
        p.value()[0] = 1f;
        p.value()[1] = 1f;
        adam.prepare(List.of(p));
        p.grad()[0] = 1e-3f;
        p.grad()[1] = 1f;
        adam.step();
        p.grad()[0] = 0f;
        java.lang.reflect.Field f = Adam.class.getDeclaredField("moments1");
        f.setAccessible(true);
        float[] m = ((float[][]) f.get(adam))[0];
        boolean sawSubnormal = false;
        for (int t = 2; t <= 4 * Adam.FLUSH_PERIOD; t++) {
            adam.step();
            sawSubnormal |= m[0] != 0 && Math.abs(m[0]) < Float.MIN_NORMAL;
            if (t % Adam.FLUSH_PERIOD == 0) {
                assertThat(Math.abs(m[0]) == 0f || Math.abs(m[0]) >= Float.MIN_NORMAL).as("step %d", t).isTrue();
            }
        }
        assertThat(sawSubnormal).as("m decays through the subnormal range").isTrue();
        assertThat(m[0]).isZero();
        assertThat(p.value()[0]).isFinite();
    }
}
