package org.losses4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.io.OutputSet;

/**
 * Every command that writes files into a folder treats it as {@code train} does: an earlier run's outputs are
 * refused by name unless {@code --force}, which replaces the command's whole set, and one run at a time per folder
 * (the lock file).
 */
class OutputFoldersTest {
    @TempDir
    Path tmp;

    private static Map<String, byte[]> files(Path d) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                m.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    private static String[] args(List<String> command, String... more) {
        List<String> a = new ArrayList<>(command);
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    /**
     * Runs {@code command} into {@code dir} (which the command names), then again: refused naming {@code names},
     * nothing touched; then with --force: done, and {@code after} is what the folder holds.
     */
    private static void refusedUnlessForced(Path dir, List<String> command, String option, List<String> names)
            throws IOException {
        CliRun first = CliRun.run(args(command));
        assertThat(first.exitCode).as(first.toString()).isZero();
        assertThat(files(dir).keySet()).containsAll(names).doesNotContain(OutputSet.LOCK_FILE);
        Map<String, byte[]> before = files(dir);

        CliRun again = CliRun.run(args(command));
        assertThat(again.exitCode).as(again.toString()).isEqualTo(2);
        assertThat(again.err.lines().toList()).as(again.toString()).hasSize(1);
        assertThat(again.err).contains(option + " " + dir + " holds the outputs of an earlier run (" + String.join(
                ", ", names) + "); add --force to replace them, or choose another folder");
        assertThat(again.out).isEmpty();
        Map<String, byte[]> untouched = files(dir);
        assertThat(untouched.keySet()).isEqualTo(before.keySet());
        for (String n : before.keySet()) {
            assertThat(untouched.get(n)).as(n).isEqualTo(before.get(n));
        }

        CliRun forced = CliRun.run(args(command, "--force"));
        assertThat(forced.exitCode).as(forced.toString()).isZero();
        assertThat(files(dir).keySet()).containsAll(names).doesNotContain(OutputSet.LOCK_FILE);
    }

    /** With the folder's lock held (as by a run in another process), the command fails at once, naming it. */
    private static void lockedOut(Path dir, List<String> command, String option) throws IOException {
        Files.createDirectories(dir);
        try (FileChannel ch = FileChannel.open(dir.resolve(OutputSet.LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            CliRun r = CliRun.run(args(command, "--force"));
            assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
            assertThat(r.err.lines().toList()).as(r.toString()).hasSize(1);
            assertThat(r.err).contains(option + " " + dir + ": another losses4j run is writing into this folder");
        }
    }

    @Test
    void outliers() throws IOException {
        Path out = tmp.resolve("outliers");
        List<String> cmd = List.of("outliers", "--quiet", "--out", out.toString());
        refusedUnlessForced(out, cmd, "--out", List.of("targets_boxplot.png"));
        lockedOut(out, cmd, "--out");
    }

    @Test
    void outliersRefusesTheBoxPlotOfATrainingRun() throws IOException {
        Path out = tmp.resolve("train");
        CliRun train = CliRun.run("boston", "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(train.exitCode).as(train.toString()).isZero();
        CliRun r = CliRun.run("outliers", "--quiet", "--out", out.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
        assertThat(r.err).contains("(targets_boxplot.png); add --force");
    }

    @Test
    void plotLosses() throws IOException {
        Path out = tmp.resolve("plots");
        List<String> cmd = List.of("plot-losses", "--quiet", "--out", out.toString());
        refusedUnlessForced(out, cmd, "--out", List.of("huber-shapes.png", "huber-gradients.png",
                "robust-shapes.png", "robust-gradients.png"));
        lockedOut(out, cmd, "--out");
    }

    @Test
    void deltaSweep() throws IOException {
        Path out = tmp.resolve("delta");
        List<String> cmd = List.of("delta", "sweep", "--deltas", "1", "--folds", "2", "--epochs", "1",
                "--no-baselines", "--quiet", "--plot", out.resolve("sweep.png").toString(), "--csv",
                out.resolve("folds.csv").toString());
        refusedUnlessForced(out, cmd, "--plot's folder", List.of("sweep.png", "folds.csv"));
        lockedOut(out, cmd, "--plot's folder");
    }
}
