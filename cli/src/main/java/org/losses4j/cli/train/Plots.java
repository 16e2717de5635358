package org.losses4j.cli.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
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

    /**
     * A train/validation curve per epoch: {@code title}, y axis {@code yLabel}.
     *
     * @param title the title
     * @param yLabel the y label
     * @param train the training values per epoch
     * @param validation the validation values per epoch, or null
     * @return a train/validation curve per epoch: {@code title}, y axis {@code yLabel}
     * @throws IOException when the image cannot be encoded
     */
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

    /**
     * Box plots as matplotlib draws them: the box from Q1 to Q3 (numpy's linear quartiles) with the median, whiskers
     * to the most extreme values within the Tukey fences (1.5 IQR), every value beyond them as a point. (XChart's own
     * box chart draws the whiskers at the fences instead, so it is drawn here with line series.)
     *
     * @param title the title
     * @param yLabel the y label
     * @param groups the named samples, one box each
     * @return the PNG
     * @throws IOException when the image cannot be encoded
     */
    public static byte[] boxes(String title, String yLabel, List<Group> groups) throws IOException {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yLabel).build();
        style(c);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisMin(0.5);
        c.getStyler().setXAxisMax(groups.size() + 0.5);
        c.getStyler().setXAxisTickMarkSpacingHint(40);
        c.getStyler().setPlotGridVerticalLinesVisible(false);
        String[] labels = new String[groups.size()];
        Color box = new Color(31, 119, 180);
        Color median = new Color(255, 127, 14);
        Color outlier = new Color(214, 39, 40);
        double w = 0.25;
        for (int g = 0; g < groups.size(); g++) {
            double[] v = groups.get(g).values();
            labels[g] = groups.get(g).name() + " (n=" + v.length + ")";
            if (v.length == 0) {
                continue;
            }
            org.losses4j.stats.TukeyFences f = org.losses4j.stats.TukeyFences.of(v);
            double x = g + 1;
            line(c, "box" + g, new double[] {x - w, x + w, x + w, x - w, x - w},
                    new double[] {f.q1(), f.q1(), f.q3(), f.q3(), f.q1()}, box, 1.5f);
            line(c, "median" + g, new double[] {x - w, x + w}, new double[] {f.median(), f.median()}, median, 2.5f);
            line(c, "upper" + g, new double[] {x, x, x - w / 2, x + w / 2},
                    new double[] {f.q3(), f.upperWhisker(), f.upperWhisker(), f.upperWhisker()}, Color.DARK_GRAY, 1.2f);
            line(c, "lower" + g, new double[] {x, x, x - w / 2, x + w / 2},
                    new double[] {f.q1(), f.lowerWhisker(), f.lowerWhisker(), f.lowerWhisker()}, Color.DARK_GRAY, 1.2f);
            int k = 0;
            for (double d : v) {
                k += f.isOutlier(d) ? 1 : 0;
            }
            if (k > 0) {
                double[] ox = new double[k];
                double[] oy = new double[k];
                k = 0;
                for (double d : v) {
                    if (f.isOutlier(d)) {
                        ox[k] = x;
                        oy[k++] = d;
                    }
                }
                XYSeries o = c.addSeries("outliers" + g, ox, oy);
                o.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                o.setMarker(SeriesMarkers.CIRCLE);
                o.setMarkerColor(outlier);
                o.setShowInLegend(false);
            }
        }
        c.setCustomXAxisTickLabelsFormatter(v -> {
            long r = Math.round(v);
            // XChart thins out the ticks while labels repeat: give the unlabelled ones distinct blank labels
            return Math.abs(v - r) < 1e-6 && r >= 1 && r <= labels.length ? labels[(int) r - 1]
                    : " ".repeat(1 + (int) Math.abs(Math.round(v * 100)) % 997);
        });
        return BitmapEncoder.getBitmapBytes(c, BitmapFormat.PNG);
    }

    private static void line(XYChart c, String name, double[] x, double[] y, Color color, float width) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width));
        s.setShowInLegend(false);
    }
}
