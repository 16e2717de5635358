package org.losses4j.cli.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.losses4j.cli.Errors.CliException;
import org.losses4j.cli.Json;
import org.losses4j.cli.Main;
import org.losses4j.cli.OutputOptions;
import org.losses4j.cli.CommandLines;
import org.losses4j.cli.Values;
import org.losses4j.cli.Version;
import org.losses4j.cli.io.OutputSet;
import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.LossInfo;
import org.losses4j.loss.Loss;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.Reduction;
import org.losses4j.nn.Callback;
import org.losses4j.nn.Dense;
import org.losses4j.nn.FitOptions;
import org.losses4j.nn.History;
import org.losses4j.nn.Sequential;
import org.losses4j.nn.TrainingPlan;
import org.losses4j.nn.TrainingStoppedException;
import org.losses4j.nn.data.Dataset;
import org.losses4j.nn.data.Standardizer;
import org.losses4j.nn.data.TrainTestSplit;
import org.losses4j.nn.io.ModelIO;
import org.losses4j.nn.optim.Optimizer;
import org.losses4j.nn.optim.Optimizers;
import org.losses4j.stats.TukeyFences;
import org.losses4j.tensor.NestedArrays;
import org.losses4j.tensor.Tensor;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One training run, as the tutorial: split, (optionally) standardise, build the MLP, fit, evaluate on the test
 * part, then write the plots, the summary JSON, the HTML report and (optionally) the model into the output folder.
 * Every setting and the output folder are checked before any data is read; the outputs are collected in one
 * {@link OutputSet} and written together at the end, so a run that fails (bad settings, training stopped on a NaN
 * loss, a file that cannot be written) leaves every earlier output as it was.
 */
final class TrainingJob {
    private final String command;
    private final String commandLine;
    private final TrainingOptions o;
    private final OutputOptions output;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * A job of the (sub)command {@code spec}, whose command line as typed goes into the report.
     */
    TrainingJob(CommandSpec spec, TrainingOptions options, OutputOptions output) {
        this.command = spec.name();
        this.commandLine = CommandLines.typed(spec);
        this.o = options;
        this.output = output;
        this.out = spec.commandLine().getOut();
        this.err = spec.commandLine().getErr();
    }

    /** The loss by name with --delta / --param, refusing what cannot train on a real-valued target. */
    Loss loss() {
        LossRegistry reg = LossRegistry.standard();
        LossInfo info = reg.info(o.loss);
        Map<String, Object> given = Values.pairs(o.params, "--param", false);
        Map<String, Object> p = new LinkedHashMap<>();
        if (o.delta != null) {
            if (given.containsKey("delta")) {
                throw new IllegalArgumentException("--delta " + fmt(o.delta) + " and --param delta="
                        + given.get("delta") + " both set delta; give one");
            }
            p.put("delta", o.delta);
        } else if (info.name().equals("huber_loss")) {
            p.put("delta", 1.5);
        }
        p.putAll(given);
        if (!trainable(info)) {
            throw new IllegalArgumentException("loss '" + info.name() + "' cannot train on a real-valued target ("
                    + whyNot(info) + "); training takes " + String.join(", ", trainableLosses()));
        }
        return reg.create(info.name(), p, null);
    }

    /**
     * Whether a loss can train the regression MLP: a regression loss, element-wise in a prediction and a target
     * (the training loop's fast path), reduced by default. The one rule behind both the check and the list.
     */
    static boolean trainable(LossInfo info) {
        return whyNot(info) == null;
    }

    private static String whyNot(LossInfo info) {
        if (!info.family().equals("regression")) {
            return "it is a " + info.family() + " loss";
        }
        Loss l;
        try {
            l = LossRegistry.standard().create(info.name());
        } catch (IllegalArgumentException e) {
            return "it has no default parameters";
        }
        if (!(l instanceof ElementwiseLoss)) {
            return "it is not element-wise in a prediction and a target";
        }
        if (l.reduction() == Reduction.NONE) {
            return "it is not reduced to one value";
        }
        return null;
    }

    /** The losses {@code train} and {@code boston} accept, in the registry's order. */
    static List<String> trainableLosses() {
        List<String> ok = new ArrayList<>();
        for (LossInfo i : LossRegistry.standard().list()) {
            if (trainable(i)) {
                ok.add(i.name());
            }
        }
        return ok;
    }

    Optimizer optimizer() {
        return Optimizers.create(o.optimizer, o.learningRate, o.momentum, o.nesterov);
    }

    FitOptions fitOptions() {
        return new FitOptions(o.epochs, o.batchSize, o.validationSplit, true, o.seed);
    }

    /** The files a run may write into the output folder. */
    static final List<String> OUTPUTS = List.of("targets_boxplot.png", "loss.png", "mae.png",
            "predicted_vs_actual.png", "residuals.png", "residual_histogram.png", "model.safetensors", "model.json",
            "summary.json", "report.html");

    /** The files this run writes into the output folder. */
    private List<String> outputs() {
        List<String> l = new ArrayList<>(OUTPUTS);
        if (o.noPlots) {
            l.removeIf(n -> n.endsWith(".png"));
        }
        if (!o.saveModel) {
            l.removeIf(n -> n.startsWith("model."));
        }
        return l;
    }

    /** Checks every setting and the output folder before any data is read or any file written. */
    void validate() {
        TrainingOptions.checkSeed("--seed", o.seed);
        TrainingOptions.checkSeed("--split-seed", o.splitSeed);
        fitOptions();
        loss();
        optimizer();
        if (!(o.testSplit > 0 && o.testSplit < 1)) {
            throw new IllegalArgumentException("test split must be in (0, 1) (the test part needs samples), got "
                    + o.testSplit);
        }
        for (int h : o.hidden) {
            if (h <= 0) {
                throw new IllegalArgumentException("hidden layer sizes must be > 0, got " + h);
            }
        }
        OutputSet.checkFolder("--out", o.out);
        OutputSet.checkNotFolders("--out", o.out, outputs());
        // one run per folder; an earlier run's outputs (any of them) only with --force, replaced as a whole set
        OutputSet.claim("--out", o.out, OUTPUTS, o.force);
    }

    private boolean talk() {
        return !output.quiet && !output.json;
    }

    /** What {@link #prepare} hands to {@link #fit}: the split, the scaled parts, the loss, the plan. */
    record Prepared(Dataset all, double[][] targetParts, Dataset train, Dataset test, Standardizer standardizer,
            Loss loss, Optimizer optimizer, FitOptions fitOptions, TrainingPlan plan) {
    }

    /** What {@link #fit} returns: the trained model, its history and timing, the test results and predictions. */
    record Fitted(Sequential model, History history, double seconds, double cpuSeconds, Map<String, Double> test,
            double[] predicted) {
    }

    /**
     * Runs the job on {@code all} (features and one target), described by {@code data} for the summary and read from
     * {@code file}; {@code provenance} (Markdown) goes into the report, or null.
     *
     * @return the exit status
     */
    int run(Dataset all, double[] target64, Map<String, Object> data, DataFile file, String provenance)
            throws IOException {
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Prepared p = prepare(all, target64, data);
        Fitted f = fit(p);
        RunSummary summary = summarise(p, f, data, file, date);
        if (talk()) {
            summary.terminal(o.epochs).forEach(out::println);
        }
        write(summary, f.model(), p.standardizer(), plots(p, summary), provenance);
        return 0;
    }

    /** Checks everything, splits (Keras's test split), optionally standardises, and plans the fit. */
    Prepared prepare(Dataset all, double[] target64, Map<String, Object> data) {
        validate();
        TrainingOptions.checkModelSize(all.features(), o.hidden, "--hidden");
        checkEnoughRows(all.size(), data.get("file"));
        TrainTestSplit split = TrainTestSplit.keras(all, o.testSplit, o.splitSeed);
        Dataset train = split.train();
        Dataset test = split.test();
        if (test.size() == 0) {
            throw new IllegalArgumentException("test split " + o.testSplit + " leaves no test sample");
        }
        FitOptions fit = fitOptions();
        TrainingPlan plan;
        try {
            plan = TrainingPlan.of(train.size(), fit); // as Sequential.fit will, but before any work
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--validation-split: " + e.getMessage(), e);
        }
        if (talk()) {
            out.printf(Locale.ROOT, "Feature shape: (%d,)%n", all.features());
            out.printf(Locale.ROOT, "x_train (%d, %d), x_test (%d, %d)%n", train.size(), train.features(),
                    test.size(), test.features());
        }
        Standardizer st = null;
        if (o.standardize) {
            st = Standardizer.fit(train);
            train = st.transform(train);
            test = st.transform(test);
        }
        return new Prepared(all, parts(target64, split), train, test, st, loss(), optimizer(), fit, plan);
    }

    /** Builds the MLP, fits it (a progress bar on a terminal), evaluates and predicts the test part. */
    Fitted fit(Prepared p) {
        Sequential model = Sequential.mlp(p.all().features(), o.seed, hidden());
        model.compile(p.loss(), p.optimizer(), "mae");
        History history;
        long t0;
        long t1;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        try (Progress progress = Progress.create(talk() && System.console() != null)) {
            t0 = System.nanoTime();
            try {
                history = model.fit(p.train(), p.fitOptions(), progress);
            } catch (TrainingStoppedException e) {
                throw new CliException("training stopped: " + e.getMessage() + "; no output written");
            }
            t1 = System.nanoTime();
        }
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        Map<String, Double> test = model.evaluate(p.test(), 32);
        float[] pred = model.predict(p.test());
        double[] predicted = new double[pred.length];
        for (int i = 0; i < pred.length; i++) {
            predicted[i] = pred[i];
        }
        return new Fitted(model, history, (t1 - t0) / 1e9, cpuSeconds, test, predicted);
    }

    private int[] hidden() {
        return o.hidden.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The run's PNGs by file name, in the order of {@link #OUTPUTS} (none with --no-plots). */
    private Map<String, byte[]> plots(Prepared p, RunSummary s) throws IOException {
        Map<String, byte[]> images = new LinkedHashMap<>();
        if (o.noPlots) {
            return images;
        }
        String target = p.all().targetNames().get(0);
        double[][] parts = p.targetParts();
        images.put("targets_boxplot.png", Plots.boxes("Distribution of " + target + " (all, train, test)", target,
                List.of(new Plots.Group("all", parts[0]), new Plots.Group("train", parts[1]),
                        new Plots.Group("test", parts[2]))));
        History h = s.history();
        String lossTitle = lossTitle(p.loss());
        boolean val = h.has("val_loss");
        images.put("loss.png", Plots.curves(Plots.curvesTitle(lossTitle, "loss", val), lossTitle, h.get("loss"),
                val ? h.get("val_loss") : null));
        images.put("mae.png", Plots.curves(Plots.curvesTitle("Mean absolute error", "MAE", val),
                "Mean absolute error", h.get("mae"), val ? h.get("val_mae") : null));
        RunSummary.Diagnostics d = s.diagnostics();
        double[] residuals = d.residuals();
        images.put("predicted_vs_actual.png", Plots.predictedVsActual(target, d.actual(), d.predicted()));
        images.put("residuals.png", Plots.residualsVsPredicted(target, d.predicted(), residuals, d.band(),
                d.bandLabel()));
        images.put("residual_histogram.png", Plots.residualHistogram(residuals, d.band(), d.bandLabel(),
                d.noBand()));
        return images;
    }

    /** The test targets, the predictions and the loss's band. */
    private static RunSummary.Diagnostics diagnostics(Prepared p, Fitted f) {
        float[] y = p.test().y();
        double[] actual = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            actual[i] = y[i];
        }
        Loss loss = p.loss();
        String param = bandParameter(loss);
        if (param == null) {
            return new RunSummary.Diagnostics(actual, f.predicted(), Double.NaN, null, loss.name()
                    + " has no quadratic zone, so no band is drawn");
        }
        double band = ((Number) loss.config().get(param)).doubleValue();
        if (!(band > 0)) {
            return new RunSummary.Diagnostics(actual, f.predicted(), Double.NaN, null, loss.name() + " with "
                    + param + " = " + fmt(band) + " has no quadratic zone, so no band is drawn");
        }
        String symbol = param.equals("beta") ? "beta" : "delta";
        String how = loss.name().equals("pseudo_huber") ? "about quadratic inside, about linear beyond"
                : "quadratic inside, linear beyond";
        return new RunSummary.Diagnostics(actual, f.predicted(), band, "+/-" + symbol + " = " + fmt(band) + " ("
                + how + ")", null);
    }

    /**
     * The parameter that bounds the quadratic zone of a Huber-family loss (beyond it the loss grows linearly), or
     * null for a loss without one.
     */
    static String bandParameter(Loss loss) {
        switch (loss.name()) {
            case "huber_loss":
            case "asymmetric_huber":
            case "pseudo_huber":
                return "delta";
            case "smooth_l1_loss":
                return "beta";
            default:
                return null;
        }
    }

    /** Everything the outputs print, in one record. */
    RunSummary summarise(Prepared p, Fitted f, Map<String, Object> data, DataFile file, String date) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("loss", p.loss().name());
        config.put("loss_params", lossParams(p.loss()));
        config.put("optimizer", p.optimizer().config());
        config.put("epochs", o.epochs);
        config.put("batch_size", o.batchSize);
        config.put("validation_split", o.validationSplit);
        config.put("test_split", o.testSplit);
        config.put("split_seed", o.splitSeed);
        config.put("seed", o.seed);
        config.put("hidden", o.hidden);
        config.put("standardize", o.standardize);
        config.put("metrics", List.of("mae"));
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("all", fences(p.targetParts()[0]));
        targets.put("train", fences(p.targetParts()[1]));
        targets.put("test", fences(p.targetParts()[2]));
        List<String> outputs = outputs();
        RunSummary.Header header = new RunSummary.Header(Version.version(), date, commandLine, o.seed, o.splitSeed,
                Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")", file);
        return new RunSummary(header, command, data, config,
                Map.of("layers", layers(f.model()), "parameters", f.model().parameterCount()), p.plan(), f.seconds(),
                f.cpuSeconds(), f.history(), f.test(), targets, p.standardizer(), diagnostics(p, f), outputs);
    }

    /** Writes every output together (or none), then says where. */
    void write(RunSummary s, Sequential model, Standardizer st, Map<String, byte[]> images, String provenance)
            throws IOException {
        Path dir = o.out;
        OutputSet files = new OutputSet();
        for (Map.Entry<String, byte[]> e : images.entrySet()) {
            add(files, dir, e.getKey(), e.getValue());
        }
        if (o.saveModel) {
            Map<String, Object> training = new LinkedHashMap<>(s.config());
            if (st != null) {
                training.put("standardizer_mean", toList(st.mean()));
                training.put("standardizer_std", toList(st.std()));
            }
            add(files, dir, "model.safetensors", ModelIO.weights(model));
            add(files, dir, "model.json", ModelIO.architecture(model, training, "model.safetensors")
                    .getBytes(StandardCharsets.UTF_8));
        }
        add(files, dir, "summary.json", Json.PRETTY.writeValueAsBytes(s.toJson(true)));
        add(files, dir, "report.html", Report.html(s, images, provenance).getBytes(StandardCharsets.UTF_8));
        files.commit();
        if (output.json) {
            Map<String, Object> brief = new LinkedHashMap<>(s.toJson(false));
            brief.put("out", dir.toString());
            out.println(Json.MAPPER.writeValueAsString(brief));
        } else if (!output.quiet) {
            out.println("Wrote " + dir + "/{" + String.join(", ", s.outputs()) + "}");
        }
    }

    /**
     * Refuses a data set too small for the test split (Keras's: the first ⌊n·(1 − t)⌋ shuffled rows train) and the
     * validation split (the last n − ⌊n·(1 − v)⌋ of those) to leave a row in each part, saying how many it takes.
     */
    void checkEnoughRows(int n, Object file) {
        if (parts(n) != null) {
            return;
        }
        int need = -1;
        for (int m = 1; m <= 100_000_000; m++) {
            if (parts(m) != null) {
                need = m;
                break;
            }
        }
        int train = TrainTestSplit.trainSize(n, o.testSplit);
        int fit = TrainingPlan.trainSamples(train, o.validationSplit);
        throw new CliException((file == null ? "" : file + ": ") + n + " data row" + (n == 1 ? "" : "s")
                + (n == 1 ? " leaves " : " leave ") + fit + " for training, " + (train - fit) + " for validation and " + (n - train)
                + " for the test (--test-split " + o.testSplit + ", --validation-split " + o.validationSplit
                + "); each part needs a row" + (o.validationSplit > 0 ? "" : " (validation apart)")
                + (need > n ? ", which takes at least " + need + " rows" : need < 0 ? "" : "; try other splits"));
    }

    /** {training, validation, test} sizes of n rows, or null when one that is needed is empty. */
    private int[] parts(int n) {
        int train = TrainTestSplit.trainSize(n, o.testSplit);
        int fit = TrainingPlan.trainSamples(train, o.validationSplit);
        int[] p = {fit, train - fit, n - train};
        return p[0] > 0 && p[2] > 0 && (o.validationSplit == 0 || p[1] > 0) ? p : null;
    }

    private static List<Double> toList(double[] a) {
        List<Double> l = new ArrayList<>();
        for (double d : a) {
            l.add(d);
        }
        return l;
    }

    /** The loss's parameters as it was built (defaults included, reduction apart), numbers as numbers. */
    private static Map<String, Object> lossParams(Loss loss) {
        Map<String, Object> p = new LinkedHashMap<>();
        loss.config().forEach((k, v) -> {
            if (!k.equals("reduction")) {
                p.put(k, v instanceof Tensor ? NestedArrays.toNested((Tensor) v) : v);
            }
        });
        return p;
    }

    private static List<Map<String, Object>> layers(Sequential model) {
        List<Map<String, Object>> l = new ArrayList<>();
        for (Dense d : model.layers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("units", d.units());
            m.put("activation", d.activation().toString());
            m.put("kernel_initializer", d.kernelInitializer().toString());
            l.add(m);
        }
        return l;
    }

    /** The target values (as read, float64) of all samples, the training part and the test part. */
    static double[][] parts(double[] all, TrainTestSplit split) {
        return parts(all, split.permutation(), split.train().size());
    }

    /** The values of all samples, of the first {@code k} in the order {@code perm} (train) and of the rest (test). */
    static double[][] parts(double[] all, int[] perm, int k) {
        double[] train = new double[k];
        double[] test = new double[all.length - k];
        for (int i = 0; i < all.length; i++) {
            if (i < k) {
                train[i] = all[perm[i]];
            } else {
                test[i - k] = all[perm[i]];
            }
        }
        return new double[][] {all, train, test};
    }

    static Map<String, Object> fences(double[] v) {
        TukeyFences f = TukeyFences.of(v);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", f.n());
        m.put("min", f.min());
        m.put("q1", f.q1());
        m.put("median", f.median());
        m.put("q3", f.q3());
        m.put("max", f.max());
        m.put("iqr", f.iqr());
        m.put("lower_fence", f.lowerFence());
        m.put("upper_fence", f.upperFence());
        m.put("low_outliers", f.low());
        m.put("high_outliers", f.high());
        return m;
    }

    /** The plot title of a loss with the parameters it was built with: "Huber loss (delta = 3)". */
    static String lossTitle(Loss loss) {
        String name;
        switch (loss.name()) {
            case "huber_loss":
                name = "Huber loss";
                break;
            case "mse_loss":
                name = "Mean squared error";
                break;
            case "l1_loss":
                name = "Mean absolute error (L1)";
                break;
            case "smooth_l1_loss":
                name = "Smooth L1 loss";
                break;
            default:
                name = loss.name();
        }
        List<String> params = new ArrayList<>();
        lossParams(loss).forEach((k, v) -> params.add(k + " = " + (v instanceof Double ? fmt((Double) v) : v)));
        return params.isEmpty() ? name : name + " (" + String.join(", ", params) + ")";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** Adds {@code name} to the run's outputs (written only when every output is ready). */
    private static void add(OutputSet files, Path dir, String name, byte[] bytes) {
        assert OUTPUTS.contains(name) : name;
        files.add(dir.resolve(name), bytes);
    }

    /** The progress bar callback; a no-op off a terminal. */
    static final class Progress implements Callback, AutoCloseable {
        private final boolean enabled;
        private ProgressBar bar;
        private int epochs;

        private Progress(boolean enabled) {
            this.enabled = enabled;
        }

        static Progress create(boolean enabled) {
            return new Progress(enabled);
        }

        @Override
        public void onTrainBegin(TrainingPlan plan) {
            if (enabled) {
                epochs = plan.epochs();
                bar = new ProgressBarBuilder().setTaskName("Training").setInitialMax((long) plan.epochs())
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100).hideEta()
                        .build();
            }
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            if (bar != null) {
                bar.step();
                Double l = logs.get("loss");
                Double vl = logs.get("val_loss");
                bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f%s", l,
                        vl == null ? "" : String.format(Locale.ROOT, " val %.3f", vl)));
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    static int exitUsage() {
        return Main.EXIT_USAGE;
    }
}
