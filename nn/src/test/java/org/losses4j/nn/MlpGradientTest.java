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
}
