package org.losses4j.cli.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.losses4j.cli.Errors.CliException;
import org.losses4j.cli.Json;
import org.losses4j.cli.Main;
import org.losses4j.cli.OutputOptions;
import org.losses4j.cli.io.OutputSet;
import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.LossInfo;
import org.losses4j.loss.Loss;
import org.losses4j.loss.LossRegistry;
import org.losses4j.nn.Activation;
import org.losses4j.nn.Callback;
import org.losses4j.nn.Dense;
import org.losses4j.nn.FitOptions;
import org.losses4j.nn.History;
import org.losses4j.nn.Initializer;
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

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One training run, as the tutorial: split, (optionally) standardise, build the MLP, fit, evaluate on the test
 * part, then write the plots, the summary JSON, the HTML report and (optionally) the model into the output folder.
 * Every setting and the output folder are checked before any data is read; the outputs are collected in one
 * {@link OutputSet} and written together at the end, so a run that fails (bad settings, training stopped on a NaN
 * loss, a file that cannot be written) leaves every earlier output as it was.
 */
final class TrainingJob {
    private final String command;
    private final TrainingOptions o;
    private final OutputOptions output;
    private final PrintWriter out;
    private final PrintWriter err;

    TrainingJob(String command, TrainingOptions options, OutputOptions output, PrintWriter out, PrintWriter err) {
        this.command = command;
        this.o = options;
        this.output = output;
        this.out = out;
        this.err = err;
    }

    /** The loss by name with --delta / --param, refusing what is not an element-wise regression loss. */
    Loss loss() {
        LossRegistry reg = LossRegistry.standard();
        LossInfo info = reg.info(o.loss);
        Map<String, Object> p = new LinkedHashMap<>();
        if (o.delta != null) {
            p.put("delta", o.delta);
        } else if (info.name().equals("huber_loss")) {
            p.put("delta", 1.5);
        }
        for (String kv : o.params) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--param expects NAME=VALUE, got '" + kv + "'");
            }
            String v = kv.substring(eq + 1).trim();
            Object val;
            try {
                val = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                val = v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? Boolean.parseBoolean(v) : v;
            }
            p.put(kv.substring(0, eq).trim(), val);
        }
        Loss l = reg.create(info.name(), p, null);
        if (!(l instanceof ElementwiseLoss)) {
            List<String> ok = new ArrayList<>();
            for (LossInfo i : reg.list()) {
                try {
                    if (reg.create(i.name()) instanceof ElementwiseLoss) {
                        ok.add(i.name());
                    }
                } catch (IllegalArgumentException e) {
                    // needs parameters: not offered
                }
            }
            throw new IllegalArgumentException("loss '" + info.name() + "' is not an element-wise regression loss; "
                    + "training takes " + String.join(", ", ok));
        }
        return l;
    }

    Optimizer optimizer() {
        return Optimizers.create(o.optimizer, o.learningRate, o.momentum, o.nesterov);
    }

    FitOptions fitOptions() {
        return new FitOptions(o.epochs, o.batchSize, o.validationSplit, true, o.seed);
    }

    /** The files a run may write into the output folder. */
    private static final List<String> OUTPUTS = List.of("targets_boxplot.png", "loss.png", "mae.png",
            "model.safetensors", "model.json", "summary.json", "report.html");

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
        fitOptions();
        loss();
        optimizer();
        if (!(o.testSplit >= 0 && o.testSplit < 1)) {
            throw new IllegalArgumentException("test split must be in [0, 1), got " + o.testSplit);
        }
        for (int h : o.hidden) {
            if (h <= 0) {
                throw new IllegalArgumentException("hidden layer sizes must be > 0, got " + h);
            }
        }
        OutputSet.checkFolder("--out", o.out);
        OutputSet.checkNotFolders("--out", o.out, outputs());
    }

    private boolean talk() {
        return !output.quiet && !output.json;
    }

    /**
     * Runs the job on {@code all} (features and one target), described by {@code data} for the summary.
     *
     * @return the exit status
     */
    int run(Dataset all, double[] target64, Map<String, Object> data, String provenanceHtml) throws IOException {
        validate();
        Path dir = o.out;
        TrainTestSplit split = TrainTestSplit.keras(all, o.testSplit, o.splitSeed);
        Dataset train = split.train();
        Dataset test = split.test();
        if (test.size() == 0) {
            throw new IllegalArgumentException("test split " + o.testSplit + " leaves no test sample");
        }
        if (o.validationSplit > 0) {
            // as Sequential.fit will check it, but before any work
            int n = train.size();
            int nFit = (int) Math.floor(n * (1.0 - o.validationSplit));
            if (nFit == 0 || nFit == n) {
                throw new IllegalArgumentException("--validation-split " + o.validationSplit + " of the " + n
                        + " training samples leaves " + nFit + " for training and " + (n - nFit)
                        + " for validation; both need at least one");
            }
        }
        if (talk()) {
            out.printf(Locale.ROOT, "Feature shape: (%d,)%n", all.features());
            out.printf(Locale.ROOT, "x_train (%d, %d), x_test (%d, %d)%n", train.size(), train.features(),
                    test.size(), test.features());
        }
        OutputSet files = new OutputSet();
        Map<String, byte[]> images = new LinkedHashMap<>();
        List<String> written = new ArrayList<>();
        double[][] parts = parts(target64, split);
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("all", fences(parts[0]));
        targets.put("train", fences(parts[1]));
        targets.put("test", fences(parts[2]));
        String target = all.targetNames().get(0);
        if (!o.noPlots) {
            byte[] png = Plots.boxes("Distribution of " + target + " (all, train, test)", target,
                    List.of(new Plots.Group("all", parts[0]), new Plots.Group("train", parts[1]),
                            new Plots.Group("test", parts[2])));
            images.put("targets_boxplot.png", png);
            add(files, dir, "targets_boxplot.png", png, written);
        }
        Standardizer st = null;
        if (o.standardize) {
            st = Standardizer.fit(train);
            train = st.transform(train);
            test = st.transform(test);
        }
        Loss loss = loss();
        Optimizer opt = optimizer();
        Sequential model = new Sequential(all.features(), o.seed);
        for (int h : o.hidden) {
            model.add(new Dense(h, Activation.RELU, Initializer.HE_UNIFORM));
        }
        model.add(new Dense(1, Activation.LINEAR));
        model.compile(loss, opt, "mae");
        FitOptions fit = fitOptions();

        History history;
        long t0;
        long t1;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        try (Progress progress = Progress.create(talk() && System.console() != null)) {
            t0 = System.nanoTime();
            try {
                history = model.fit(train, fit, progress);
            } catch (TrainingStoppedException e) {
                throw new CliException("training stopped: " + e.getMessage() + "; no output written");
            }
            t1 = System.nanoTime();
        }
        double seconds = (t1 - t0) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        Map<String, Double> testResults = model.evaluate(test, 32);
        int steps = (int) Math.ceil(Math.floor(train.size() * (1 - o.validationSplit)) / (double) Math.min(
                o.batchSize, (int) Math.floor(train.size() * (1 - o.validationSplit))));
        if (talk()) {
            StringBuilder last = new StringBuilder("Epoch " + history.epochs() + "/" + o.epochs);
            for (String k : history.keys()) {
                last.append(String.format(Locale.ROOT, " - %s: %.4f", k, history.last(k)));
            }
            out.println(last);
            out.printf(Locale.ROOT, "Training: %d epochs x %d steps in %.3f s (%.3f s CPU)%n", history.epochs(), steps,
                    seconds, cpuSeconds);
            out.println("Test results - Loss: " + testResults.get("loss") + " - MAE: " + testResults.get("mae"));
        }
        if (!o.noPlots) {
            addCurves(files, dir, history, loss, images, written);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("loss", loss.name());
        config.put("loss_params", lossParams());
        config.put("optimizer", opt.config());
        config.put("epochs", o.epochs);
        config.put("batch_size", o.batchSize);
        config.put("validation_split", o.validationSplit);
        config.put("test_split", o.testSplit);
        config.put("split_seed", o.splitSeed);
        config.put("seed", o.seed);
        config.put("hidden", o.hidden);
        config.put("standardize", o.standardize);
        config.put("metrics", List.of("mae"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", command);
        summary.put("data", data);
        summary.put("config", config);
        summary.put("model", Map.of("layers", layers(model), "parameters", model.parameterCount()));
        Map<String, Object> tr = new LinkedHashMap<>();
        tr.put("seconds", seconds);
        tr.put("cpu_seconds", cpuSeconds);
        tr.put("epochs", history.epochs());
        tr.put("steps_per_epoch", steps);
        tr.put("train_samples", (int) Math.floor(train.size() * (1 - o.validationSplit)));
        tr.put("validation_samples", train.size() - (int) Math.floor(train.size() * (1 - o.validationSplit)));
        summary.put("training", tr);
        Map<String, Double> fin = new LinkedHashMap<>();
        for (String k : history.keys()) {
            fin.put(k, history.last(k));
        }
        summary.put("final_epoch", fin);
        summary.put("test", testResults);
        summary.put("targets", targets);
        if (st != null) {
            summary.put("standardizer", Map.of("mean", st.mean(), "std", st.std()));
        }
        summary.put("history", history.asMap());
        if (o.saveModel) {
            Map<String, Object> training = new LinkedHashMap<>(config);
            if (st != null) {
                training.put("standardizer_mean", toList(st.mean()));
                training.put("standardizer_std", toList(st.std()));
            }
            add(files, dir, "model.safetensors", ModelIO.weights(model), written);
            add(files, dir, "model.json", ModelIO.architecture(model, training, "model.safetensors")
                    .getBytes(StandardCharsets.UTF_8), written);
        }
        List<String> outputs = new ArrayList<>(written);
        outputs.add("summary.json");
        outputs.add("report.html");
        summary.put("outputs", outputs);
        add(files, dir, "summary.json", Json.PRETTY.writeValueAsBytes(summary), written);
        add(files, dir, "report.html", Report.html(command, summary, images, provenanceHtml)
                .getBytes(StandardCharsets.UTF_8), written);
        files.commit();
        if (output.json) {
            Map<String, Object> brief = new LinkedHashMap<>(summary);
            brief.remove("history");
            brief.put("out", dir.toString());
            out.println(Json.MAPPER.writeValueAsString(brief));
        } else if (!output.quiet) {
            out.println("Wrote " + dir + "/{" + String.join(", ", written) + "}");
        }
        return 0;
    }

    private static List<Double> toList(double[] a) {
        List<Double> l = new ArrayList<>();
        for (double d : a) {
            l.add(d);
        }
        return l;
    }

    private Map<String, Object> lossParams() {
        Map<String, Object> p = new LinkedHashMap<>();
        if (o.delta != null) {
            p.put("delta", o.delta);
        } else if (o.loss.equals("huber_loss")) {
            p.put("delta", 1.5);
        }
        for (String kv : o.params) {
            int eq = kv.indexOf('=');
            p.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
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
        int[] perm = split.permutation();
        int k = split.train().size();
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

    private void addCurves(OutputSet files, Path dir, History h, Loss loss, Map<String, byte[]> images,
            List<String> written) throws IOException {
        String lossTitle = lossTitle(loss);
        images.put("loss.png", Plots.curves(lossTitle + ": training and validation loss", lossTitle,
                h.get("loss"), h.has("val_loss") ? h.get("val_loss") : null));
        images.put("mae.png", Plots.curves("Mean absolute error: training and validation",
                "Mean absolute error", h.get("mae"), h.has("val_mae") ? h.get("val_mae") : null));
        add(files, dir, "loss.png", images.get("loss.png"), written);
        add(files, dir, "mae.png", images.get("mae.png"), written);
    }

    private String lossTitle(Loss loss) {
        switch (loss.name()) {
            case "huber_loss":
                return "Huber loss (delta = " + fmt(o.delta == null ? 1.5 : o.delta) + ")";
            case "mse_loss":
                return "Mean squared error";
            case "l1_loss":
                return "Mean absolute error (L1)";
            case "smooth_l1_loss":
                return "Smooth L1 loss";
            default:
                return loss.name();
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** Adds {@code name} to the run's outputs (written only when every output is ready). */
    private static void add(OutputSet files, Path dir, String name, byte[] bytes, List<String> written) {
        assert OUTPUTS.contains(name) : name;
        files.add(dir.resolve(name), bytes);
        written.add(name);
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
