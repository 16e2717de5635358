package org.losses4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.CliRun;

/** Data sets too small for the splits, and models too large to build, are refused before anything is written. */
class SmallDataTest {
    @TempDir
    Path tmp;

    private static void assertOneLine(CliRun r, String message) {
        assertThat(r.exitCode).as(r.toString()).isNotZero();
        assertThat(r.out).as(r.toString()).isEmpty();
        assertThat(r.err.strip()).as(r.toString()).isEqualTo(message);
    }

    @Test
    void tooFewRowsForTheSplitsSayHowManyAreNeeded() throws IOException {
        Path one = tmp.resolve("one.csv");
        Files.writeString(one, "a,price\n1,2\n");
        Path out = tmp.resolve("out");
        assertOneLine(CliRun.run("train", "--data", one.toString(), "--target", "price", "--epochs", "1", "--out",
                out.toString()), "losses4j train: " + one + ": 1 data row leaves 0 for training, 0 for validation "
                + "and 1 for the test (--test-split 0.2, --validation-split 0.2); each part needs a row, which takes "
                + "at least 3 rows");
        assertThat(out).doesNotExist();
        Path two = tmp.resolve("two.csv");
        Files.writeString(two, "a,price\n1,2\n3,4\n");
        assertOneLine(CliRun.run("train", "--data", two.toString(), "--target", "price", "--epochs", "1",
                "--test-split", "0.5", "--out", out.toString()), "losses4j train: " + two + ": 2 data rows leave 0 "
                + "for training, 1 for validation and 1 for the test (--test-split 0.5, --validation-split 0.2); "
                + "each part needs a row, which takes at least 4 rows");
        CliRun ok = CliRun.run("train", "--data", two.toString(), "--target", "price", "--epochs", "1",
                "--validation-split", "0", "--no-plots", "--quiet", "--out", out.toString());
        assertThat(ok.exitCode).as(ok.toString()).isZero();
        assertOneLine(CliRun.run("train", "--data", two.toString(), "--target", "price", "--test-split", "0",
                "--out", out.toString()), "losses4j train: test split must be in (0, 1) (the test part needs "
                + "samples), got 0.0");
    }

    @Test
    void aModelBeyondTheParameterLimitIsRefusedWithItsSize() {
        Path out = tmp.resolve("big");
        assertOneLine(CliRun.run("boston", "--epochs", "1", "--no-plots", "--hidden", "100000,100000", "--out",
                out.toString()), "losses4j boston: --hidden 100000,100000: the model 13 -> 100000 -> 100000 -> 1 "
                + "would have 10,001,600,001 parameters; the limit is 10,000,000");
        assertThat(out).doesNotExist();
        CliRun sweep = CliRun.run("delta", "sweep", "--hidden", "100000,100000", "--folds", "2", "--epochs", "1",
                "--no-plots");
        assertThat(sweep.exitCode).isNotZero();
        assertThat(sweep.err).startsWith("losses4j delta sweep: --hidden 100000,100000: the model 13 -> 100000 -> "
                + "100000 -> 1 would have 10,001,600,001 parameters");
        TrainingOptions.checkModelSize(13, java.util.List.of(2000, 2000), "--hidden"); // 4 million: allowed
    }
}
