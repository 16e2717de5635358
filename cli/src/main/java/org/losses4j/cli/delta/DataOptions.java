package org.losses4j.cli.delta;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.losses4j.cli.io.NumericCsv;
import org.losses4j.nn.data.BostonHousing;
import org.losses4j.nn.data.Dataset;

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

    /** The data set. */
    Dataset load() {
        if (data != null && boston) {
            throw new IllegalArgumentException("--data and --boston exclude each other");
        }
        if (data == null) {
            if (target != null) {
                throw new IllegalArgumentException("--target needs --data");
            }
            return BostonHousing.load().train();
        }
        if (target == null) {
            throw new IllegalArgumentException("--data needs --target COL");
        }
        NumericCsv csv = NumericCsv.read(data, null, NumericCsv.Cells.FINITE_FLOAT32);
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
        return Dataset.of(x, y, features, target);
    }
}
