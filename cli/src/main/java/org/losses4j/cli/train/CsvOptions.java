package org.losses4j.cli.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/**
 * A CSV data set: the file, its target column and the columns not to use as features. An argument group: given
 * together, {@code --data} and {@code --target} both required ({@code train}, {@code outliers}, {@code delta
 * suggest}, {@code delta sweep}).
 */
public final class CsvOptions {
    /** The value of {@code --data}. */
    @Option(names = {"-d", "--data"}, required = true, paramLabel = "FILE.csv", order = 1,
            description = "A CSV file with a header row; every column but the target (and --drop) is a feature.")
    public Path file;

    /** The value of {@code --target}. */
    @Option(names = {"-t", "--target"}, required = true, paramLabel = "COLUMN", order = 2,
            description = "The target column of --data.")
    public String target;

    /** The value of {@code --drop}. */
    @Option(names = "--drop", split = ",", paramLabel = "COLUMN", order = 3,
            description = "Columns of --data not to use as features.")
    public List<String> drop = new ArrayList<>();
}
