package org.losses4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;

/** The charts of a run: the legend outside the data, the series that the title promises, the band where it belongs. */
class PlotsTest {
    private static final double[] TRAIN = {5, 4, 3.5, 3.2};
    private static final double[] VAL = {5.5, 4.4, 4.1, 4.0};
    private static final double[] ACTUAL = {10, 20, 30, 24, 50};
    private static final double[] PREDICTED = {12, 19, 26, 24.5, 35};

    private static double[] residuals() {
        double[] r = new double[ACTUAL.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = ACTUAL[i] - PREDICTED[i];
        }
        return r;
    }

    private static List<String> legend(XYChart c) {
        return c.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName).toList();
    }

    @Test
    void legendsSitBelowThePlotAreaNeverOnTheData() {
        for (XYChart c : List.of(Plots.curvesChart("t", "y", TRAIN, VAL), Plots.predictedVsActualChart("y", ACTUAL,
                PREDICTED), Plots.residualsVsPredictedChart("y", PREDICTED, residuals(), 1.5, "band"),
                Plots.residualHistogramChart(residuals(), 1.5, "band", null))) {
            assertThat(c.getStyler().getLegendPosition()).as(c.getTitle()).isEqualTo(LegendPosition.OutsideS);
        }
    }

    @Test
    void withoutValidationOnlyTheTrainingCurveIsDrawn() {
        assertThat(legend(Plots.curvesChart("t", "y", TRAIN, null))).containsExactly("Training");
        assertThat(legend(Plots.curvesChart("t", "y", TRAIN, VAL))).containsExactly("Training", "Validation");
    }

    @Test
    void theBandIsMarkedForAHuberLossAndOtherwiseTheTitleSaysWhyNot() {
        XYChart withBand = Plots.residualHistogramChart(residuals(), 1.5, "+/-delta = 1.5", null);
        assertThat(legend(withBand)).contains("+/-delta = 1.5");
        XYSeries band = withBand.getSeriesMap().get("+/-delta = 1.5");
        assertThat(band.getXData()).containsExactly(1.5, 1.5);
        assertThat(withBand.getSeriesMap().get("-band").getXData()).containsExactly(-1.5, -1.5);
        XYChart none = Plots.residualHistogramChart(residuals(), Double.NaN, null, "mse_loss has no quadratic zone");
        assertThat(none.getTitle()).endsWith("mse_loss has no quadratic zone");
        assertThat(none.getSeriesMap()).hasSize(1);
        // residuals beyond the band are their own series, counted in the legend
        assertThat(legend(Plots.residualsVsPredictedChart("y", PREDICTED, residuals(), 1.5, "band")))
                .contains("inside the band (2)", "beyond the band (3)");
    }

    @Test
    void predictedAgainstActualDrawsTheIdentityLineOverBothAxes() {
        XYChart c = Plots.predictedVsActualChart("MEDV", ACTUAL, PREDICTED);
        XYSeries id = c.getSeriesMap().get("identity (predicted = actual)");
        assertThat(id.getXData()).containsExactly(id.getYData());
        assertThat(id.getXData()[0]).isLessThanOrEqualTo(10);
        assertThat(id.getXData()[1]).isGreaterThanOrEqualTo(50);
    }

    @Test
    void histogramBinsAreRoundAndCoverEveryResidual() {
        assertThat(Plots.binWidth(102, 28.5)).isEqualTo(2.0);
        assertThat(Plots.binWidth(5, 0.7)).isEqualTo(0.1);
        XYSeries h = Plots.residualHistogramChart(residuals(), 1.5, "band", null).getSeriesMap().values().iterator()
                .next();
        double total = 0;
        double[] y = h.getYData();
        for (int i = 1; i < y.length - 1; i += 2) {
            total += y[i];
        }
        assertThat(total).isEqualTo(ACTUAL.length);
    }
}
