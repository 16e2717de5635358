package org.losses4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The commands agree with each other: one name and one meaning per shared option, help, usage, output folders. */
class CliConsistencyTest {
    @TempDir
    Path tmp;

    private static CommandSpec spec(String... path) {
        CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        for (String p : path) {
            cl = cl.getSubcommands().get(p);
        }
        return cl.getCommandSpec();
    }

    /** The commands that share each option; the option must have the same names and description in each. */
    private static final Map<String, List<List<String>>> SHARED = Map.of(
            "--lr", List.of(List.of("train"), List.of("boston"), List.of("delta", "sweep")),
            "--epochs", List.of(List.of("train"), List.of("boston"), List.of("delta", "sweep")),
            "--batch-size", List.of(List.of("train"), List.of("boston"), List.of("delta", "sweep")),
            "--hidden", List.of(List.of("train"), List.of("boston"), List.of("delta", "sweep")),
            "--seed", List.of(List.of("train"), List.of("boston"), List.of("delta", "sweep")),
            "--test-split", List.of(List.of("train"), List.of("boston"), List.of("outliers"),
                    List.of("delta", "suggest"), List.of("delta", "sweep")),
            "--split-seed", List.of(List.of("train"), List.of("boston"), List.of("outliers"),
                    List.of("delta", "suggest"), List.of("delta", "sweep")),
            "--data", List.of(List.of("train"), List.of("outliers"), List.of("delta", "suggest"),
                    List.of("delta", "sweep")),
            "--drop", List.of(List.of("train"), List.of("outliers"), List.of("delta", "suggest"),
                    List.of("delta", "sweep")),
            "--no-plots", List.of(List.of("train"), List.of("boston"), List.of("outliers"),
                    List.of("delta", "sweep")));

    @Test
    void sharedOptionsHaveOneNameAndOneMeaning() {
        for (Map.Entry<String, List<List<String>>> e : SHARED.entrySet()) {
            OptionSpec first = null;
            for (List<String> path : e.getValue()) {
                OptionSpec o = spec(path.toArray(new String[0])).findOption(e.getKey());
                assertThat(o).as("%s in %s", e.getKey(), path).isNotNull();
                if (first == null) {
                    first = o;
                } else if (!e.getKey().equals("--no-plots")) {
                    assertThat(o.names()).as("%s in %s", e.getKey(), path).isEqualTo(first.names());
                    assertThat(o.description()).as("%s in %s", e.getKey(), path).isEqualTo(first.description());
                    assertThat(o.defaultValue()).as("%s in %s", e.getKey(), path).isEqualTo(first.defaultValue());
                }
            }
        }
        // the other name is kept as an alias
        assertThat(spec("train").findOption("--learning-rate").longestName()).isEqualTo("--learning-rate");
        assertThat(spec("train").findOption("--learning-rate").names()).containsExactly("--lr", "--learning-rate");
        assertThat(spec("delta", "sweep").findOption("--learning-rate")).isNotNull();
    }

    @Test
    void aBareCommandPrintsUsageOnStandardErrorAndExits2() {
        CliRun r = CliRun.run();
        assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
        assertThat(r.out).isEmpty();
        assertThat(r.err).contains("Usage: losses4j [-hV] [COMMAND]");
        CliRun d = CliRun.run("delta");
        assertThat(d.exitCode).as(d.toString()).isEqualTo(2);
        assertThat(d.err).contains("Usage: losses4j delta");
    }

    @Test
    void helpReachesNestedCommands() {
        CliRun r = CliRun.run("help", "delta", "sweep");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).startsWith("Usage: losses4j delta sweep ").contains("--deltas");
        assertThat(CliRun.run("help", "delta").out).startsWith("Usage: losses4j delta ");
        CliRun bad = CliRun.run("help", "delta", "nope");
        assertThat(bad.exitCode).isEqualTo(2);
        assertThat(bad.err.strip()).isEqualTo("losses4j help: unknown command 'nope'; commands: suggest, sweep");
    }

    @Test
    void listFitsAHundredColumns() {
        for (String[] args : new String[][] {{"list"}, {"list", "--long"}}) {
            CliRun r = CliRun.run(args);
            assertThat(r.exitCode).as(r.toString()).isZero();
            assertThat(r.out.lines()).as(String.join(" ", args)).allSatisfy(l -> assertThat(l.length())
                    .as(l).isLessThanOrEqualTo(100));
        }
        CliRun r = CliRun.run("list", "--long");
        assertThat(r.out).contains("general_robust_loss", "    Quadratic within delta, linear beyond (PyTorch "
                + "HuberLoss).");
        assertThat(CliRun.run("list").out).doesNotContain("Quadratic within delta");
    }

    @Test
    void defaultOutputFoldersLiveUnderOut() {
        assertThat(spec("plot-losses").findOption("--out").defaultValue()).isEqualTo("out/plots");
        assertThat(spec("delta", "sweep").findOption("--plot").defaultValue()).isEqualTo("out/delta/sweep.png");
        assertThat(spec("outliers").findOption("--out").defaultValue()).isEqualTo("out/outliers");
    }

    @Test
    void sweepWritesItsPlotUnlessTold() throws Exception {
        Path plot = Path.of("out/delta/sweep.png");
        Files.deleteIfExists(plot);
        CliRun r = CliRun.run("delta", "sweep", "--deltas", "1", "--folds", "2", "--epochs", "1", "--no-baselines");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(plot).isNotEmptyFile();
        assertThat(r.out).contains("plot: out/delta/sweep.png", "The rules scale delta to the residuals' spread; "
                + "'delta sweep' measures held-out error: trust the sweep to choose delta.");
        Files.delete(plot);
        r = CliRun.run("delta", "sweep", "--deltas", "1", "--folds", "2", "--epochs", "1", "--no-baselines",
                "--no-plots");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(plot).doesNotExist();
    }

    /** A CSV of 10 rows: train's split keeps 8 for training; a text column is dropped. */
    @Test
    void deltaCommandsUseTrainsSplitAndAcceptDrop() throws Exception {
        StringBuilder b = new StringBuilder("x,name,y\n");
        for (int i = 0; i < 10; i++) {
            b.append(i).append(",house").append(i).append(',').append(i * i % 7).append('\n');
        }
        Path csv = tmp.resolve("d.csv");
        Files.writeString(csv, b.toString());
        CliRun r = CliRun.run("delta", "suggest", "--data", csv.toString(), "--target", "y", "--drop", "name",
                "--json");
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode j = Json.MAPPER.readTree(r.out);
        assertThat(j.get("samples").asInt()).isEqualTo(8);
        assertThat(j.get("data").asText()).contains("training part, test split 0.2, split seed 113");
        assertThat(j.get("note").asText()).contains("held-out error");
        // the same 8 rows as train's: numpy's RandomState(113).permutation(10)[:8]
        r = CliRun.run("delta", "suggest", "--data", csv.toString(), "--target", "y", "--drop", "name",
                "--rules", "quantile", "--alpha", "0.5", "--json");
        double q = Json.MAPPER.readTree(r.out).get("suggestions").get(0).get("targets").asDouble();
        assertThat(q).isEqualTo(KEPT_MEDIAN_ABS);
        CliRun all = CliRun.run("delta", "suggest", "--data", csv.toString(), "--target", "y", "--drop", "name",
                "--test-split", "0", "--json");
        assertThat(Json.MAPPER.readTree(all.out).get("samples").asInt()).isEqualTo(10);
        all = CliRun.run("delta", "suggest", "--data", csv.toString(), "--target", "y", "--drop", "name",
                "--test-split", "0", "--rules", "quantile", "--alpha", "0.5", "--json");
        assertThat(Json.MAPPER.readTree(all.out).get("suggestions").get(0).get("targets").asDouble()).isEqualTo(1.5);
        CliRun s = CliRun.run("delta", "sweep", "--data", csv.toString(), "--target", "y", "--drop", "name",
                "--deltas", "1", "--folds", "2", "--epochs", "1", "--no-baselines", "--no-plots", "--json");
        assertThat(s.exitCode).as(s.toString()).isZero();
        assertThat(Json.MAPPER.readTree(s.out).get("data").asText()).contains("training part");
        CliRun text = CliRun.run("delta", "suggest", "--data", csv.toString(), "--target", "y");
        assertThat(text.exitCode).isEqualTo(1);
        assertThat(text.err).contains("name");
    }

    /**
     * The median of |y| over the 8 training rows of Keras's split: numpy's {@code RandomState(113).permutation(10)}
     * is 9 3 6 1 0 7 4 8 | 2 5, so y = 4 2 1 1 0 0 2 1 is kept, median 1.0 (all ten rows: 1.5).
     */
    private static final double KEPT_MEDIAN_ABS = 1.0;

    @Test
    void exclusiveDataSourcesAreAnArgumentGroup() {
        CliRun r = CliRun.run("delta", "suggest", "--boston", "--data", "x.csv", "--target", "y");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.err).contains("mutually exclusive");
    }
}
