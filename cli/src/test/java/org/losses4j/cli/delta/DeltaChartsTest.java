package org.losses4j.cli.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class DeltaChartsTest {
    /** plot-losses' robust chart: Huber, pseudo-Huber, log-cosh, general robust at 4 alphas, Barron NLL at 3. */
    private static final int ROBUST_CURVES = 10;

    private static int distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
                + Math.abs(a.getBlue() - b.getBlue());
    }

    @Test
    void everyCurveOfTheRobustChartGetsAColourOfItsOwn() {
        assertThat(DeltaCharts.PALETTE.length).isGreaterThanOrEqualTo(ROBUST_CURVES);
        assertThat(Arrays.stream(DeltaCharts.PALETTE).distinct().count()).isEqualTo(DeltaCharts.PALETTE.length);
        for (int i = 0; i < DeltaCharts.PALETTE.length; i++) {
            for (int j = i + 1; j < DeltaCharts.PALETTE.length; j++) {
                assertThat(distance(DeltaCharts.PALETTE[i], DeltaCharts.PALETTE[j])).as("colours %d and %d", i, j)
                        .isGreaterThan(60);
            }
        }
    }

    @Test
    void noPaletteColourLooksLikeTheMseAndMaeReferenceLines() {
        for (Color c : DeltaCharts.PALETTE) {
            assertThat(distance(c, Color.BLACK)).as(c.toString()).isGreaterThan(100);
            assertThat(distance(c, Color.GRAY)).as(c.toString()).isGreaterThan(100);
        }
    }
}
