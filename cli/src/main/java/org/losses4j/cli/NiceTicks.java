package org.losses4j.cli;

import java.awt.Color;
import java.math.BigDecimal;
import java.util.function.Function;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Axis ticks at round steps (1, 2 or 5 times a power of ten) on a grid that contains 0, with the axis ends on the
 * grid: Heckbert's "nice numbers" (Graphics Gems, 1990), as matplotlib's and d3's default locators choose them.
 *
 * <p>XChart picks its own step from the pixel space, and labels every tick it draws. {@link #applyX} and
 * {@link #applyY} set the axis ends to this grid, steer XChart's step towards {@link #step()} and label only the
 * ticks that fall on the grid (XChart's steps are also 1, 2 or 5 times a power of ten, so a labelled tick is always
 * a round value; a finer step than ours leaves unlabelled grid lines between them).
 *
 * @param min  the lower end of the axis, a multiple of {@code step}
 * @param max  the upper end of the axis, a multiple of {@code step}, greater than {@code min}
 * @param step the distance between labelled ticks
 */
public record NiceTicks(double min, double max, double step) {

    /**
     * The nice number closest to {@code x} (rounded) or the smallest one at least {@code x} (not rounded): 1, 2 or
     * 5 times a power of ten, or 10.
     *
     * @param x     a positive number
     * @param round whether to round to the closest instead of rounding up
     * @return 1, 2, 5 or 10 times the largest power of ten not above {@code x}
     */
    public static double nice(double x, boolean round) {
        double e = Math.floor(Math.log10(x));
        double p = Math.pow(10, e);
        double f = x / p;
        double n;
        if (round) {
            n = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        } else {
            n = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        }
        return clean(n * p);
    }

    /**
     * Ticks covering [lo, hi] with at most about {@code maxTicks} labelled ticks. A single value (lo = hi) gets an
     * axis of one step either side; non-finite bounds fall back to [0, 1].
     *
     * @param lo       the smallest value to show
     * @param hi       the largest value to show
     * @param maxTicks the number of labelled ticks wanted, at least 2
     * @return the ticks
     */
    public static NiceTicks of(double lo, double hi, int maxTicks) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            lo = 0;
            hi = 1;
        }
        if (lo > hi) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double range = nice(hi - lo, false);
        double step = nice(range / Math.max(1, maxTicks - 1), true);
        double min = clean(Math.floor(lo / step + 1e-9) * step);
        double max = clean(Math.ceil(hi / step - 1e-9) * step);
        if (max <= min) {
            max = clean(min + step);
        }
        return new NiceTicks(min, max, step);
    }

    /** Removes the binary noise of a product of decimal numbers (0.30000000000000004 is 0.3). */
    private static double clean(double v) {
        return v == 0 ? 0.0 : new BigDecimal(v).round(new java.math.MathContext(12)).doubleValue();
    }

    /**
     * Whether {@code v} lies on the grid of this step (up to rounding).
     *
     * @param v a value of the axis
     * @return true for a multiple of the step
     */
    public boolean onGrid(double v) {
        double k = v / step;
        return Math.abs(k - Math.rint(k)) < 1e-6;
    }

    /**
     * The label of a value on the grid: as many decimals as the step has, never "-0" or binary noise.
     *
     * @param v a value of the axis
     * @return the value rounded to the grid, with as many decimals as the step ("0" for a value within rounding of 0)
     */
    public String label(double v) {
        int decimals = Math.max(0, BigDecimal.valueOf(step).stripTrailingZeros().scale());
        double r = Math.rint(v / step) * step;
        if (Math.abs(r) < step * 1e-9) {
            return "0";
        }
        return new BigDecimal(r).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * The label XChart draws at a tick: {@link #label} on the grid, blank elsewhere. The blanks differ from each
     * other, because XChart thins its ticks out while two labels are equal.
     *
     * @return a function from a tick's value to its label, for XChart's custom tick formatter
     */
    public Function<Double, String> formatter() {
        return v -> onGrid(v) ? label(v) : " ".repeat(1 + (int) (Math.abs(Math.round(v / step * 1000)) % 997));
    }

    /**
     * Sets the x axis of {@code c} to these ticks.
     *
     * @param c           the chart
     * @param axisPixels  the approximate width of the plot area in pixels, to steer XChart's step to ours
     */
    public void applyX(XYChart c, int axisPixels) {
        c.getStyler().setXAxisMin(min);
        c.getStyler().setXAxisMax(max);
        c.getStyler().setXAxisTickMarkSpacingHint(hint(axisPixels));
        c.setCustomXAxisTickLabelsFormatter(formatter());
    }

    /**
     * Sets the x axis of {@code c} to these ticks, for a chart whose x values are equally spaced (epochs, a grid of
     * residuals). XChart puts the ticks of such an axis at data points (every 9th epoch, -2.9, -2.4, ...) whatever
     * the step; one invisible point off the grid makes it place them by the step.
     *
     * @param c          the chart
     * @param axisPixels the approximate width of the plot area in pixels
     * @param y          a y value inside the chart's y range, for the invisible point
     */
    public void applyXOverEvenlySpaced(XYChart c, int axisPixels, double y) {
        applyX(c, axisPixels);
        XYSeries anchor = c.addSeries(" ", new double[] {min + step * 0.378}, new double[] {y});
        anchor.setShowInLegend(false);
        anchor.setMarker(SeriesMarkers.NONE);
        anchor.setLineColor(new Color(0, 0, 0, 0));
    }

    /**
     * Sets the y axis of {@code c} to these ticks.
     *
     * @param c          the chart
     * @param axisPixels the approximate height of the plot area in pixels, to steer XChart's step to ours
     */
    public void applyY(XYChart c, int axisPixels) {
        c.getStyler().setYAxisMin(min);
        c.getStyler().setYAxisMax(max);
        c.getStyler().setYAxisTickMarkSpacingHint(hint(axisPixels));
        c.setCustomYAxisTickLabelsFormatter(formatter());
    }

    /** The pixel distance of one step, which XChart takes as its hint for the step. */
    private int hint(int axisPixels) {
        return (int) Math.max(20, Math.min(400, Math.round(step / (max - min) * axisPixels)));
    }
}
