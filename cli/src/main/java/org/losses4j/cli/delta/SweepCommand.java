package org.losses4j.cli.delta;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.losses4j.cli.Errors.CliException;
import org.losses4j.cli.Json;
import org.losses4j.cli.OutputOptions;
import org.losses4j.cli.train.ModelOptions;
import org.losses4j.cli.train.TrainingOptions;
import org.losses4j.cli.io.OutputSet;
import org.losses4j.loss.regression.AdaptiveHuberLoss;
import org.losses4j.loss.regression.HuberLoss;
import org.losses4j.loss.regression.L1Loss;
import org.losses4j.loss.regression.MSELoss;
import org.losses4j.nn.data.Dataset;
import org.losses4j.stats.DeltaRules;

import com.fasterxml.jackson.core.JsonProcessingException;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code losses4j delta sweep}: k-fold cross-validated MAE of the tutorial's MLP trained with Huber at each δ, with
 * MAE (L1) and MSE training as baselines; a table, optional JSON/CSV, and a PNG of CV MAE against δ with error bars.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Cross-validate Huber's delta on the training part of train's split: the tutorial's MLP "
                + "(16-8-1 relu, Adam, batch size 1) trained with Huber at each delta, and with MAE and MSE as "
                + "baselines; held-out MAE for each. Writes a plot (out/delta/sweep.png).")
public final class SweepCommand implements Runnable {
    private int epochs;
    private int batchSize;
    private List<Integer> hidden;
    private double learningRate;
    private long seed;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @ArgGroup(exclusive = true, multiplicity = "0..1", order = 0)
    DataOptions source;

    @Mixin
    ModelOptions model;

    @Option(names = "--deltas", split = ",", paramLabel = "D", defaultValue = "0.25,0.5,1,1.5,2,3,5",
            description = "The deltas to try (default ${DEFAULT-VALUE}).")
    List<String> deltas;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Number of folds, >= 2 (default ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "1", description = "Repeat the k-fold CV with seeds seed, seed+1, "
            + "...; the table averages over all repeats and folds, and the standard errors are over the repeats' "
            + "means, so they need >= 2 (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--reference", paramLabel = "D", description = "The delta the other rows are compared with, "
            + "paired on the same folds (default 1.5, the tutorial's, when it is among --deltas, else the first).")
    Double reference;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Worker threads over (delta, fold) fits; the "
            + "result does not depend on it (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--no-baselines", description = "Skip the MAE and MSE training baselines.")
    boolean noBaselines;

    @Option(names = "--adaptive", split = ",", paramLabel = "RULE",
            description = "Also train with an adaptive delta re-estimated each epoch by these rules (mad, iqr, "
                    + "quantile; quantile uses alpha 0.9).")
    List<String> adaptive;

    @Option(names = "--plot", paramLabel = "FILE.png", defaultValue = "out/delta/sweep.png",
            description = "Where the plot of CV MAE against delta goes (default: ${DEFAULT-VALUE}).")
    Path plot;

    @Option(names = "--no-plots", description = "Write no plot.")
    boolean noPlots;

    @Option(names = "--csv", paramLabel = "FILE.csv", description = "Write the per-fold results here.")
    Path csv;

    @Option(names = "--force", description = "Replace the plot and CSV of an earlier run (--plot, --csv).")
    boolean force;

    @Option(names = "--resume", paramLabel = "FILE", description = "Keep each finished fold in FILE (JSON lines) "
            + "and skip the folds it already holds for the same settings: an interrupted sweep goes on where it "
            + "stopped.")
    Path resume;

    @Override
    public void run() {
        epochs = model.epochs;
        batchSize = model.batchSize;
        hidden = model.hidden;
        learningRate = model.learningRate == null ? ModelOptions.ADAM_LEARNING_RATE : model.learningRate;
        seed = model.seed;
        if (noPlots) {
            plot = null;
        }
        List<Double> ds = parseDeltas(deltas);
        if (folds < 2) {
            throw new IllegalArgumentException("--folds must be >= 2, got " + folds);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be > 0, got " + learningRate);
        }
        if (seed < 0 || seed + repeats - 1 > 0xffffffffL) {
            throw new IllegalArgumentException("--seed must be between 0 and 4294967295, got " + seed);
        }
        hiddenWidths();
        if (plot != null) {
            OutputSet.checkFile("--plot", plot);
        }
        if (csv != null) {
            OutputSet.checkFile("--csv", csv);
        }
        if (resume != null) {
            OutputSet.checkFile("--resume", resume);
        }
        if (plot != null && csv != null
                && plot.toAbsolutePath().normalize().equals(csv.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--plot and --csv name the same file: " + plot);
        }
        int ref = referenceIndex(ds);
        claimOutputs();
        Dataset data = DataOptions.load(source, model);
        TrainingOptions.checkModelSize(data.features(), Arrays.stream(hiddenWidths()).boxed().toList(), "--hidden");
        if (data.size() < folds) {
            throw new IllegalArgumentException("--folds " + folds + " exceeds the " + data.size() + " samples");
        }
        List<CrossValidation.Config> configs = new ArrayList<>();
        for (double d : ds) {
            configs.add(new CrossValidation.Config("huber delta=" + fmt(d), d, () -> new HuberLoss(d)));
        }
        if (adaptive != null) {
            for (DeltaRules.Rule rule : SuggestCommand.parseRules(adaptive)) {
                configs.add(new CrossValidation.Config("adaptive " + rule.label(), Double.NaN,
                        AdaptiveHuberLoss::new, rule));
            }
        }
        if (!noBaselines) {
            configs.add(new CrossValidation.Config("mae", Double.NaN, L1Loss::new));
            configs.add(new CrossValidation.Config("mse", Double.NaN, MSELoss::new));
        }
        long t0 = System.nanoTime();
        CrossValidation.Result r;
        boolean bar = System.console() != null && !output.quiet && !output.json;
        if (bar) {
            try (ProgressBar pb = new ProgressBarBuilder().setTaskName("delta sweep").setStyle(ProgressBarStyle.ASCII)
                    .setInitialMax((long) configs.size() * folds * repeats).build()) {
                r = repeated(data, configs, pb::step);
            }
        } else {
            r = repeated(data, configs, null);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int best = -1;
        for (int c = 0; c < configs.size(); c++) {
            if (!Double.isNaN(configs.get(c).delta()) && (best < 0 || r.meanMae(c) < r.meanMae(best))) {
                best = c;
            }
        }
        OutputSet files = new OutputSet();
        try {
            if (plot != null) {
                files.add(plot, DeltaCharts.png(chart(r)));
            }
            if (csv != null) {
                files.add(csv, csv(r).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.commit();
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(json(r, best, ref, seconds));
            return;
        }
        if (output.quiet) {
            return;
        }
        out.printf(Locale.ROOT, "%d-fold CV%s on %s, %d samples; hidden %s, %d epochs, batch size %d, Adam lr %s, "
                + "seed %d%n", folds, repeats > 1 ? " x " + repeats + " repeats" : "",
                DataOptions.describe(source, model), data.size(), hidden, epochs, batchSize, fmt(learningRate),
                seed);
        String vs = "vs delta=" + fmt(ds.get(ref));
        out.printf(Locale.ROOT, "%-18s %10s %10s %13s %10s %10s%n", "training loss", "CV MAE", "+- s.e.", vs,
                "+- s.e.", "CV MSE");
        for (int c = 0; c < configs.size(); c++) {
            out.printf(Locale.ROOT, "%-18s %10.4f %10s %13s %10s %10.4f%s%n", configs.get(c).label(), r.meanMae(c),
                    num(r.seMae(c)), c == ref ? "0" : String.format(Locale.ROOT, "%+.4f", r.diffMae(c, ref)),
                    c == ref ? "" : num(r.seDiffMae(c, ref)), r.meanMse(c), c == best ? "  <- best delta" : "");
        }
        if (repeats > 1) {
            out.printf(Locale.ROOT, "s.e.: standard error over the %d repeats' means (independent splits and "
                    + "initialisations;%n      the folds of one split are not independent); \"%s\": paired "
                    + "difference in CV MAE, same folds%n", repeats, vs);
        } else {
            out.printf(Locale.ROOT, "no standard errors from a single repeat: the folds of one split are not "
                    + "independent; use --repeats >= 2%n");
        }
        out.printf(Locale.ROOT, "(%.1f s on %d thread%s)%n", seconds, threads, threads == 1 ? "" : "s");
        if (plot != null) {
            out.println("plot: " + plot);
        }
        if (csv != null) {
            out.println("csv: " + csv);
        }
        out.println(SuggestCommand.WHICH);
    }

    /**
     * Claims the folders of --plot and --csv before any work, as train claims --out: one run at a time per folder,
     * and a plot or CSV of an earlier run there is refused by name unless --force.
     */
    private void claimOutputs() {
        Map<Path, List<String>> names = new LinkedHashMap<>();
        Map<Path, String> option = new LinkedHashMap<>();
        Map<Path, Path> given = new LinkedHashMap<>();
        for (Path p : Arrays.asList(plot, csv)) {
            if (p == null) {
                continue;
            }
            Path folder = p.toAbsolutePath().normalize().getParent();
            names.computeIfAbsent(folder, k -> new ArrayList<>()).add(p.getFileName().toString());
            option.putIfAbsent(folder, (p == plot ? "--plot" : "--csv") + "'s folder");
            given.putIfAbsent(folder, p.getParent() == null ? Path.of(".") : p.getParent());
        }
        for (Map.Entry<Path, List<String>> e : names.entrySet()) {
            OutputSet.claim(option.get(e.getKey()), given.get(e.getKey()), e.getValue(), force);
        }
    }

    /** The k-fold CV repeated with seeds seed .. seed + repeats − 1, the fold results concatenated. */
    private CrossValidation.Result repeated(Dataset data, List<CrossValidation.Config> configs, Runnable step) {
        int c = configs.size();
        double[][] mae = new double[c][folds * repeats];
        double[][] mse = new double[c][folds * repeats];
        Progress state = resume == null ? null : Progress.open(resume, settingsKey(configs), configs, folds, repeats);
        try {
            return repeated(data, configs, step, state, mae, mse);
        } finally {
            if (state != null) {
                state.close();
            }
        }
    }

    private CrossValidation.Result repeated(Dataset data, List<CrossValidation.Config> configs, Runnable step,
            Progress state, double[][] mae, double[][] mse) {
        int c = configs.size();
        for (int rep = 0; rep < repeats; rep++) {
            CrossValidation.Result one;
            final int r = rep;
            try {
                one = CrossValidation.run(data, configs, new CrossValidation.Settings(folds, epochs, batchSize,
                        learningRate, seed + rep, threads, hiddenWidths()), step,
                        state == null ? null : state.known[rep],
                        state == null ? null : (k, j, a, b) -> state.append(r, configs.get(k).label(), j, a, b));
            } catch (CrossValidation.FoldStoppedException e) {
                String why = e.getMessage();
                throw new CliException("training stopped (" + e.config.label() + ", repeat " + (rep + 1) + " of "
                        + repeats + ", fold " + (e.fold + 1) + " of " + folds + "): "
                        + (why.indexOf(';') > 0 ? why.substring(0, why.indexOf(';')) : why)
                        + "; try a smaller --lr than " + fmt(learningRate));
            }
            for (int k = 0; k < c; k++) {
                System.arraycopy(one.mae()[k], 0, mae[k], rep * folds, folds);
                System.arraycopy(one.mse()[k], 0, mse[k], rep * folds, folds);
            }
        }
        return new CrossValidation.Result(List.copyOf(configs), mae, mse, repeats);
    }

    /** What must agree for folds kept in a --resume file to be reused: everything that changes a fold's result. */
    private Map<String, Object> settingsKey(List<CrossValidation.Config> configs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", DataOptions.describe(source, model));
        m.put("folds", folds);
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("hidden", Arrays.stream(hiddenWidths()).boxed().toList());
        m.put("learning_rate", learningRate);
        m.put("seed", seed);
        return m;
    }

    /**
     * The --resume file: a first line with the settings, then one line per finished fold ({@code repeat}, {@code
     * config} label, {@code fold}, {@code mae}, {@code mse}), appended and flushed as each fold finishes, so that
     * folds survive an interruption. Folds of configs no longer asked for are ignored; new configs are trained.
     */
    private static final class Progress {
        final Path file;
        final double[][][][] known; // [repeat][config][fold] = {mae, mse}
        private final java.io.Writer writer;

        private Progress(Path file, double[][][][] known, java.io.Writer writer) {
            this.file = file;
            this.known = known;
            this.writer = writer;
        }

        @SuppressWarnings("unchecked")
        static Progress open(Path file, Map<String, Object> key, List<CrossValidation.Config> configs, int folds,
                int repeats) {
            double[][][][] known = new double[repeats][configs.size()][folds][];
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < configs.size(); i++) {
                index.put(configs.get(i).label(), i);
            }
            String keyJson;
            try {
                keyJson = Json.MAPPER.writeValueAsString(Map.of("settings", key));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            try {
                boolean exists = java.nio.file.Files.isRegularFile(file);
                if (exists) {
                    List<String> lines = java.nio.file.Files.readAllLines(file);
                    if (!lines.isEmpty() && !lines.get(0).equals(keyJson)) {
                        throw new CliException("--resume " + file + " holds folds of a sweep with other settings ("
                                + lines.get(0) + "); remove it or name another file");
                    }
                    for (int i = 1; i < lines.size(); i++) {
                        Map<String, Object> f;
                        try {
                            f = Json.MAPPER.readValue(lines.get(i), Map.class);
                        } catch (JsonProcessingException e) {
                            continue; // a line cut short by an interruption: that fold is trained again
                        }
                        Integer c = index.get(String.valueOf(f.get("config")));
                        int rep = ((Number) f.get("repeat")).intValue();
                        int j = ((Number) f.get("fold")).intValue();
                        if (c != null && rep >= 0 && rep < repeats && j >= 0 && j < folds) {
                            known[rep][c][j] = new double[] {((Number) f.get("mae")).doubleValue(),
                                ((Number) f.get("mse")).doubleValue()};
                        }
                    }
                    if (!lines.isEmpty() && !lines.get(lines.size() - 1).isEmpty()) {
                        // a last line without its line end (cut short) stays apart from the next one
                        byte[] all = java.nio.file.Files.readAllBytes(file);
                        if (all.length > 0 && all[all.length - 1] != '\n') {
                            java.nio.file.Files.write(file, new byte[] {'\n'},
                                    java.nio.file.StandardOpenOption.APPEND);
                        }
                    }
                }
                java.io.Writer w = java.nio.file.Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                if (!exists || java.nio.file.Files.size(file) == 0) {
                    w.write(keyJson + "\n");
                    w.flush();
                }
                return new Progress(file, known, w);
            } catch (IOException e) {
                throw new CliException("--resume " + file + ": " + org.losses4j.cli.Errors.reason(e));
            }
        }

        void close() {
            try {
                writer.close();
            } catch (IOException e) {
                // every fold was flushed as it finished
            }
        }

        void append(int repeat, String config, int fold, double mae, double mse) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("repeat", repeat);
            m.put("config", config);
            m.put("fold", fold);
            m.put("mae", mae);
            m.put("mse", mse);
            try {
                writer.write(Json.MAPPER.writeValueAsString(m) + "\n");
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The index of the reference delta among the deltas. */
    private int referenceIndex(List<Double> ds) {
        if (reference == null) {
            int i = ds.indexOf(1.5);
            return i < 0 ? 0 : i;
        }
        int i = ds.indexOf(reference);
        if (i < 0) {
            throw new IllegalArgumentException("--reference " + fmt(reference) + " is not among --deltas "
                    + String.join(",", ds.stream().map(SweepCommand::fmt).toList()));
        }
        return i;
    }

    /** A standard error for the table: 4 decimals, or n/a when there is none (one repeat). */
    private static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    private int[] hiddenWidths() {
        if (hidden.size() == 1 && hidden.get(0) == 0) {
            return new int[0];
        }
        int[] h = new int[hidden.size()];
        for (int i = 0; i < h.length; i++) {
            h[i] = hidden.get(i);
            if (h[i] < 1) {
                throw new IllegalArgumentException("--hidden: each width must be >= 1 (or a single 0 for none), got "
                        + hidden.get(i));
            }
        }
        return h;
    }

    static List<Double> parseDeltas(List<String> raw) {
        List<Double> out = new ArrayList<>();
        if (raw != null) {
            for (String s : raw) {
                if (s.isBlank()) {
                    continue;
                }
                double d;
                try {
                    d = Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--deltas: '" + s.trim() + "' is not a number");
                }
                if (!(d > 0) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException("--deltas: each delta must be > 0 and finite, got "
                            + s.trim());
                }
                out.add(d);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--deltas: the list of deltas is empty");
        }
        return out;
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) : Double.toString(d);
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private String json(CrossValidation.Result r, int best, int ref, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", DataOptions.describe(source, model));
        m.put("folds", folds);
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("learning_rate", learningRate);
        m.put("hidden", hiddenWidths());
        m.put("seed", seed);
        m.put("repeats", repeats);
        m.put("reference_delta", r.configs().get(ref).delta());
        m.put("standard_errors", "over the repeats' means (independent splits and initialisations); null for one "
                + "repeat");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int c = 0; c < r.configs().size(); c++) {
            CrossValidation.Config cf = r.configs().get(c);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("loss", Double.isNaN(cf.delta()) ? cf.label() : "huber");
            if (cf.adaptive() != null) {
                row.put("rule", cf.adaptive().label());
            }
            if (!Double.isNaN(cf.delta())) {
                row.put("delta", cf.delta());
            }
            row.put("cv_mae", r.meanMae(c));
            row.put("cv_mae_se", nullIfNaN(r.seMae(c)));
            row.put("diff_mae_vs_reference", r.diffMae(c, ref));
            row.put("diff_mae_vs_reference_se", c == ref ? null : nullIfNaN(r.seDiffMae(c, ref)));
            row.put("cv_mse", r.meanMse(c));
            row.put("repeat_mae", r.repeatMae(c));
            row.put("fold_mae", r.mae()[c]);
            row.put("fold_mse", r.mse()[c]);
            rows.add(row);
        }
        m.put("results", rows);
        m.put("best_delta", best < 0 ? null : r.configs().get(best).delta());
        m.put("best_cv_mae", best < 0 ? null : r.meanMae(best));
        m.put("seconds", seconds);
        if (plot != null) {
            m.put("plot", plot.toString());
        }
        try {
            return Json.PRETTY.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String csv(CrossValidation.Result r) {
        StringBuilder b = new StringBuilder("loss,delta,repeat,fold,mae,mse\n"); // repeat r used seed + r
        for (int c = 0; c < r.configs().size(); c++) {
            CrossValidation.Config cf = r.configs().get(c);
            for (int j = 0; j < r.mae()[c].length; j++) {
                b.append(Double.isNaN(cf.delta()) ? cf.label() : "huber").append(',')
                        .append(Double.isNaN(cf.delta()) ? "" : Double.toString(cf.delta())).append(',')
                        .append(j / folds).append(',').append(j % folds).append(',').append(r.mae()[c][j])
                        .append(',').append(r.mse()[c][j]).append('\n');
            }
        }
        return b.toString();
    }

    private XYChart chart(CrossValidation.Result r) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> es = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < r.configs().size(); c++) {
            double d = r.configs().get(c).delta();
            if (!Double.isNaN(d)) {
                xs.add(d);
                ys.add(r.meanMae(c));
                es.add(repeats > 1 ? r.seMae(c) : 0.0);
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        XYChart ch = DeltaCharts.chart(folds + "-fold CV" + (repeats > 1 ? " x " + repeats : "")
                + " MAE against Huber delta (" + epochs + " epochs)",
                "delta", repeats > 1 ? "held-out MAE (mean, +- s.e. over the " + repeats + " repeats)"
                        : "held-out MAE (mean over the folds)", 900, 600);
        ch.getStyler().setXAxisDecimalPattern("0.##");
        ch.getStyler().setErrorBarsColor(DeltaCharts.PALETTE[0]);
        XYSeries s = ch.addSeries("Huber", xs, ys, es);
        ch.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(DeltaCharts.PALETTE[0]);
        s.setMarkerColor(DeltaCharts.PALETTE[0]);
        double[] span = {lo, hi};
        int colour = 1;
        for (int c = 0; c < r.configs().size(); c++) {
            if (Double.isNaN(r.configs().get(c).delta())) {
                double m = r.meanMae(c);
                Color col = DeltaCharts.PALETTE[colour++ % DeltaCharts.PALETTE.length];
                CrossValidation.Config cf = r.configs().get(c);
                DeltaCharts.line(ch, (cf.adaptive() != null ? cf.label() : "trained with "
                        + cf.label().toUpperCase(Locale.ROOT))
                        + String.format(Locale.ROOT, " (%.3f)", m), span, new double[] {m, m}, col, true);
            }
        }
        return ch;
    }
}
