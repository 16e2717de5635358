package org.losses4j.cli.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.losses4j.cli.CliRun;
import org.losses4j.cli.Json;

import com.fasterxml.jackson.databind.JsonNode;

class DeltaCommandsTest {
    @TempDir
    Path tmp;

    private static JsonNode json(CliRun r) throws Exception {
        assertThat(r.exitCode).as(r.toString()).isZero();
        return Json.MAPPER.readTree(r.out);
    }

    private static void oneLineError(CliRun r, String... mentions) {
        assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
        assertThat(r.err.strip().lines().count()).as(r.toString()).isEqualTo(1);
        assertThat(r.err).contains(mentions);
    }

    // ---------------------------------------------------------------------------------------------- suggest

    /**
     * Boston against numpy (fixtures/least_squares.json, {@code /usr/bin/python3 tools/delta/least_squares.py}): the
     * rules on the exact targets (not their float32 copy: the 0.9-quantile of |y| is 34.67, not 34.670000076293945)
     * and on the residuals of an ordinary least-squares fit (lstsq), as printed.
     */
    @Test
    void suggestOnBostonByDefaultAgreesWithNumpy() throws Exception {
        JsonNode j = json(CliRun.run("delta", "suggest", "--json"));
        assertThat(j.get("samples").asInt()).isEqualTo(404);
        JsonNode ref;
        try (InputStream in = DeltaCommandsTest.class.getResourceAsStream("/fixtures/least_squares.json")) {
            ref = Json.MAPPER.readTree(in).get("boston").get("suggest");
        }
        JsonNode rows = j.get("suggestions");
        assertThat(rows).hasSize(3);
        String[] rules = {"mad", "iqr", "quantile"};
        for (int r = 0; r < 3; r++) {
            assertThat(rows.get(r).get("rule").asText()).isEqualTo(rules[r]);
            for (String col : new String[] {"targets", "median_residuals", "least_squares_residuals"}) {
                double want = ref.get(col).get(rules[r]).asDouble();
                assertThat(rows.get(r).get(col).asDouble()).as("%s %s", rules[r], col)
                        .isCloseTo(want, within(1e-12 * Math.abs(want)));
            }
        }
        assertThat(rows.get(2).get("targets").asDouble()).isEqualTo(34.67);
        CliRun text = CliRun.run("delta", "suggest", "--boston");
        assertThat(text.exitCode).isZero();
        assertThat(text.out).contains("mad", "iqr", "quantile a=0.9", "least-squares residuals", "4.8302", "4.7883",
                "6.8538", "34.6700");
    }

    @Test
    void suggestOnACsvFile() throws Exception {
        // y = 2x + 1 exactly, except one outlier: least-squares residuals are small but the outlier bends the fit;
        // the median residuals are those of y about its median
        StringBuilder b = new StringBuilder("x,y\n");
        for (int i = 0; i < 9; i++) {
            b.append(i).append(',').append(2 * i + 1).append('\n');
        }
        Path csv = tmp.resolve("d.csv");
        Files.writeString(csv, b.toString());
        JsonNode j = json(CliRun.run("delta", "suggest", "--data", csv.toString(), "--target", "y", "--json",
                "--rules", "mad,quantile", "--alpha", "0.5", "--test-split", "0"));
        JsonNode rows = j.get("suggestions");
        assertThat(rows).hasSize(2);
        // y = 1 3 5 ... 17: median 9, |y - 9| = 8 6 4 2 0 2 4 6 8 -> MAD 4
        assertThat(rows.get(0).get("median_residuals").asDouble()).isCloseTo(1.345 * 1.4826 * 4, within(1e-9));
        // |y| median = 9
        assertThat(rows.get(1).get("targets").asDouble()).isEqualTo(9.0);
        assertThat(rows.get(1).get("least_squares_residuals").asDouble()).isLessThan(1e-6);
    }

    /** A CSV is read in double: values that float32 cannot hold come out as written. */
    @Test
    void suggestUsesTheCsvValuesNotTheirFloat32Copies() throws Exception {
        Path csv = tmp.resolve("dec.csv");
        Files.writeString(csv, "x,y\n1,0.1\n2,12.34\n3,34.67\n4,50.01\n5,71.3\n");
        JsonNode j = json(CliRun.run("delta", "suggest", "--data", csv.toString(), "--target", "y", "--json",
                "--rules", "quantile", "--alpha", "0.5", "--test-split", "0"));
        assertThat(j.get("suggestions").get(0).get("targets").asDouble()).isEqualTo(34.67);
        assertThat(j.get("suggestions").get(0).get("median_residuals").asDouble()).isEqualTo(34.67 - 12.34);
    }

    @Test
    void suggestErrors() {
        oneLineError(CliRun.run("delta", "suggest", "--rules", "sd"),
                "rule must be one of mad, iqr, quantile, got 'sd'");
        oneLineError(CliRun.run("delta", "suggest", "--alpha", "1.5"), "--alpha", "1.5");
        CliRun r = CliRun.run("delta", "suggest", "--data", tmp.resolve("x.csv").toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
        assertThat(r.err).contains("Missing required argument(s): --target=COLUMN");
        r = CliRun.run("delta", "suggest", "--target", "y");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
        assertThat(r.err).startsWith("losses4j delta suggest: Missing required argument(s): --data=FILE.csv\n");
    }

    @Test
    void suggestRefusesARankDeficientDesign() throws Exception {
        Path csv = tmp.resolve("dup.csv");
        Files.writeString(csv, "a,b,y\n1,2,1\n2,4,3\n3,6,2\n4,8,5\n");
        oneLineError(CliRun.run("delta", "suggest", "--data", csv.toString(), "--target", "y"),
                "least-squares baseline", "rank-deficient", "not unique");
    }

    // ---------------------------------------------------------------------------------------------- sweep

    @Test
    void tinySweepWritesTableJsonPlotAndCsvAtomically() throws Exception {
        Path png = tmp.resolve("out/sweep.png");
        Path csv = tmp.resolve("out/sweep.csv");
        JsonNode j = json(CliRun.run("delta", "sweep", "--deltas", "1,2", "--folds", "2", "--epochs", "2",
                "--json", "--plot", png.toString(), "--csv", csv.toString()));
        assertThat(j.get("folds").asInt()).isEqualTo(2);
        JsonNode rows = j.get("results");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).get("delta").asDouble()).isEqualTo(1.0);
        assertThat(rows.get(2).get("loss").asText()).isEqualTo("mae");
        assertThat(rows.get(3).get("loss").asText()).isEqualTo("mse");
        assertThat(rows.get(0).get("fold_mae")).hasSize(2);
        double best = j.get("best_cv_mae").asDouble();
        assertThat(best).isEqualTo(Math.min(rows.get(0).get("cv_mae").asDouble(), rows.get(1).get("cv_mae").asDouble()));
        byte[] head = Files.readAllBytes(png);
        assertThat(head[1]).isEqualTo((byte) 'P');
        assertThat(head[2]).isEqualTo((byte) 'N');
        assertThat(Files.readAllLines(csv)).hasSize(1 + 4 * 2).first().isEqualTo("loss,delta,repeat,fold,mae,mse");
        // one repeat: the two folds of one split are not independent, so there is no standard error
        assertThat(rows.get(0).get("cv_mae_se").isNull()).isTrue();
        assertThat(j.get("reference_delta").asDouble()).isEqualTo(1.0);
        try (Stream<Path> files = Files.list(png.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("sweep.png", "sweep.csv");
        }
        CliRun text = CliRun.run("delta", "sweep", "--deltas", "1,2", "--folds", "2", "--epochs", "2",
                "--no-baselines", "--no-plots");
        assertThat(text.exitCode).as(text.toString()).isZero();
        assertThat(text.out).contains("huber delta=1 ", "huber delta=2 ", "<- best delta", "n/a",
                "no standard errors from a single repeat").doesNotContain("mse ");
    }

    /**
     * The standard errors are over the repeats' means, the independent units (different splits and seeds), not over
     * the folds, which share their training rows; the paired differences against the reference delta likewise.
     */
    @Test
    void standardErrorsAreOverTheRepeatsNotTheFolds() throws Exception {
        Path csv = tmp.resolve("r.csv");
        JsonNode j = json(CliRun.run("delta", "sweep", "--deltas", "0.5,1.5,3", "--folds", "3", "--epochs", "2",
                "--repeats", "4", "--seed", "11", "--no-baselines", "--json", "--no-plots", "--csv",
                csv.toString()));
        JsonNode rows = j.get("results");
        double[][] repeatMeans = new double[3][4];
        for (int c = 0; c < 3; c++) {
            JsonNode folds = rows.get(c).get("fold_mae");
            assertThat(folds).hasSize(12);
            for (int r = 0; r < 4; r++) {
                repeatMeans[c][r] = (folds.get(3 * r).asDouble() + folds.get(3 * r + 1).asDouble()
                        + folds.get(3 * r + 2).asDouble()) / 3;
            }
            assertThat(rows.get(c).get("cv_mae_se").asDouble()).as("row %d", c)
                    .isCloseTo(standardError(repeatMeans[c]), within(1e-12));
            for (int r = 0; r < 4; r++) {
                assertThat(rows.get(c).get("repeat_mae").get(r).asDouble()).isCloseTo(repeatMeans[c][r],
                        within(1e-12));
            }
        }
        assertThat(j.get("reference_delta").asDouble()).isEqualTo(1.5);
        for (int c : new int[] {0, 2}) {
            double[] d = new double[4];
            for (int r = 0; r < 4; r++) {
                d[r] = repeatMeans[c][r] - repeatMeans[1][r];
            }
            assertThat(rows.get(c).get("diff_mae_vs_reference").asDouble())
                    .isCloseTo(rows.get(c).get("cv_mae").asDouble() - rows.get(1).get("cv_mae").asDouble(),
                            within(1e-12));
            assertThat(rows.get(c).get("diff_mae_vs_reference_se").asDouble()).as("row %d", c)
                    .isCloseTo(standardError(d), within(1e-12));
        }
        assertThat(rows.get(1).get("diff_mae_vs_reference_se").isNull()).isTrue();
        // the CSV names each fold's repeat
        assertThat(Files.readAllLines(csv)).hasSize(1 + 3 * 12).element(12).isEqualTo(
                "huber,0.5,3,2," + rows.get(0).get("fold_mae").get(11).asDouble() + ","
                        + rows.get(0).get("fold_mse").get(11).asDouble());
        CliRun text = CliRun.run("delta", "sweep", "--deltas", "0.5,1.5,3", "--folds", "3", "--epochs", "2",
                "--repeats", "4", "--seed", "11", "--no-baselines", "--reference", "3", "--no-plots");
        assertThat(text.out).contains("vs delta=3", "over the 4 repeats' means");
    }

    private static double standardError(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x / v.length;
        }
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1) / v.length);
    }

    @Test
    void sweepIsIdenticalOnOneAndTwoThreadsAndReproducible() throws Exception {
        String[] base = {"delta", "sweep", "--deltas", "0.5,3", "--folds", "3", "--epochs", "2", "--seed", "7",
                "--adaptive", "quantile", "--json", "--no-plots"};
        JsonNode one = json(CliRun.run(concat(base, "--threads", "1"))).get("results");
        JsonNode two = json(CliRun.run(concat(base, "--threads", "2"))).get("results");
        JsonNode again = json(CliRun.run(concat(base, "--threads", "2"))).get("results");
        assertThat(two).isEqualTo(one);
        assertThat(again).isEqualTo(one);
        assertThat(one).hasSize(5);
        assertThat(one.get(2).get("rule").asText()).isEqualTo("quantile");
        JsonNode other = json(CliRun.run("delta", "sweep", "--deltas", "0.5,3", "--folds", "3", "--epochs", "2",
                "--seed", "8", "--adaptive", "quantile", "--json", "--no-plots")).get("results");
        assertThat(other).isNotEqualTo(one);
    }

    @Test
    void sweepOnACsvWithALinearModel() throws Exception {
        StringBuilder b = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 30; i++) {
            b.append(i % 7).append(',').append(i % 5).append(',').append(3 * (i % 7) - 2 * (i % 5) + 1).append('\n');
        }
        Path csv = tmp.resolve("lin.csv");
        Files.writeString(csv, b.toString());
        JsonNode j = json(CliRun.run("delta", "sweep", "--data", csv.toString(), "--target", "y", "--hidden", "0",
                "--deltas", "1", "--folds", "3", "--epochs", "300", "--batch-size", "4", "--learning-rate", "0.05",
                "--json", "--no-plots"));
        assertThat(j.get("hidden")).isEmpty();
        // an exactly linear target: the linear model fits it well
        assertThat(j.get("results").get(0).get("cv_mae").asDouble()).isLessThan(0.5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--deltas| ,|the list of deltas is empty",
        "--deltas| 1,0|each delta must be > 0",
        "--deltas| -1.5|-1.5",
        "--deltas| 1,abc|'abc' is not a number",
        "--folds| 1|--folds must be >= 2, got 1",
        "--epochs| 0|--epochs must be >= 1",
        "--threads| 0|--threads must be >= 1",
        "--adaptive| sd|rule must be one of mad, iqr, quantile, got 'sd'",
        "--seed| -1|--seed",
        "--hidden| 16,-2|--hidden",
        "--reference| 0.7|--reference 0.7 is not among --deltas"})
    void sweepErrorsAreOneLine(String option, String value, String message) {
        String[] args = option.equals("--epochs") ? new String[] {"delta", "sweep", "--no-plots", option,
            value.strip()} : new String[] {"delta", "sweep", "--no-plots", "--epochs", "1", option, value.strip()};
        oneLineError(CliRun.run(args), message);
    }

    // ---------------------------------------------------------------------------------------------- plot-losses

    @Test
    void plotLossesWritesPngsAndNotesSkippedCurves() throws Exception {
        Path dir = tmp.resolve("plots");
        JsonNode j = json(CliRun.run("plot-losses", "--out", dir.toString(), "--json"));
        assertThat(j.get("files")).hasSize(4);
        for (JsonNode f : j.get("files")) {
            assertThat(Files.size(Path.of(f.asText()))).isGreaterThan(10_000);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("huber-shapes.png",
                    "huber-gradients.png", "robust-shapes.png", "robust-gradients.png");
        }
        // each skipped curve names its loss; a registered one is never skipped
        for (JsonNode s : j.get("skipped")) {
            assertThat(s.asText()).doesNotStartWith("Huber");
        }
        oneLineError(CliRun.run("plot-losses", "--out", dir.toString(), "--deltas", "0"), "> 0");
        oneLineError(CliRun.run("plot-losses", "--out", dir.toString(), "--range", "-1"), "--range");
    }

    /** Curves that lie on each other are drawn dashed, labelled with the other, and named in a note. */
    @Test
    void plotLossesMarksCoincidingCurves() throws Exception {
        JsonNode j = json(CliRun.run("plot-losses", "--out", tmp.resolve("c").toString(), "--json"));
        // Barron's general robust loss at alpha 1 is pseudo-Huber at delta 1: sqrt(x^2 + 1) - 1
        assertThat(j.get("notes").toString()).contains(
                "general robust alpha=1 coincides with pseudo-Huber delta=1 on robust-shapes.png: drawn dashed");
        double[] x = {-2, -1, 0, 0.5, 3};
        java.util.Map<String, double[]> drawn = new java.util.LinkedHashMap<>();
        drawn.put("square", new double[] {4, 1, 0, 0.25, 9});
        assertThat(PlotLossesCommand.coincident(drawn, new double[] {4, 1, 0, 0.25, 9 + 1e-9})).isEqualTo("square");
        assertThat(PlotLossesCommand.coincident(drawn, x)).isNull();
        assertThat(PlotLossesCommand.coincident(drawn, new double[] {4, 1, 0, 0.25, 9.01})).isNull();
    }

    @Test
    void sweepChecksItsOutputPathsBeforeTheWorkAndKeepsEarlierFiles() throws Exception {
        Path png = tmp.resolve("sw.png");
        Files.writeString(png, "an earlier plot");
        Path adir = Files.createDirectories(tmp.resolve("adir"));
        CliRun r = CliRun.run("delta", "sweep", "--deltas", "1", "--folds", "2", "--epochs", "1", "--plot",
                png.toString(), "--csv", adir.toString());
        assertThat(r.exitCode).as(r.toString()).isNotZero();
        assertThat(Files.readString(png)).isEqualTo("an earlier plot");
        oneLineError(r, "--csv " + adir + ": is a folder, not a file");
        assertThat(r.err).doesNotContain("Exception");
        oneLineError(CliRun.run("delta", "sweep", "--epochs", "1", "--plot", adir.toString()),
                "--plot " + adir + ": is a folder, not a file");
        oneLineError(CliRun.run("delta", "sweep", "--epochs", "1", "--plot", png + "/x.png"),
                "--plot " + png + "/x.png: " + png + " is a file, not a folder");
        oneLineError(CliRun.run("delta", "sweep", "--epochs", "1", "--csv", ""), "--csv needs a file name");
        oneLineError(CliRun.run("delta", "sweep", "--epochs", "1", "--csv", png.toString(), "--plot",
                png.toString()), "--plot and --csv name the same file");
        assertThat(Files.readString(png)).isEqualTo("an earlier plot");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("sw.png", "adir");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1e30|1.0E30", "1e18|1.0E18", "1000001|1000001", "Infinity|Infinity",
        "NaN|NaN", "0|0", "-1|-1", "0.0001|1.0E-4"})
    void plotLossesRangeIsBoundedAndAFailureWritesNothing(String range, String shown) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plots"));
        Files.writeString(dir.resolve("huber-shapes.png"), "an earlier plot");
        CliRun r = CliRun.run("plot-losses", "--out", dir.toString(), "--range", range);
        oneLineError(r, "--range must be a number from 1e-3 to 1e6", "got " + shown);
        assertThat(r.err).doesNotContain("Exception").doesNotContain("Series data");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("huber-shapes.png");
        }
        assertThat(Files.readString(dir.resolve("huber-shapes.png"))).isEqualTo("an earlier plot");
    }

    @Test
    void plotLossesAtTheLargestRangeDrawsEveryCurve() throws Exception {
        JsonNode j = json(CliRun.run("plot-losses", "--out", tmp.resolve("big").toString(), "--range", "1e6",
                "--json"));
        assertThat(j.get("files")).hasSize(4);
        assertThat(j.get("skipped")).isEmpty();
    }

    @Test
    void plotLossesChecksItsFolderBeforeDrawing() throws Exception {
        Path file = Files.writeString(tmp.resolve("afile"), "not a folder");
        CliRun r = CliRun.run("plot-losses", "--out", file.toString());
        assertThat(r.exitCode).as(r.toString()).isNotZero();
        assertThat(Files.readString(file)).isEqualTo("not a folder");
        oneLineError(r, "--out " + file + ": is a file, not a folder");
        assertThat(r.err).doesNotContain("Exception");
        Path dir = Files.createDirectories(tmp.resolve("plots/robust-shapes.png"));
        oneLineError(CliRun.run("plot-losses", "--out", dir.getParent().toString()),
                "robust-shapes.png is a folder");
        try (Stream<Path> files = Files.list(dir.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("robust-shapes.png");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
