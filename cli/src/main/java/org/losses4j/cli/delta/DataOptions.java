package org.losses4j.cli.delta;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.losses4j.cli.Errors.CliException;
import org.losses4j.cli.io.NumericCsv;
import org.losses4j.cli.train.CsvOptions;
import org.losses4j.cli.train.SplitOptions;
import org.losses4j.cli.train.TrainingOptions;
import org.losses4j.nn.data.BostonHousing;
import org.losses4j.nn.data.Dataset;
import org.losses4j.nn.data.TrainTestSplit;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where the data of {@code delta suggest} and {@code delta sweep} comes from, an exclusive argument group: the
 * bundled Boston housing data ({@code --boston}, the default), or a CSV file ({@code --data FILE --target COLUMN
 * [--drop ...]}). Either way only the training part of the split that {@code train} makes with the same
 * {@code --test-split} and {@code --split-seed} is used: the test rows never take part in choosing δ.
 */
public final class DataOptions {
    @Option(names = "--boston", order = 0, description = "Use the bundled Boston housing data (the default without "
            + "--data).")
    boolean boston;

    @ArgGroup(exclusive = false, multiplicity = "1")
    CsvOptions csv;

    /** The data in double precision as read (Boston: as in the bundled file), for statistics; training uses float32. */
    record Exact(double[][] x, double[] y, List<String> featureNames, String targetName) {
        int size() {
            return y.length;
        }
    }

    /** A short description for reports: which data, which part of it. */
    static String describe(DataOptions d, SplitOptions s) {
        boolean keras = s.testSplit == SplitOptions.DEFAULT_TEST_SPLIT
                && s.splitSeed == SplitOptions.DEFAULT_SPLIT_SEED;
        String part = s.testSplit == 0 ? "all rows"
                : keras && isBoston(d) ? "Keras training split"
                : String.format(Locale.ROOT, "training part, test split %s, split seed %d", s.testSplit, s.splitSeed);
        return isBoston(d) ? "boston (" + part + ")" : d.csv.file + " (target " + d.csv.target + ", " + part + ")";
    }

    private static boolean isBoston(DataOptions d) {
        return d == null || d.csv == null;
    }

    /** The training part, in float32 for training. */
    static Dataset load(DataOptions d, SplitOptions s) {
        Exact e = loadExact(d, s);
        return Dataset.of(e.x(), e.y(), e.featureNames(), e.targetName());
    }

    /**
     * The training part in double precision: the CSV's values as parsed, or Boston's exact values ({@link
     * BostonHousing#featureValues()}, {@link BostonHousing#medv()}), in the order of the split's permutation, as
     * {@code train} takes them ({@code --test-split 0}: every row).
     */
    static Exact loadExact(DataOptions d, SplitOptions s) {
        TrainingOptions.checkSeed("--split-seed", s.splitSeed);
        if (!(s.testSplit >= 0 && s.testSplit < 1)) {
            throw new IllegalArgumentException("--test-split must be in [0, 1) (0: every row), got " + s.testSplit);
        }
        Exact all = isBoston(d) ? new Exact(BostonHousing.featureValues(), BostonHousing.medv(),
                BostonHousing.all().featureNames(), BostonHousing.TARGET) : readCsv(d.csv);
        int n = all.size();
        int k = TrainTestSplit.trainSize(n, s.testSplit);
        int[] perm = TrainTestSplit.permutation(n, s.splitSeed);
        if (k < 2) {
            throw new IllegalArgumentException(describe(d, s) + ": needs at least 2 training rows, got " + k);
        }
        double[][] x = new double[k][];
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            x[i] = all.x()[perm[i]];
            y[i] = all.y()[perm[i]];
        }
        return new Exact(x, y, all.featureNames(), all.targetName());
    }

    private static Exact readCsv(CsvOptions c) {
        Path file = c.file;
        NumericCsv header = NumericCsv.read(file, List.of());
        List<String> columns = header.header();
        if (!columns.contains(c.target)) {
            throw new CliException(file + ": no target column '" + c.target + "'; columns: "
                    + String.join(", ", columns));
        }
        List<String> features = new ArrayList<>();
        for (String d : c.drop) {
            if (!columns.contains(d)) {
                throw new CliException(file + ": --drop: no column '" + d + "'; columns: "
                        + String.join(", ", columns));
            }
        }
        for (String h : columns) {
            if (!h.equals(c.target) && !c.drop.contains(h)) {
                features.add(h);
            }
        }
        List<String> wanted = new ArrayList<>(features);
        wanted.add(c.target);
        NumericCsv csv = NumericCsv.read(file, wanted, NumericCsv.Cells.FINITE);
        double[] y = csv.column(c.target);
        double[][] x = new double[csv.rows()][features.size()];
        for (int j = 0; j < features.size(); j++) {
            double[] col = csv.column(features.get(j));
            for (int i = 0; i < col.length; i++) {
                x[i][j] = col[i];
            }
        }
        return new Exact(x, y, features, c.target);
    }
}
