package org.losses4j.cli.delta;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.knowm.xchart.XYChart;
import org.losses4j.cli.Json;
import org.losses4j.cli.NiceTicks;
import org.losses4j.cli.OutputOptions;
import org.losses4j.cli.io.OutputSet;
import org.losses4j.loss.Loss;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.LossResult;
import org.losses4j.tensor.Tensor;

import com.fasterxml.jackson.core.JsonProcessingException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code losses4j plot-losses}: the shapes and gradients of Huber for several δ against MSE and MAE, and of the
 * other robust losses (pseudo-Huber, log-cosh, Barron's general robust loss for several α), as PNGs. Every curve
 * is computed by the registered core loss of that name (value with reduction none, gradient with respect to the
 * input, target 0); a loss not registered in this build is skipped with a note.
 */
@Command(name = "plot-losses", mixinStandardHelpOptions = true,
        description = "PNGs of loss shapes and gradients: Huber for several deltas against MSE and MAE, and "
                + "pseudo-Huber, log-cosh and the general robust loss for several alphas.")
public final class PlotLossesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "out/plots",
            description = "Folder for the PNGs (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--force", description = "Replace the PNGs of an earlier run in --out.")
    boolean force;

    @Option(names = "--deltas", split = ",", paramLabel = "D", defaultValue = "0.5,1,1.5,2",
            description = "Huber deltas to draw (default ${DEFAULT-VALUE}).")
    List<String> deltas;

    @Option(names = "--range", defaultValue = "4", paramLabel = "R",
            description = "Residuals from -R to R, with " + MIN_RANGE_TEXT + " <= R <= " + MAX_RANGE_TEXT
                    + " (default ${DEFAULT-VALUE}).")
    double range;

    /**
     * The largest --range. The curves are computed in float32: x² (MSE, the general robust loss at alpha 2) is
     * infinite beyond about 1.8e19, which XChart refuses, and from about 1e9 on the axis labels are too long to read
     * (at 1e18 they overlap). A million covers any residual scale worth plotting.
     */
    static final double MAX_RANGE = 1e6;
    /** The smallest --range: below it the tick labels of the residual axis need more digits than fit. */
    static final double MIN_RANGE = 1e-3;
    private static final String MAX_RANGE_TEXT = "1e6";
    private static final String MIN_RANGE_TEXT = "1e-3";

    /** The PNGs, in the folder given by --out. */
    static final List<String> FILES = List.of("huber-shapes.png", "huber-gradients.png", "robust-shapes.png",
            "robust-gradients.png");

    /** The curves drawn dashed because they coincide with an earlier one. */
    private final List<String> overlaps = new ArrayList<>();

    /** One curve: a registered loss, its parameters, a label. */
    record Curve(String label, String loss, Map<String, Object> params, Map<String, Tensor> extra) {
        Curve(String label, String loss, Map<String, Object> params) {
            this(label, loss, params, Map.of());
        }
    }

    @Override
    public void run() {
        List<Double> ds = SweepCommand.parseDeltas(deltas);
        if (!(range >= MIN_RANGE && range <= MAX_RANGE)) {
            throw new IllegalArgumentException("--range must be a number from " + MIN_RANGE_TEXT + " to "
                    + MAX_RANGE_TEXT + " (residuals from -R to R), got " + SweepCommand.fmt(range));
        }
        OutputSet.checkFolder("--out", out);
        OutputSet.checkNotFolders("--out", out, FILES);
        OutputSet.claim("--out", out, FILES, force); // one run per folder; an earlier run's PNGs only with --force
        int n = 401;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -range + 2 * range * i / (n - 1);
        }
        List<Curve> huber = new ArrayList<>();
        huber.add(new Curve("MSE (x^2)", "mse_loss", Map.of()));
        huber.add(new Curve("MAE (|x|)", "l1_loss", Map.of()));
        for (double d : ds) {
            huber.add(new Curve("Huber delta=" + SweepCommand.fmt(d), "huber_loss", Map.of("delta", d)));
        }
        List<Curve> robust = new ArrayList<>();
        robust.add(new Curve("Huber delta=1", "huber_loss", Map.of("delta", 1.0)));
        robust.add(new Curve("pseudo-Huber delta=1", "pseudo_huber", Map.of("delta", 1.0)));
        robust.add(new Curve("log-cosh", "log_cosh", Map.of()));
        for (double a : new double[] {2, 1, 0, -2}) {
            robust.add(new Curve("general robust alpha=" + SweepCommand.fmt(a), "general_robust_loss",
                    Map.of("alpha", a, "scale", 1.0)));
        }
        for (double a : new double[] {0, 1, 2}) {
            robust.add(new Curve("Barron NLL alpha=" + SweepCommand.fmt(a) + " (rho + log Z)", "adaptive_robust_loss",
                    Map.of(), Map.of("alpha", Tensor.scalar((float) a), "scale", Tensor.scalar(1f))));
        }
        List<String> notes = new ArrayList<>();
        List<String> files = new ArrayList<>();
        OutputSet pngs = new OutputSet();
        try {
            draw(huber, x, "huber", "Huber, MSE and MAE", notes, files, pngs);
            draw(robust, x, "robust", "Robust losses", notes, files, pngs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pngs.commit();
        PrintWriter w = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("files", files);
            m.put("skipped", notes);
            m.put("notes", overlaps);
            try {
                w.println(Json.PRETTY.writeValueAsString(m));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        if (!output.quiet) {
            for (String f : files) {
                w.println("wrote " + f);
            }
            for (String s : notes) {
                w.println("skipped: " + s);
            }
            for (String s : overlaps) {
                w.println("note: " + s);
            }
        }
    }

    private void draw(List<Curve> curves, double[] x, String stem, String title, List<String> notes,
            List<String> files, OutputSet pngs) throws IOException {
        LossRegistry reg = LossRegistry.standard();
        XYChart shape = DeltaCharts.chart(title + ": loss", "residual x - y", "loss", 1100, 640);
        XYChart grad = DeltaCharts.chart(title + ": gradient", "residual x - y", "d loss / d x", 1100, 640);
        Tensor in = Tensor.of(x, x.length);
        Tensor zero = Tensor.zeros(x.length);
        double yMax = 0;
        int colour = 0;
        Map<String, double[]> drawnShapes = new LinkedHashMap<>();
        Map<String, double[]> drawnGrads = new LinkedHashMap<>();
        for (Curve c : curves) {
            if (!reg.contains(c.loss())) {
                notes.add(c.label() + ": loss '" + c.loss() + "' is not registered in this build");
                continue;
            }
            LossResult r;
            try {
                Loss loss = reg.create(c.loss(), c.params(), "none");
                Map<String, Tensor> inputs = new LinkedHashMap<>(c.extra());
                inputs.put("input", in);
                inputs.put("target", zero);
                r = loss.compute(inputs, Set.of("input"));
            } catch (IllegalArgumentException e) {
                notes.add(c.label() + ": " + e.getMessage());
                continue;
            }
            double[] v = toDoubles(r.value().data());
            double[] g = toDoubles(r.gradInput().data());
            Color col = c.loss().equals("mse_loss") ? Color.BLACK : c.loss().equals("l1_loss") ? Color.GRAY
                    : DeltaCharts.PALETTE[colour++ % DeltaCharts.PALETTE.length];
            String sameShape = coincident(drawnShapes, v);
            String sameGrad = coincident(drawnGrads, g);
            DeltaCharts.line(shape, sameShape == null ? c.label() : c.label() + " (= " + sameShape + ")", x, v, col,
                    sameShape != null);
            DeltaCharts.line(grad, sameGrad == null ? c.label() : c.label() + " (= " + sameGrad + ")", x, g, col,
                    sameGrad != null);
            if (sameShape != null) {
                overlaps.add(c.label() + " coincides with " + sameShape + " on " + stem + "-shapes.png: drawn dashed");
            }
            if (sameGrad != null) {
                overlaps.add(c.label() + " coincides with " + sameGrad + " on " + stem
                        + "-gradients.png: drawn dashed");
            }
            drawnShapes.put(c.label(), v);
            drawnGrads.put(c.label(), g);
            if (!c.loss().equals("mse_loss")) {
                for (double e : v) {
                    yMax = Math.max(yMax, e);
                }
            }
        }
        // MSE would flatten everything else: clip the axes to the other curves
        // (a small --range has small losses: the axis follows them below 1 instead of flattening them)
        NiceTicks ys = NiceTicks.of(0, yMax > 0 ? yMax * 1.05 : 1.0, 8);
        ys.applyY(shape, 480);
        double g = Math.max(range * 0.75 + 0.5, 1.1); // MAE's gradient, +-1, stays in view
        NiceTicks yg = NiceTicks.of(-g, g, 8);
        yg.applyY(grad, 480);
        NiceTicks xs = NiceTicks.of(-range, range, 9);
        xs.applyXOverEvenlySpaced(shape, 600, ys.min());
        xs.applyXOverEvenlySpaced(grad, 600, 0);
        for (XYChart ch : new XYChart[] {shape, grad}) {
            ch.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        }
        if (shape.getSeriesMap().isEmpty()) {
            return;
        }
        Path a = out.resolve(stem + "-shapes.png");
        Path b = out.resolve(stem + "-gradients.png");
        pngs.add(a, DeltaCharts.png(shape));
        pngs.add(b, DeltaCharts.png(grad));
        files.add(a.toString());
        files.add(b.toString());
    }

    /**
     * The label of an earlier curve that {@code y} coincides with over the whole range (to 1e-6 of the curves'
     * size: closer than a pixel), or null. Such a curve would hide the earlier one; it is drawn dashed and labelled.
     */
    static String coincident(Map<String, double[]> drawn, double[] y) {
        for (Map.Entry<String, double[]> e : drawn.entrySet()) {
            double[] o = e.getValue();
            double scale = 1;
            double diff = 0;
            for (int i = 0; i < y.length; i++) {
                scale = Math.max(scale, Math.max(Math.abs(y[i]), Math.abs(o[i])));
                diff = Math.max(diff, Math.abs(y[i] - o[i]));
            }
            if (diff <= 1e-6 * scale) {
                return e.getKey();
            }
        }
        return null;
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
