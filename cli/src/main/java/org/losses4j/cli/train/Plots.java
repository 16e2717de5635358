package org.losses4j.cli.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.BoxStyler.BoxplotCalCulationMethod;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG charts of a training run (XChart), rendered to bytes so they can be written atomically. */
public final class Plots {
    static final int WIDTH = 900;
    static final int HEIGHT = 540;
    private static final Color TRAIN = new Color(31, 119, 180);
    private static final Color VALIDATION = new Color(255, 127, 14);

    private Plots() {
    }

    /** A train/validation curve per epoch: {@code title}, y axis {@code yLabel}. */
    public static byte[] curves(String title, String yLabel, double[] train, double[] validation) throws IOException {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("Epoch")
                .yAxisTitle(yLabel).build();
        style(c);
        double[] epochs = new double[train.length];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
        }
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax((double) Math.max(epochs.length, 1));
        c.getStyler().setXAxisDecimalPattern("0");
        if (train.length > 1) {
            // XChart labels equally spaced x values at data points (every 9th epoch of 250); one invisible point
            // between two epochs makes it choose round tick values (0, 50, 100, ...) instead
            XYSeries anchor = c.addSeries(" ", new double[] {1.5}, new double[] {train[0]});
            anchor.setShowInLegend(false);
            anchor.setMarker(SeriesMarkers.NONE);
            anchor.setLineColor(new Color(0, 0, 0, 0));
        }
        add(c, "Training", epochs, train, TRAIN);
        if (validation != null) {
            add(c, "Validation", epochs, validation, VALIDATION);
        }
        return BitmapEncoder.getBitmapBytes(c, BitmapFormat.PNG);
    }

    /** 1, 2, 5, 10, 20, 25, 50, ... so that about ten ticks cover {@code n} epochs. */
    static double niceStep(int n) {
        double raw = Math.max(1, n / 10.0);
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw) {
                return Math.max(1, m * p);
            }
        }
        return 10 * p;
    }

    private static void add(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(2f));
        s.setMarker(x.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
    }

    private static void style(XYChart c) {
        c.getStyler().setLegendPosition(LegendPosition.InsideNE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        c.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        c.getStyler().setAntiAlias(true);
    }

    /** A named group of values for {@link #boxes}. */
    public record Group(String name, double[] values) {
    }

    /** Box plots (quartiles by numpy's linear method, whiskers at 1.5 IQR), one box per group. */
    public static byte[] boxes(String title, String yLabel, List<Group> groups) throws IOException {
        BoxChart c = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yLabel).build();
        c.getStyler().setBoxplotCalCulationMethod(BoxplotCalCulationMethod.N_LESS_1_PLUS_1);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        c.getStyler().setLegendVisible(false);
        c.getStyler().setAntiAlias(true);
        c.getStyler().setToolTipsEnabled(false);
        for (Group g : groups) {
            c.addSeries(g.name() + " (n=" + g.values().length + ")", g.values());
        }
        return BitmapEncoder.getBitmapBytes(c, BitmapFormat.PNG);
    }
}
