package org.losses4j.cli.delta;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The small XChart helper of the delta commands: readable defaults and PNG bytes for an output set. */
final class DeltaCharts {
    private DeltaCharts() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** A chart with large fonts, the legend inside, a light grid. */
    static XYChart chart(String title, String xTitle, String yTitle, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        Styler st = c.getStyler();
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setLegendBorderColor(Color.LIGHT_GRAY);
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideN);
        c.getStyler().setAntiAlias(true);
        return c;
    }

    /** A line without markers. */
    static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color, boolean dashed) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(2.5f);
        if (dashed) {
            s.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {8f, 6f}, 0f));
        }
        return s;
    }

    /** The chart as PNG bytes (to be written with the run's other outputs by an OutputSet). */
    static byte[] png(XYChart c) throws IOException {
        return BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * A palette that stays distinguishable in print: Okabe and Ito's colours (black apart) and five more, twelve in
     * all, so that plot-losses' ten robust curves each get their own; no black or grey, which the MSE and MAE
     * reference lines use.
     */
    static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
            new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(150, 60, 30),
            new Color(120, 40, 160), new Color(128, 128, 0), new Color(0, 90, 90), new Color(180, 0, 60),
            new Color(220, 0, 200)};
}
