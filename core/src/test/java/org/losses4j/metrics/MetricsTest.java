package org.losses4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Streaming MAE, MSE and RMSE against numpy over all samples (tools/training/generate.py). */
class MetricsTest {
    private static float[] floats(JsonNode a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) a.get(i).asDouble();
        }
        return f;
    }

    @Test
    void streamingOverBatchesEqualsTheValueOverAllSamples() throws Exception {
        JsonNode fx;
        try (java.io.InputStream in = MetricsTest.class.getResourceAsStream("/fixtures/stats.json")) {
            fx = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        }
        for (JsonNode c : fx.get("metrics")) {
            int width = c.get("width").asInt();
            float[] p = floats(c.get("prediction"));
            float[] t = floats(c.get("target"));
            for (String name : new String[] {"mae", "mse", "rmse"}) {
                Metric m = Metrics.create(name);
                int offset = 0;
                double meanOfBatches = 0;
                int nb = 0;
                for (JsonNode b : c.get("batches")) {
                    int rows = b.asInt();
                    float[] bp = Arrays.copyOfRange(p, offset * width, (offset + rows) * width);
                    float[] bt = Arrays.copyOfRange(t, offset * width, (offset + rows) * width);
                    m.update(bp, bt, rows, width);
                    Metric single = m.fresh();
                    single.update(bp, bt, rows, width);
                    meanOfBatches += single.result();
                    nb++;
                    offset += rows;
                }
                double expected = c.get(name).asDouble();
                assertThat(m.result()).as("%s width %d", name, width).isCloseTo(expected, within(1e-12 * expected));
                // batches of 4, 4, 3: the mean of per-batch values is not the streaming value
                assertThat(Math.abs(meanOfBatches / nb - expected)).as(name).isGreaterThan(1e-9);
                m.reset();
                assertThat(m.result()).isZero();
            }
        }
    }

    @Test
    void namesAndAliasesAsKeras() {
        assertThat(Metrics.create("mae")).isInstanceOf(MeanAbsoluteError.class);
        assertThat(Metrics.create("mean_absolute_error").name()).isEqualTo("mean_absolute_error");
        assertThat(Metrics.create("MSE")).isInstanceOf(MeanSquaredError.class);
        assertThat(Metrics.create("root_mean_squared_error")).isInstanceOf(RootMeanSquaredError.class);
        assertThat(Metrics.create("rmse").fresh().name()).isEqualTo("rmse");
        assertThatThrownBy(() -> Metrics.create("accuracy")).hasMessage(
                "unknown metric 'accuracy'; metrics: mae, mean_absolute_error, mse, mean_squared_error, rmse, "
                        + "root_mean_squared_error");
    }

    @Test
    void simpleValues() {
        Metric mae = new MeanAbsoluteError();
        mae.update(new float[] {1, 2, 3, 4}, new float[] {1, 1, 1, 1}, 4, 1);
        assertThat(mae.result()).isEqualTo(1.5);
        Metric rmse = new RootMeanSquaredError();
        rmse.update(new float[] {3, 0}, new float[] {0, 4}, 2, 1);
        assertThat(rmse.result()).isEqualTo(Math.sqrt(12.5));
        assertThat(new MeanSquaredError().result()).as("no sample: 0, as Keras's divide-no-NaN").isZero();
    }

    @Test
    void tooFewValuesAreRefused() {
        assertThatThrownBy(() -> new MeanAbsoluteError().update(new float[3], new float[4], 2, 2))
                .hasMessageContaining("mae: 2 samples of width 2 need 4 values");
        assertThatThrownBy(() -> new MeanAbsoluteError().update(new float[3], new float[4], 1, 0))
                .hasMessageContaining("width > 0");
    }
}
