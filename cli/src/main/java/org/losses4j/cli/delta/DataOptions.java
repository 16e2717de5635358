package org.losses4j.cli.delta;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.losses4j.cli.io.NumericCsv;
import org.losses4j.nn.data.BostonHousing;
import org.losses4j.nn.data.Dataset;
import org.losses4j.nn.data.TrainTestSplit;

import picocli.CommandLine.Option;

/** Where the data comes from: a CSV file with a target column, or the bundled Boston housing data (default). */
public final class DataOptions {
    @Option(names = "--data", paramLabel = "FILE.csv",
            description = "A CSV file with a header; every column but the target is a feature.")
    Path data;

    @Option(names = "--target", paramLabel = "COL", description = "The target column of --data.")
    String target;

    @Option(names = "--boston", description = "Use the bundled Boston housing data (the default without --data): "
            + "the 404 training samples of Keras's split (seed 113).")
    boolean boston;

    /** A short description for reports. */
    String describe() {
        return data == null ? "boston (Keras training split)" : data + " (target " + target + ")";
    }

    /** The data in double precision as read (Boston: as in the bundled file), for statistics; training uses float32. */
    record Exact(double[][] x, double[] y, List<String> featureNames) {
        int size() {
            return y.length;
        }
    }

    /** The data set, in float32 for training. */
    Dataset load() {
        if (source() == null) {
            return BostonHousing.load().train();
        }
        Exact e = readCsv();
        return Dataset.of(e.x(), e.y(), e.featureNames(), target);
    }

    /**
     * The same rows in double precision: the CSV's values as parsed, or Boston's exact values ({@link
     * BostonHousing#featureValues()}, {@link BostonHousing#medv()}) in the order of Keras's training split.
     */
    Exact loadExact() {
        if (source() == null) {
            TrainTestSplit split = BostonHousing.load();
            double[][] features = BostonHousing.featureValues();
            double[] medv = BostonHousing.medv();
            int n = split.train().size();
            double[][] x = new double[n][];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = features[split.permutation()[i]];
                y[i] = medv[split.permutation()[i]];
            }
            return new Exact(x, y, split.train().featureNames());
        }
        return readCsv();
    }

    /** Checks the options; the CSV file, or null for Boston. */
    private Path source() {
        if (data != null && boston) {
            throw new IllegalArgumentException("--data and --boston exclude each other");
        }
        if (data == null) {
            if (target != null) {
                throw new IllegalArgumentException("--target needs --data");
            }
            return null;
        }
        if (target == null) {
            throw new IllegalArgumentException("--data needs --target COL");
        }
        return data;
    }

    private Exact readCsv() {
        NumericCsv csv = NumericCsv.read(data, null, NumericCsv.Cells.FINITE);
        double[] y = csv.column(target);
        List<String> features = new ArrayList<>();
        for (String n : csv.names()) {
            if (!n.equals(target)) {
                features.add(n);
            }
        }
        if (csv.rows() < 2) {
            throw new IllegalArgumentException(data + ": needs at least 2 rows, got " + csv.rows());
        }
        double[][] x = new double[csv.rows()][features.size()];
        for (int j = 0; j < features.size(); j++) {
            double[] c = csv.column(features.get(j));
            for (int i = 0; i < c.length; i++) {
                x[i][j] = c[i];
            }
        }
        return new Exact(x, y, features);
    }
}
