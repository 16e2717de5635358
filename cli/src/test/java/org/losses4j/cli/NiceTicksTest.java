package org.losses4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** Round axis ticks on a grid through 0, and what XChart actually labels with them. */
class NiceTicksTest {
    @Test
    void niceNumbersAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(NiceTicks.nice(0.044901346197764, true)).isEqualTo(0.05);
        assertThat(NiceTicks.nice(3.7, false)).isEqualTo(5.0);
        assertThat(NiceTicks.nice(1.2, true)).isEqualTo(1.0);
        assertThat(NiceTicks.nice(2.6, true)).isEqualTo(2.0);
        assertThat(NiceTicks.nice(7.1, true)).isEqualTo(10.0);
        assertThat(NiceTicks.nice(0.3, false)).isEqualTo(0.5);
    }

    @Test
    void axisEndsLieOnAGridThatContainsZero() {
        NiceTicks t = NiceTicks.of(-3.7, 0.1, 8);
        assertThat(t.step()).isEqualTo(1.0);
        assertThat(t.min()).isEqualTo(-4.0);
        assertThat(t.max()).isEqualTo(1.0);
        assertThat(t.onGrid(0)).isTrue();
        assertThat(t.onGrid(-3)).isTrue();
        assertThat(t.onGrid(-3.7)).isFalse();
        assertThat(t.label(-0.0)).isEqualTo("0");
        assertThat(t.label(-3.0000000000000004)).isEqualTo("-3");
        assertThat(NiceTicks.of(-0.3, 0.35, 8).label(-0.30000000000000004)).isEqualTo("-0.3");
        NiceTicks small = NiceTicks.of(0, 0.044901346197764, 6);
        assertThat(small.label(0.030000000000000002)).isEqualTo("0.03");
        assertThat(NiceTicks.of(0, 250, 10)).isEqualTo(new NiceTicks(0, 250, 50));
        assertThat(NiceTicks.of(5, 5, 8).min()).isLessThan(5);
        assertThat(NiceTicks.of(Double.NaN, 1, 8)).isEqualTo(NiceTicks.of(0, 1, 8));
    }

    /** Renders a chart and returns the labels XChart drew on the y axis (the blank ones left out). */
    private static List<String> drawnYLabels(double lo, double hi, boolean evenX) throws Exception {
        XYChart c = new XYChartBuilder().width(900).height(540).build();
        int n = 200;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = evenX ? i : i * i * 0.01;
            y[i] = lo + (hi - lo) * i / (n - 1);
        }
        c.addSeries("s", x, y);
        NiceTicks t = NiceTicks.of(lo, hi, 8);
        t.applyY(c, 370);
        List<String> labels = new ArrayList<>();
        c.setCustomYAxisTickLabelsFormatter(v -> {
            String s = t.formatter().apply(v);
            if (!s.isBlank()) {
                labels.add(s);
            }
            return s;
        });
        BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
        return labels;
    }

    @Test
    void xchartDrawsRoundLabelsIncludingZero() throws Exception {
        for (double[] range : new double[][] {{-3.7, 0.1}, {0.0123, 0.044901346197764}, {-13.2, 17.9},
            {2.9, 12.6}, {-0.0031, 0.0029}, {1234.5, 98765.4}}) {
            List<String> labels = drawnYLabels(range[0], range[1], true);
            NiceTicks t = NiceTicks.of(range[0], range[1], 8);
            assertThat(labels).as("range %s..%s", range[0], range[1]).hasSizeGreaterThanOrEqualTo(3);
            for (String l : labels) {
                double v = Double.parseDouble(l);
                assertThat(t.onGrid(v)).as(l).isTrue();
                assertThat(l).as("no binary noise").hasSizeLessThanOrEqualTo(8);
            }
            if (range[0] < 0 && range[1] > 0) {
                assertThat(labels).as("0 is a tick").contains("0");
            }
        }
    }
}
