package org.losses4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossRegistry;
import org.losses4j.nn.data.Dataset;
import org.losses4j.nn.optim.SGD;

import com.fasterxml.jackson.databind.JsonNode;

/** Backpropagation through a whole MLP: against PyTorch autograd, and against finite differences. */
class MlpGradientTest {
    private static final JsonNode C = Fixture.training().get("mlp");

    private static Sequential model() {
        JsonNode sizes = C.get("sizes");
        Sequential m = new Sequential(sizes.get(0).asInt(), 0);
        for (int k = 0; k < C.get("activations").size(); k++) {
            m.add(new Dense(sizes.get(k + 1).asInt(), Activation.of(C.get("activations").get(k).asText())));
            Dense d = m.layers().get(k);
            System.arraycopy(Fixture.floats(C.get("kernels").get(k)), 0, d.kernel().value(), 0, d.kernel().size());
            System.arraycopy(Fixture.floats(C.get("biases").get(k)), 0, d.bias().value(), 0, d.bias().size());
        }
        m.compile(LossRegistry.standard().create(C.get("loss").asText(), Map.of("delta", C.get("delta").asDouble()),
                null), new SGD(), List.of("mae"));
        return m;
    }

    private static Dataset data() {
        JsonNode sizes = C.get("sizes");
        int f = sizes.get(0).asInt();
        int t = sizes.get(sizes.size() - 1).asInt();
        return Dataset.of(Fixture.floats(C.get("x")), Fixture.floats(C.get("y")),
                java.util.stream.IntStream.range(0, f).mapToObj(i -> "x" + i).toList(),
                java.util.stream.IntStream.range(0, t).mapToObj(i -> "y" + i).toList());
    }

    @Test
    void gradientsEqualPyTorchAutograd() {
        Sequential m = model();
        Dataset d = data();
        double value = m.computeGradients(d);
        assertThat(value).isCloseTo(C.get("value").asDouble(), within(1e-6));
        float[] out = m.predict(d);
        double[] expectedOut = Fixture.doubles(C.get("output"));
        for (int i = 0; i < out.length; i++) {
            assertThat((double) out[i]).isCloseTo(expectedOut[i], within(1e-5));
        }
        for (int k = 0; k < m.layers().size(); k++) {
            Dense layer = m.layers().get(k);
            double[] gk = Fixture.doubles(C.get("grad_kernels").get(k));
            double[] gb = Fixture.doubles(C.get("grad_biases").get(k));
            for (int i = 0; i < gk.length; i++) {
                assertThat((double) layer.kernel().grad()[i]).as("kernel %d [%d]", k, i)
                        .isCloseTo(gk[i], within(1e-6 + 1e-5 * Math.abs(gk[i])));
            }
            for (int i = 0; i < gb.length; i++) {
                assertThat((double) layer.bias().grad()[i]).as("bias %d [%d]", k, i)
                        .isCloseTo(gb[i], within(1e-6 + 1e-5 * Math.abs(gb[i])));
            }
        }
    }

    /** Central differences of the loss with respect to every weight and bias, in float32 arithmetic. */
    @Test
    void gradientsEqualFiniteDifferences() {
        Sequential m = model();
        Dataset d = data();
        m.computeGradients(d);
        int checked = 0;
        double h = 1e-2;
        for (Parameter p : m.parameters()) {
            float[] analytic = p.grad().clone();
            for (int i = 0; i < p.size(); i++) {
                float saved = p.value()[i];
                p.value()[i] = (float) (saved + h);
                double plus = m.evaluate(d, d.size()).get("loss");
                p.value()[i] = (float) (saved - h);
                double minus = m.evaluate(d, d.size()).get("loss");
                p.value()[i] = saved;
                double fd = (plus - minus) / ((double) (float) (saved + h) - (float) (saved - h));
                assertThat((double) analytic[i]).as("%s [%d]", p.name(), i)
                        .isCloseTo(fd, within(2e-3 + 1e-2 * Math.abs(fd)));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(m.parameterCount()).isEqualTo(4 * 5 + 5 + 5 * 3 + 3 + 3 * 2 + 2);
        // the check can fail: a wrong gradient is caught
        Parameter k0 = m.parameters().get(0);
        assertThat(Math.abs(k0.grad()[0])).isGreaterThan(1e-3f);
    }

    /** Every activation (relu, linear, sigmoid, tanh, softmax) backpropagates as its finite differences. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Activation.class)
    void everyActivationAgreesWithFiniteDifferences(Activation act) {
        Sequential m = new Sequential(3, 11);
        m.add(new Dense(5, act, Initializer.GLOROT_NORMAL));
        m.add(new Dense(4, act, Initializer.GLOROT_UNIFORM));
        m.add(new Dense(2, Activation.LINEAR, Initializer.HE_NORMAL));
        for (Dense d : m.layers()) {
            for (int i = 0; i < d.bias().size(); i++) {
                d.bias().value()[i] = 0.05f * (i + 1) * (i % 2 == 0 ? 1 : -1);
            }
        }
        m.compile(LossRegistry.standard().create("mse_loss"), new SGD(), List.of());
        float[] x = {0.5f, -1.2f, 0.3f, 1.1f, 0.2f, -0.7f, -0.4f, 0.9f, 1.5f, 0.05f, -0.6f, 0.8f};
        float[] y = {0.3f, -0.5f, 1.0f, 0.2f, -0.8f, 0.4f, 0.1f, 0.7f};
        Dataset d = Dataset.of(x, y, List.of("a", "b", "c"), List.of("p", "q"));
        m.computeGradients(d);
        double h = 1e-2;
        int checked = 0;
        for (Parameter p : m.parameters()) {
            float[] analytic = p.grad().clone();
            for (int i = 0; i < p.size(); i++) {
                double fd = centralDifference(m, d, p, i, h);
                if (act == Activation.RELU && Math.abs(fd - centralDifference(m, d, p, i, h / 4)) > 1e-3) {
                    continue; // a ReLU kink within h: the autograd test above covers relu exactly
                }
                assertThat((double) analytic[i]).as("%s %s [%d]", act, p.name(), i)
                        .isCloseTo(fd, within(2e-3 + 1e-2 * Math.abs(fd)));
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(act == Activation.RELU ? m.parameterCount() * 2 / 3
                : m.parameterCount());
    }

    private static double centralDifference(Sequential m, Dataset d, Parameter p, int i, double h) {
        float saved = p.value()[i];
        p.value()[i] = (float) (saved + h);
        double plus = m.evaluate(d, d.size()).get("loss");
        p.value()[i] = (float) (saved - h);
        double minus = m.evaluate(d, d.size()).get("loss");
        p.value()[i] = saved;
        return (plus - minus) / ((double) (float) (saved + h) - (float) (saved - h));
    }
}
