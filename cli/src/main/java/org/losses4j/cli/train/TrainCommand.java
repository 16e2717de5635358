package org.losses4j.cli.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;

import org.losses4j.cli.Errors.CliException;
import org.losses4j.cli.OutputOptions;
import org.losses4j.cli.io.NumericCsv;
import org.losses4j.cli.io.ReadProgress;
import org.losses4j.nn.data.Dataset;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code losses4j train}: the boston job on any numeric CSV with a chosen target column. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train an MLP on a numeric CSV (header row; every other column is a feature) with any "
                + "element-wise regression loss, and write curves, box plots, summary.json and report.html.")
public final class TrainCommand implements Callable<Integer> {
    @ArgGroup(exclusive = false, multiplicity = "1", order = 0)
    CsvOptions csv;

    @Mixin
    TrainingOptions training;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (training.out == null) {
            training.out = Path.of("out", "train");
        }
        TrainingJob job = new TrainingJob(spec, training, output);
        job.validate();
        Path file = csv.file;
        String target = csv.target;
        Table table;
        try (ReadProgress progress = ReadProgress.of(file, !output.quiet && !output.json)) {
            table = read(file, target, csv.drop, progress);
        }
        Dataset all = table.data();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("file", file.toString());
        data.put("samples", all.size());
        data.put("features", all.featureNames());
        data.put("target", target);
        return job.run(all, table.target(), data, DataFile.of(file), null);
    }

    /** The data set (float32) and the target column as read (float64, for the quartiles). */
    record Table(Dataset data, double[] target) {
    }

    /** Reads the CSV header, then every column but the dropped ones as numbers; the target last. */
    static Table read(Path file, String target, List<String> drop) {
        return read(file, target, drop, null);
    }

    /**
     * As {@link #read(Path, String, List)}, with the bytes read told to {@code progress}. The columns are read in
     * float32 and put row by row into the data set's array, which the data set takes over: the peak is about twice
     * the data (columns and rows) while that array is filled, and once the data afterwards.
     */
    static Table read(Path file, String target, List<String> drop, LongConsumer progress) {
        NumericCsv header = NumericCsv.read(file, List.of());
        if (!header.header().contains(target)) {
            throw new CliException(file + ": no target column '" + target + "'; columns: "
                    + String.join(", ", header.header()));
        }
        for (String d : drop) {
            if (!header.header().contains(d)) {
                throw new CliException(file + ": --drop: no column '" + d + "'; columns: "
                        + String.join(", ", header.header()));
            }
        }
        List<String> features = new ArrayList<>();
        for (String h : header.header()) {
            if (!h.equals(target) && !drop.contains(h)) {
                features.add(h);
            }
        }
        if (features.isEmpty()) {
            throw new CliException(file + ": no feature column besides the target '" + target + "'");
        }
        List<String> wanted = new ArrayList<>(features);
        wanted.add(target);
        NumericCsv t = NumericCsv.read(file, wanted, NumericCsv.Cells.FINITE_FLOAT32, progress);
        int n = t.rows();
        if (n == 0) {
            throw new CliException(file + ": no data rows");
        }
        int f = features.size();
        float[] x = new float[Math.multiplyExact(n, f)];
        for (int j = 0; j < f; j++) {
            float[] c = t.floatColumn(features.get(j));
            for (int i = 0, k = j; i < n; i++, k += f) {
                x[k] = c[i];
            }
        }
        float[] y = t.floatColumn(target);
        double[] target64 = t.column(target);
        try {
            return new Table(Dataset.wrap(x, y, features, List.of(target)), target64);
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage());
        }
    }
}
