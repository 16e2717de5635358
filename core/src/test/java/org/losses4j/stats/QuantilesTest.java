package org.losses4j.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Quantiles and Tukey fences against numpy 1.24 ({@code np.quantile}, method linear), from
 * {@code /usr/bin/python3 tools/training/generate.py}: bit-for-bit equal.
 */
class QuantilesTest {
    static JsonNode fixture() throws Exception {
        try (InputStream in = QuantilesTest.class.getResourceAsStream("/fixtures/stats.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }

    @Test
    void quantilesEqualNumpyBitForBit() throws Exception {
        int cases = 0;
        for (JsonNode c : fixture().get("quantiles")) {
            double[] v = doubles(c.get("values"));
            double[] q = doubles(c.get("q"));
            double[] expected = doubles(c.get("quantiles"));
            assertThat(Quantiles.quantiles(v, q)).as("values %s", c.get("values")).containsExactly(expected);
            for (int i = 0; i < q.length; i++) {
                assertThat(Quantiles.quantile(v, q[i])).isEqualTo(expected[i]);
            }
            cases++;
        }
        assertThat(cases).isGreaterThanOrEqualTo(8);
    }

    @Test
    void tukeyFencesEqualNumpy() throws Exception {
        for (JsonNode c : fixture().get("quantiles")) {
            double[] v = doubles(c.get("values"));
            JsonNode t = c.get("tukey");
            TukeyFences f = TukeyFences.of(v);
            assertThat(f.q1()).isEqualTo(t.get("q1").asDouble());
            assertThat(f.median()).isEqualTo(t.get("median").asDouble());
            assertThat(f.q3()).isEqualTo(t.get("q3").asDouble());
            assertThat(f.lowerFence()).isEqualTo(t.get("lower_fence").asDouble());
            assertThat(f.upperFence()).isEqualTo(t.get("upper_fence").asDouble());
            assertThat(f.low()).as("low outliers of %s", c.get("values")).isEqualTo(t.get("low").asInt());
            assertThat(f.high()).isEqualTo(t.get("high").asInt());
            assertThat(f.n()).isEqualTo(v.length);
        }
    }

    @Test
    void whiskersReachTheMostExtremeValuesInsideTheFences() {
        TukeyFences f = TukeyFences.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 100, -50});
        assertThat(f.low()).isEqualTo(1);
        assertThat(f.high()).isEqualTo(1);
        assertThat(f.lowerWhisker()).isEqualTo(1);
        assertThat(f.upperWhisker()).isEqualTo(8);
        assertThat(f.min()).isEqualTo(-50);
        assertThat(f.max()).isEqualTo(100);
        assertThat(f.isOutlier(100)).isTrue();
        assertThat(f.isOutlier(f.upperFence())).isFalse();
        assertThat(f.outliers()).isEqualTo(2);
        assertThat(f.iqr()).isEqualTo(f.q3() - f.q1());
    }

    @Test
    void aValueOnAFenceIsNotAnOutlier() {
        // q1 = 1, q3 = 2, IQR = 1: fences -0.5 and 3.5 exactly.
        TukeyFences f = TukeyFences.of(new double[] {1, 1, 2, 2, 3.5, -0.5, 1, 2});
        assertThat(f.upperFence()).isEqualTo(3.5);
        assertThat(f.lowerFence()).isEqualTo(-0.5);
        assertThat(f.outliers()).isZero();
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        assertThatThrownBy(() -> Quantiles.quantile(new double[0], 0.5)).hasMessage(
                "quantile: values must not be empty");
        assertThatThrownBy(() -> Quantiles.quantile(new double[] {1, Double.NaN}, 0.5)).hasMessage(
                "quantile: values must not be NaN, got NaN at index 1");
        assertThatThrownBy(() -> Quantiles.quantile(new double[] {1}, 1.5)).hasMessageContaining(
                "q must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> TukeyFences.of(new double[] {1}, -1)).hasMessageContaining("k must be");
        assertThatThrownBy(() -> TukeyFences.of(new double[0])).hasMessageContaining("must not be empty");
    }

    @Test
    void inputIsNotModified() {
        double[] v = {3, 1, 2};
        Quantiles.quantile(v, 0.5);
        TukeyFences.of(v);
        assertThat(v).containsExactly(3, 1, 2);
    }
}
