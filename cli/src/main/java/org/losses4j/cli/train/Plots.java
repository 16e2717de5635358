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
import org.losses4j.cli.NiceTicks;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG charts of a training run (XChart), rendered to bytes so they can be written atomically. */
public final class Plots {
    static final int WIDTH = 900;
    static final int HEIGHT = 540;
    private static final Color TRAIN = new Color(31, 119, 180);
    private static final Color VALIDATION = new Color(255, 127, 14);
    private static final Color BAND = new Color(255, 127, 14);
    private static final Color OUTLIER = new Color(214, 39, 40);

    private Plots() {
    }

    /** The approximate plot area of a {@link #WIDTH} × {@link #HEIGHT} chart with its legend below. */
    private static final int PLOT_WIDTH = WIDTH - 110;
    private static final int PLOT_HEIGHT = HEIGHT - 170;

    /**
     * A train/validation curve per epoch: {@code title}, y axis {@code yLabel}; {@code validation} null draws the
     * training curve alone. The title is the caller's: it should name only the curves drawn (see {@link
     * #curvesTitle}).
     *
     * @param title      the chart's title, naming only the curves drawn
     * @param yLabel     the y axis's label
     * @param train      the training values per epoch
     * @param validation the validation values per epoch, or null
     * @return the PNG
     * @throws IOException when the image cannot be encoded
     */
    public static byte[] curves(String title, String yLabel, double[] train, double[] validation) throws IOException {
        return BitmapEncoder.getBitmapBytes(curvesChart(title, yLabel, train, validation), BitmapFormat.PNG);
    }

    /** The chart of {@link #curves}, before it is encoded. */
    static XYChart curvesChart(String title, String yLabel, double[] train, double[] validation) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("Epoch")
                .yAxisTitle(yLabel).build();
        style(c);
        double[] epochs = new double[train.length];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] a : validation == null ? new double[][] {train} : new double[][] {train, validation}) {
            for (double v : a) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        NiceTicks.of(lo, hi, 8).applyY(c, PLOT_HEIGHT);
        NiceTicks x = NiceTicks.of(0, Math.max(epochs.length, 1), 10);
        if (train.length > 1) {
            x.applyXOverEvenlySpaced(c, PLOT_WIDTH, train[0]);
        } else {
            x.applyX(c, PLOT_WIDTH);
        }
        add(c, "Training", epochs, train, TRAIN);
        if (validation != null) {
            add(c, "Validation", epochs, validation, VALIDATION);
        }
        return c;
    }

    /**
     * The title of a curve chart that promises only what is drawn: "Huber loss (delta = 1.5): training and
     * validation loss", or "...: training loss" without validation.
     */
    static String curvesTitle(String what, String quantity, boolean validation) {
        return what + ": training " + (validation ? "and validation " : "") + quantity;
    }

    /**
     * Predicted against actual target values of the test set, with the identity line (a perfect model's points
     * lie on it); both axes share one range, so the line is the diagonal.
     *
     * @param target the target's name, for the axes
     * @param actual the actual values
     * @param predicted the predicted values
     * @return the PNG
     * @throws IOException when the image cannot be encoded
     */
    public static byte[] predictedVsActual(String target, double[] actual, double[] predicted) throws IOException {
        return BitmapEncoder.getBitmapBytes(predictedVsActualChart(target, actual, predicted), BitmapFormat.PNG);
    }

    /** The chart of {@link #predictedVsActual}, before it is encoded. */
    static XYChart predictedVsActualChart(String target, double[] actual, double[] predicted) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Predicted against actual " + target + " (test set, n = " + actual.length + ")")
                .xAxisTitle("actual " + target).yAxisTitle("predicted " + target).build();
        style(c);
        double lo = Math.min(min(actual), min(predicted));
        double hi = Math.max(max(actual), max(predicted));
        NiceTicks t = NiceTicks.of(lo, hi, 8);
        t.applyX(c, PLOT_WIDTH);
        t.applyY(c, PLOT_HEIGHT);
        line(c, "identity (predicted = actual)", new double[] {t.min(), t.max()}, new double[] {t.min(), t.max()},
                Color.DARK_GRAY, 1.5f).setShowInLegend(true);
        scatter(c, "test samples", actual, predicted, TRAIN);
        return c;
    }

    /**
     * Residuals (actual − predicted) against the prediction on the test set, with the zero line and, for a loss with
     * a quadratic zone, the band ±{@code band}: the points beyond it are those the loss treats linearly.
     *
     * @param band the half-width of the loss's quadratic zone, or NaN for none
     * @param bandLabel the band's label in the legend
     * @param target the target's name, for the axes
     * @param predicted the predicted values
     * @param residual the residuals (actual − predicted)
     * @return the PNG
     * @throws IOException when the image cannot be encoded
     */
    public static byte[] residualsVsPredicted(String target, double[] predicted, double[] residual, double band,
            String bandLabel) throws IOException {
        return BitmapEncoder.getBitmapBytes(residualsVsPredictedChart(target, predicted, residual, band, bandLabel), BitmapFormat.PNG);
    }

    /** The chart of {@link #residualsVsPredicted}, before it is encoded. */
    static XYChart residualsVsPredictedChart(String target, double[] predicted, double[] residual, double band,
            String bandLabel) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Residuals against prediction (test set, n = " + residual.length + ")")
                .xAxisTitle("predicted " + target).yAxisTitle("residual = actual - predicted").build();
        style(c);
        NiceTicks x = NiceTicks.of(min(predicted), max(predicted), 8);
        double r = Math.max(Math.abs(min(residual)), Math.abs(max(residual)));
        if (!Double.isNaN(band)) {
            r = Math.max(r, band);
        }
        x.applyX(c, PLOT_WIDTH);
        NiceTicks.of(-r, r, 8).applyY(c, PLOT_HEIGHT);
        line(c, "zero", new double[] {x.min(), x.max()}, new double[] {0, 0}, Color.DARK_GRAY, 1.2f);
        boolean hasBand = !Double.isNaN(band);
        if (hasBand) {
            dashed(c, bandLabel, new double[] {x.min(), x.max()}, new double[] {band, band}, BAND);
            dashed(c, "-band", new double[] {x.min(), x.max()}, new double[] {-band, -band}, BAND)
                    .setShowInLegend(false);
        }
        split(c, predicted, residual, hasBand ? band : Double.POSITIVE_INFINITY);
        return c;
    }

    /**
     * A histogram of the test residuals (actual − predicted), bins of a round width, with the band ±{@code band}
     * marked (NaN: no band, and the title says why).
     *
     * @param residual the residuals (actual − predicted)
     * @param band the half-width of the band, or NaN for none
     * @param bandLabel the band's label in the legend
     * @param noBand why there is no band, for the title
     * @return the PNG
     * @throws IOException when the image cannot be encoded
     */
    public static byte[] residualHistogram(double[] residual, double band, String bandLabel, String noBand) throws IOException {
        return BitmapEncoder.getBitmapBytes(residualHistogramChart(residual, band, bandLabel, noBand), BitmapFormat.PNG);
    }

    /** The chart of {@link #residualHistogram}, before it is encoded. */
    static XYChart residualHistogramChart(double[] residual, double band, String bandLabel, String noBand) {
        boolean hasBand = !Double.isNaN(band);
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Residuals (test set, n = " + residual.length + ")" + (hasBand ? "" : "; " + noBand))
                .xAxisTitle("residual = actual - predicted").yAxisTitle("samples").build();
        style(c);
        double lo = min(residual);
        double hi = max(residual);
        if (hasBand) {
            lo = Math.min(lo, -band);
            hi = Math.max(hi, band);
        }
        double width = binWidth(residual.length, hi - lo);
        double left = Math.floor(lo / width) * width;
        int bins = Math.max(1, (int) Math.ceil((hi - left) / width + 1e-9));
        if (left + bins * width <= hi) {
            bins++; // the largest residual falls in the last bin, not on its right edge
        }
        int[] counts = new int[bins];
        for (double v : residual) {
            int b = (int) Math.floor((v - left) / width);
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        int top = 0;
        for (int k : counts) {
            top = Math.max(top, k);
        }
        double[] hx = new double[2 * bins + 2];
        double[] hy = new double[2 * bins + 2];
        for (int b = 0; b < bins; b++) {
            hx[2 * b + 1] = left + b * width;
            hx[2 * b + 2] = left + (b + 1) * width;
            hy[2 * b + 1] = counts[b];
            hy[2 * b + 2] = counts[b];
        }
        hx[0] = left;
        hx[hx.length - 1] = left + bins * width;
        NiceTicks.of(left, left + bins * width, 10).applyX(c, PLOT_WIDTH);
        NiceTicks y = NiceTicks.of(0, Math.max(top, 1), 8);
        y.applyY(c, PLOT_HEIGHT);
        XYSeries h = c.addSeries("residuals (bin width " + new NiceTicks(0, 1, width).label(width) + ")", hx, hy);
        h.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        h.setMarker(SeriesMarkers.NONE);
        h.setLineColor(TRAIN);
        h.setFillColor(new Color(31, 119, 180, 110));
        h.setLineStyle(new BasicStroke(1.2f));
        if (hasBand) {
            dashed(c, bandLabel, new double[] {band, band}, new double[] {0, y.max()}, BAND);
            dashed(c, "-band", new double[] {-band, -band}, new double[] {0, y.max()}, BAND).setShowInLegend(false);
        }
        return c;
    }

    /**
     * A round bin width (1, 2 or 5 times a power of ten) giving at least about 2·n^(1/3) bins (Rice's rule; 5 to 40)
     * over {@code span}: the largest round width not above span / bins.
     */
    static double binWidth(int n, double span) {
        int bins = Math.max(5, Math.min(40, (int) Math.ceil(2 * Math.cbrt(n))));
        if (!(span > 0)) {
            return 1;
        }
        double raw = span / bins;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f < 2 ? 1 : f < 5 ? 2 : 5) * p;
    }

    /** The points inside |y| ≤ limit in one colour, beyond it in another. */
    private static void split(XYChart c, double[] x, double[] y, double limit) {
        int k = 0;
        for (double v : y) {
            k += Math.abs(v) <= limit ? 1 : 0;
        }
        double[][] in = {new double[k], new double[k]};
        double[][] outside = {new double[y.length - k], new double[y.length - k]};
        int a = 0;
        int b = 0;
        for (int i = 0; i < y.length; i++) {
            if (Math.abs(y[i]) <= limit) {
                in[0][a] = x[i];
                in[1][a++] = y[i];
            } else {
                outside[0][b] = x[i];
                outside[1][b++] = y[i];
            }
        }
        boolean band = limit != Double.POSITIVE_INFINITY;
        if (k > 0) {
            scatter(c, band ? "inside the band (" + k + ")" : "test samples", in[0], in[1], TRAIN);
        }
        if (y.length - k > 0) {
            scatter(c, "beyond the band (" + (y.length - k) + ")", outside[0], outside[1], OUTLIER);
        }
    }

    private static XYSeries scatter(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
        return s;
    }

    private static XYSeries dashed(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = line(c, name, x, y, color, 1.8f);
        s.setLineStyle(new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 5f}, 0f));
        s.setShowInLegend(true);
        return s;
    }

    private static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static void add(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(2f));
        s.setMarker(x.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
    }

    private static void style(XYChart c) {
        // below the plot area: a legend inside it can hide points or curves
        c.getStyler().setLegendPosition(LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setLegendBorderColor(Color.WHITE);
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
     * @param title the chart's title
     * @param yLabel the y axis's label, with the unit of the values
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
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Group g : groups) {
            lo = Math.min(lo, min(g.values()));
            hi = Math.max(hi, max(g.values()));
        }
        NiceTicks.of(lo, hi, 8).applyY(c, PLOT_HEIGHT);
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

    private static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color, float width) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width));
        s.setShowInLegend(false);
        return s;
    }
}
