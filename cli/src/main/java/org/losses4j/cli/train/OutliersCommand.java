package org.losses4j.cli.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.losses4j.cli.Errors.CliException;
import org.losses4j.cli.Json;
import org.losses4j.cli.OutputOptions;
import org.losses4j.cli.io.NumericCsv;
import org.losses4j.cli.io.OutputSet;
import org.losses4j.nn.data.BostonHousing;
import org.losses4j.nn.data.TrainTestSplit;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code losses4j outliers}: the tutorial's box-plot analysis of a data set's target. */
@Command(name = "outliers", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Quartiles (numpy's linear method), Tukey fences (1.5 IQR) and low/high outlier counts of "
                + "the target for all, train and test samples (Keras's split), plus the box plot. Boston housing "
                + "by default, or --data FILE.csv --target COLUMN.")
public final class OutliersCommand implements Callable<Integer> {
    @ArgGroup(exclusive = false, multiplicity = "0..1", order = 0)
    CsvOptions csv;

    @Mixin
    SplitOptions split;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", order = 40, defaultValue = "out/outliers",
            description = "Output folder for the box plot (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--force", order = 41, description = "Replace the box plot of an earlier run in --out.")
    boolean force;

    @Option(names = "--no-plots", order = 42, description = "Do not write the box plot.")
    boolean noPlots;

    /** The file this command writes into --out. */
    static final List<String> OUTPUTS = List.of("targets_boxplot.png");

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TrainingOptions.checkSeed("--split-seed", split.splitSeed);
        double testSplit = split.testSplit;
        long splitSeed = split.splitSeed;
        if (!noPlots) {
            OutputSet.checkFolder("--out", out);
            OutputSet.checkNotFolders("--out", out, OUTPUTS);
            // one run per folder; the plot of an earlier run (of this command or of train) only with --force
            OutputSet.claim("--out", out, OUTPUTS, force);
        }
        double[] y;
        String name;
        if (csv == null) {
            y = BostonHousing.medv();
            name = BostonHousing.TARGET;
        } else {
            Path file = csv.file;
            String target = csv.target;
            // only the target is analysed: other columns may hold text, and values stay in double
            NumericCsv t = NumericCsv.read(file, List.of(target), NumericCsv.Cells.FINITE);
            for (String d : csv.drop) {
                if (!t.header().contains(d)) {
                    throw new CliException(file + ": --drop: no column '" + d + "'; columns: "
                            + String.join(", ", t.header()));
                }
            }
            if (t.rows() == 0) {
                throw new CliException(file + ": no data rows");
            }
            y = t.column(target);
            name = target;
        }
        int k = TrainTestSplit.trainSize(y.length, testSplit);
        double[][] values = TrainingJob.parts(y, TrainTestSplit.permutation(y.length, splitSeed), k);
        String[] labels = {"all", "train", "test"};
        Map<String, Object> parts = new LinkedHashMap<>();
        List<Plots.Group> groups = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            if (values[i].length > 0) {
                parts.put(labels[i], TrainingJob.fences(values[i]));
                groups.add(new Plots.Group(labels[i], values[i]));
            }
        }
        List<String> written = new ArrayList<>();
        if (!noPlots) {
            byte[] png = Plots.boxes("Distribution of " + name + " (all, train, test)", name, groups);
            Path p = out.resolve("targets_boxplot.png");
            new OutputSet().add(p, png).commit();
            written.add(p.toString());
        }
        PrintWriter w = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("target", name);
            j.put("test_split", testSplit);
            j.put("split_seed", splitSeed);
            j.put("parts", parts);
            j.put("outputs", written);
            w.println(Json.MAPPER.writeValueAsString(j));
        } else if (!output.quiet) {
            w.printf(Locale.ROOT, "%-6s %5s %9s %9s %9s %9s %11s %11s %4s %4s%n", "part", "n", "min", "q1", "median",
                    "q3", "lower_fence", "upper_fence", "low", "high");
            for (Map.Entry<String, Object> e : parts.entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> f = (Map<String, Object>) e.getValue();
                w.printf(Locale.ROOT, "%-6s %5d %9s %9s %9s %9s %11s %11s %4d %4d%n", e.getKey(), f.get("n"),
                        num(f.get("min"), 3), num(f.get("q1"), 3), num(f.get("median"), 3), num(f.get("q3"), 3),
                        num(f.get("lower_fence"), 4), num(f.get("upper_fence"), 4), f.get("low_outliers"),
                        f.get("high_outliers"));
            }
            if (!written.isEmpty()) {
                w.println("Wrote " + String.join(", ", written));
            }
        }
        return 0;
    }

    /** Fixed decimals for the table, or four significant digits for values too large to read that way. */
    private static String num(Object v, int decimals) {
        double d = (Double) v;
        return Math.abs(d) < 1e9 ? String.format(Locale.ROOT, "%." + decimals + "f", d)
                : String.format(Locale.ROOT, "%.4g", d);
    }
}
