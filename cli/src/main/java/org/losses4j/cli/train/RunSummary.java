package org.losses4j.cli.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.losses4j.nn.History;
import org.losses4j.nn.TrainingPlan;
import org.losses4j.nn.data.Standardizer;

/**
 * What a training run did and found, in one place: summary.json, report.html and the lines on the terminal are all
 * printed from it, so they cannot disagree.
 *
 * @param header      how to reproduce the run
 * @param command     the subcommand ({@code boston}, {@code train})
 * @param data        the data set's description (name or file, samples, features, target)
 * @param config      the settings of the run
 * @param model       the layers and the parameter count
 * @param plan        the training plan (samples, batch size, steps per epoch)
 * @param seconds     wall-clock seconds of {@code fit}
 * @param cpuSeconds  CPU seconds of {@code fit} on its thread
 * @param history     the per-epoch history
 * @param test        the test loss and metrics, exactly as evaluated
 * @param targets     quartiles and Tukey fences of the target (all, train, test)
 * @param standardizer the feature standardizer, or null without {@code --standardize}
 * @param diagnostics the test set's predictions and residuals
 * @param outputs     the files written, in order
 */
record RunSummary(Header header, String command, Map<String, Object> data, Map<String, Object> config,
        Map<String, Object> model, TrainingPlan plan, double seconds, double cpuSeconds, History history,
        Map<String, Double> test, Map<String, Object> targets, Standardizer standardizer, Diagnostics diagnostics,
        List<String> outputs) {

    /**
     * How to reproduce a run.
     *
     * @param version     the losses4j version
     * @param date        when the run started, ISO-8601 in UTC
     * @param commandLine the command line as typed (shell-quoted where needed)
     * @param seed        the seed of the initialisation and of the shuffles
     * @param splitSeed   the seed of the train/test split
     * @param java        the Java runtime's version and vendor
     * @param dataFile    the data file read
     */
    record Header(String version, String date, String commandLine, long seed, long splitSeed, String java,
            DataFile dataFile) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("losses4j", version);
            m.put("date", date);
            m.put("command_line", commandLine);
            m.put("seed", seed);
            m.put("split_seed", splitSeed);
            m.put("java", java);
            m.put("data_file", dataFile.toJson());
            return m;
        }
    }

    /**
     * The test set's predictions against the actual targets, and the band of the training loss's quadratic zone.
     *
     * @param actual    the test targets (float32, as trained)
     * @param predicted the model's predictions on the test features
     * @param band      the half-width of the quadratic zone of the loss (Huber's δ), NaN for a loss without one
     * @param bandLabel the band's legend ("±delta = 1.5: quadratic inside, linear beyond"), or null
     * @param noBand    why there is no band, or null when there is one
     */
    record Diagnostics(double[] actual, double[] predicted, double band, String bandLabel, String noBand) {
        /** actual − predicted, per test sample. */
        double[] residuals() {
            double[] r = new double[actual.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = actual[i] - predicted[i];
            }
            return r;
        }

        /** How many residuals lie beyond ±band (0 without a band). */
        int beyondBand() {
            int k = 0;
            if (!Double.isNaN(band)) {
                for (double r : residuals()) {
                    k += Math.abs(r) > band ? 1 : 0;
                }
            }
            return k;
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("residual", "actual - predicted");
            m.put("band", Double.isNaN(band) ? null : band);
            if (Double.isNaN(band)) {
                m.put("no_band", noBand);
            } else {
                m.put("beyond_band", beyondBand());
            }
            m.put("actual", actual);
            m.put("predicted", predicted);
            return m;
        }
    }

    /** The training part of summary.json. */
    Map<String, Object> training() {
        Map<String, Object> tr = new LinkedHashMap<>();
        tr.put("seconds", seconds);
        tr.put("cpu_seconds", cpuSeconds);
        tr.put("epochs", history.epochs());
        tr.put("steps_per_epoch", plan.stepsPerEpoch());
        tr.put("train_samples", plan.trainSamples());
        tr.put("validation_samples", plan.validationSamples());
        return tr;
    }

    /** The last epoch's loss and metrics. */
    Map<String, Double> finalEpoch() {
        Map<String, Double> fin = new LinkedHashMap<>();
        for (String k : history.keys()) {
            fin.put(k, history.last(k));
        }
        return fin;
    }

    /** summary.json; {@code full} false leaves out the per-epoch history and the per-sample diagnostics. */
    Map<String, Object> toJson(boolean full) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("run", header.toJson());
        s.put("command", command);
        s.put("data", data);
        s.put("config", config);
        s.put("model", model);
        s.put("training", training());
        s.put("final_epoch", finalEpoch());
        s.put("test", test);
        s.put("targets", targets);
        if (standardizer != null) {
            s.put("standardizer", Map.of("mean", standardizer.mean(), "std", standardizer.std()));
        }
        if (full) {
            s.put("diagnostics", diagnostics.toJson());
            s.put("history", history.asMap());
        }
        s.put("outputs", outputs);
        return s;
    }

    /** The lines printed on the terminal after training; the test line is exact (every digit of the double). */
    List<String> terminal(int epochsAsked) {
        List<String> l = new ArrayList<>();
        StringBuilder last = new StringBuilder("Epoch " + history.epochs() + "/" + epochsAsked);
        for (String k : history.keys()) {
            last.append(String.format(Locale.ROOT, " - %s: %.4f", k, history.last(k)));
        }
        l.add(last.toString());
        l.add(String.format(Locale.ROOT, "Training: %d epochs x %d steps in %.3f s (%.3f s CPU)", history.epochs(),
                plan.stepsPerEpoch(), seconds, cpuSeconds));
        l.add(testLine());
        return l;
    }

    /** {@code Test results - Loss: … - MAE: …}, as the tutorial prints it, every digit kept. */
    String testLine() {
        return "Test results - Loss: " + test.get("loss") + " - MAE: " + test.get("mae");
    }
}
