package org.losses4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.losses4j.nn.random.NumpyRandomState;

import com.fasterxml.jackson.databind.JsonNode;

/** Keras's VarianceScaling formulas, drawn from numpy's legacy generator (fixtures from numpy 1.24). */
class InitializerTest {
    @Test
    void drawsEqualTheKerasFormulaOnNumpysGenerator() {
        int cases = 0;
        for (JsonNode c : Fixture.training().get("initializers")) {
            Initializer init = Initializer.of(c.get("name").asText());
            int fi = c.get("fan_in").asInt();
            int fo = c.get("fan_out").asInt();
            float[] w = new float[fi * fo];
            init.fill(w, fi, fo, new NumpyRandomState(c.get("seed").asLong()));
            String label = init + " " + fi + "x" + fo;
            if (init.isUniform()) {
                assertThat(init.limit(fi, fo)).as(label).isEqualTo(c.get("limit").asDouble());
                assertThat(w).as(label).containsExactly(Fixture.floats(c.get("values")));
            } else {
                assertThat(init.stddev(fi, fo)).as(label).isEqualTo(c.get("stddev").asDouble());
                float[] e = Fixture.floats(c.get("values"));
                for (int i = 0; i < e.length; i++) {
                    assertThat(w[i]).as(label + " [" + i + "]").isCloseTo(e[i], within(Math.ulp(e[i])));
                }
            }
            cases++;
        }
        assertThat(cases).isEqualTo(16);
    }

    @Test
    void limitsOfTheSpec() {
        assertThat(Initializer.GLOROT_UNIFORM.limit(13, 64)).isCloseTo(0.279145, within(1e-6));
        assertThat(Initializer.HE_UNIFORM.limit(13, 16)).isCloseTo(0.679366, within(1e-6));
        assertThat(Initializer.HE_UNIFORM.limit(13, 16)).isEqualTo(Math.sqrt(6.0 / 13));
        assertThat(Initializer.GLOROT_UNIFORM.limit(16, 8)).isCloseTo(Math.sqrt(6.0 / 24), within(1e-15));
        assertThat(Initializer.HE_NORMAL.stddev(8, 3)).isEqualTo(Math.sqrt(2.0 / 8) / 0.87962566103423978);
        assertThat(Initializer.GLOROT_NORMAL.stddev(0, 0)).as("fans below 1 count as 1")
                .isEqualTo(1 / 0.87962566103423978);
    }

    /** The statistics Keras's formulas promise: the variance is scale/n for every distribution. */
    @Test
    void statisticsOfLargeDraws() {
        int fi = 100;
        int fo = 500;
        for (Initializer init : new Initializer[] {Initializer.GLOROT_UNIFORM, Initializer.GLOROT_NORMAL,
            Initializer.HE_UNIFORM, Initializer.HE_NORMAL}) {
            float[] w = new float[fi * fo];
            init.fill(w, fi, fo, new NumpyRandomState(2024));
            double mean = 0;
            double sq = 0;
            double maxAbs = 0;
            for (float v : w) {
                mean += v;
                sq += (double) v * v;
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
            mean /= w.length;
            double var = sq / w.length - mean * mean;
            double scale = init == Initializer.HE_UNIFORM || init == Initializer.HE_NORMAL ? 2 : 1;
            double n = init == Initializer.HE_UNIFORM || init == Initializer.HE_NORMAL ? fi : (fi + fo) / 2.0;
            double sd = Math.sqrt(scale / n);
            assertThat(mean).as("%s mean", init).isCloseTo(0, within(0.02 * sd));
            assertThat(var).as("%s variance", init).isCloseTo(scale / n, within(0.02 * scale / n));
            if (init.isUniform()) {
                assertThat(maxAbs).as("%s bound", init).isLessThanOrEqualTo(init.limit(fi, fo));
                assertThat(maxAbs).isGreaterThan(0.99 * init.limit(fi, fo));
            } else {
                assertThat(maxAbs).as("%s truncated at 2 sigma", init).isLessThanOrEqualTo(
                        2 * init.stddev(fi, fo) * (1 + 1e-7));
            }
        }
        float[] z = {1, 2, 3};
        Initializer.ZEROS.fill(z, 3, 1, new NumpyRandomState(0));
        assertThat(z).containsOnly(0f);
    }

    @Test
    void namesAsKeras() {
        assertThat(Initializer.of("He_Uniform")).isEqualTo(Initializer.HE_UNIFORM);
        assertThat(Initializer.GLOROT_UNIFORM.toString()).isEqualTo("glorot_uniform");
        assertThatThrownBy(() -> Initializer.of("orthogonal")).hasMessageStartingWith(
                "unknown initializer 'orthogonal'; initializers: glorot_uniform");
        assertThat(Activation.of("relu")).isEqualTo(Activation.RELU);
        assertThat(Activation.SOFTMAX.toString()).isEqualTo("softmax");
        // exactly Keras's names, as every labelled choice is parsed
        assertThatThrownBy(() -> Activation.of("RELU")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("activation must be one of relu, linear, sigmoid, tanh, softmax, got 'RELU'");
        assertThatThrownBy(() -> Activation.of("gelu"))
                .hasMessage("activation must be one of relu, linear, sigmoid, tanh, softmax, got 'gelu'");
        assertThatThrownBy(() -> Activation.of(null))
                .hasMessage("activation must be one of relu, linear, sigmoid, tanh, softmax, got null");
    }

    @Test
    void denseDefaultsToGlorotUniformAndZeroBias() {
        Sequential m = new Sequential(13, 0);
        m.add(new Dense(4, Activation.RELU));
        Dense d = m.layers().get(0);
        assertThat(d.kernelInitializer()).isEqualTo(Initializer.GLOROT_UNIFORM);
        assertThat(d.kernel().shape()).containsExactly(13, 4);
        assertThat(d.bias().value()).containsOnly(0f);
        float[] expected = new float[13 * 4];
        Initializer.GLOROT_UNIFORM.fill(expected, 13, 4, new NumpyRandomState(0));
        assertThat(d.kernel().value()).containsExactly(expected);
        assertThatThrownBy(() -> new Dense(0, Activation.RELU)).hasMessage("dense: units must be > 0, got 0");
    }
}
