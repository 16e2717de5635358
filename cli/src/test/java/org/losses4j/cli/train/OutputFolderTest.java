package org.losses4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.CliProcess;
import org.losses4j.cli.CliRun;
import org.losses4j.cli.io.OutputSet;

/**
 * The output folder under concurrency and interruption: one run per folder (a lock file, safe if the holder is
 * killed), an earlier run's outputs refused unless {@code --force} (which replaces the whole set), and Ctrl-C, with
 * real processes and real signals.
 */
class OutputFolderTest {
    @TempDir
    Path dir;

    private Path data;

    @BeforeEach
    void data() throws IOException {
        data = dir.resolve("small.csv");
        Random r = new Random(5);
        try (BufferedWriter w = Files.newBufferedWriter(data)) {
            w.write("a,b,c,y\n");
            for (int i = 0; i < 120; i++) {
                double a = r.nextGaussian();
                double b = r.nextGaussian();
                double c = r.nextGaussian();
                w.write(a + "," + b + "," + c + "," + (2 * a - b + 0.1 * r.nextGaussian()) + "\n");
            }
        }
    }

    private String[] train(Path out, String... more) {
        return trainFor(2, out, more);
    }

    private String[] trainFor(int epochs, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--data", data.toString(), "--target", "y", "--epochs",
                Integer.toString(epochs), "--quiet", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    private static Map<String, byte[]> files(Path d) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                m.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    @Test
    void aSecondRunIntoAnEarlierRunsFolderIsRefusedUnlessForcedAndForceReplacesTheWholeSet() throws Exception {
        Path out = dir.resolve("out");
        CliRun first = CliRun.run(train(out, "--save-model"));
        assertThat(first.exitCode).as(first.toString()).isZero();
        assertThat(files(out).keySet()).contains("model.safetensors", "loss.png", "summary.json")
                .doesNotContain(OutputSet.LOCK_FILE);
        Map<String, byte[]> before = files(out);

        CliRun again = CliRun.run(train(out, "--no-plots"));
        assertThat(again.exitCode).isEqualTo(2);
        assertThat(again.err.lines().toList()).hasSize(1);
        assertThat(again.err).contains("--out " + out + " holds the outputs of an earlier run (")
                .contains("summary.json").contains("model.safetensors").contains("add --force");
        assertThat(files(out)).as("nothing touched").containsOnlyKeys(before.keySet());

        CliRun forced = CliRun.run(train(out, "--no-plots", "--force"));
        assertThat(forced.exitCode).as(forced.toString()).isZero();
        assertThat(files(out).keySet()).as("the earlier model and plots are gone with the earlier run")
                .containsExactlyInAnyOrder("summary.json", "report.html");
    }

    @Test
    void aSecondConcurrentRunFailsAtOnceAndAKilledRunDoesNotBlockTheNext() throws Exception {
        Path out = dir.resolve("busy");
        ProcessBuilder pb = CliProcess.builder(dir, List.of(), trainFor(100_000, out));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process holder = pb.start();
        try {
            Path lock = out.resolve(OutputSet.LOCK_FILE);
            for (int i = 0; i < 2400 && !Files.exists(lock); i++) { // a JVM's start on a busy machine
                Thread.sleep(25);
            }
            assertThat(lock).exists();
            Thread.sleep(200); // created, then locked: a moment after
            long t0 = System.nanoTime();
            CliRun second = CliRun.run(train(out));
            assertThat(second.exitCode).isEqualTo(1);
            assertThat(second.err.strip()).isEqualTo("losses4j train: --out " + out + ": another losses4j run is "
                    + "writing into this folder; wait for it to finish or choose another folder");
            assertThat(System.nanoTime() - t0).as("at once").isLessThan(TimeUnit.SECONDS.toNanos(10));
        } finally {
            holder.destroyForcibly(); // SIGKILL: no hook runs, the lock file stays, unlocked
            holder.waitFor();
        }
        CliRun next = CliRun.run(train(out));
        assertThat(next.exitCode).as(next.toString()).isZero();
        assertThat(out.resolve(OutputSet.LOCK_FILE)).doesNotExist();
    }

    /**
     * Ctrl-C at random moments of real runs (into a folder holding an earlier run's outputs, with --force), many
     * times, to meet the commit: each run ends with exit 130 and "interrupted" (or finishes normally, exit 0), never
     * an internal error, never a temporary or lock file left, and the folder holds one complete set of outputs. The
     * signals fall in the last part of a run, where the outputs are encoded and written (the race was there).
     * 12 runs by default, a few seconds each; {@code -Dlosses4j.test.sigintRuns=40} (or more) for a longer hunt.
     */
    @Test
    void ctrlCRemovesTemporaryFilesSaysInterruptedAndLeavesOneCompleteSet() throws Exception {
        Path out = dir.resolve("sig");
        assertThat(CliRun.run(train(out)).exitCode).isZero();
        List<String> expected = new ArrayList<>(files(out).keySet());
        // how long one run takes here, to spread the signals over it (start-up, training, writing)
        long t0 = System.nanoTime();
        CliProcess.CliRunResult plain = CliProcess.run(dir, List.of(), train(out, "--force"));
        long runMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        int runs = Integer.getInteger("losses4j.test.sigintRuns", 12);
        Random r = new Random(1);
        int interrupted = 0;
        for (int i = 0; i < runs; i++) {
            ProcessBuilder pb = CliProcess.builder(dir, List.of(), train(out, "--force"));
            Path err = dir.resolve("err.txt");
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
            Process p = pb.start();
            Thread.sleep((long) (runMillis * (0.6 + 0.5 * r.nextDouble())));
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            int code = p.waitFor();
            String e = Files.readString(err);
            assertThat(code).as("run " + i + ": " + e).isIn(0, 130);
            if (code == 130) {
                interrupted++;
                assertThat(e.strip()).as("run " + i).isEqualTo("interrupted");
            } else {
                assertThat(e).as("run " + i).isEmpty();
            }
            assertThat(files(out).keySet()).as("run " + i + ": one complete set, nothing else")
                    .containsExactlyInAnyOrderElementsOf(expected);
            for (byte[] b : files(out).values()) {
                assertThat(b.length).isPositive();
            }
        }
        assertThat(interrupted).as("the signals arrived during the runs").isPositive();
    }
}
