package org.losses4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.CliProcess;

/** A file too big for the heap is one line and exit 1, never an OutOfMemoryError's stack trace. */
class TooBigTest {
    @TempDir
    Path dir;

    @Test
    void aFileThatDoesNotFitTheHeapIsOneLine() throws Exception {
        Path p = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(p)) {
            w.write("a,b,c,d,e,f,g,h,i,y\n");
            String row = "1,2,3,4,5,6,7,8,9,0\n";
            for (int i = 0; i < 1_200_000; i++) { // 24 MB of text, 48 MB of float32
                w.write(row);
            }
        }
        CliProcess.CliRunResult r = CliProcess.run(dir, List.of("-Xmx32m"), "train", "--data", p.toString(),
                "--target", "y", "--epochs", "1", "--no-plots", "--out", dir.resolve("out").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err()).matches("losses4j train: " + java.util.regex.Pattern.quote(p.toString())
                + " needs about \\d+ MB; the Java heap is \\d+ MB \\(set LOSSES4J_JAVA_OPTS=-Xmx\\d+[mg]\\)\\s*");
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
    }

    /**
     * A file whose columns fit the heap, so that the check before the read lets it through, but whose training does
     * not: the heap runs out in the middle of the work, and {@code Main} turns the {@link OutOfMemoryError} into
     * one line naming the data and the heap, exit 1, no stack trace, no output folder left behind.
     */
    @Test
    void runningOutOfHeapDuringTheWorkIsOneLine() throws Exception {
        Path p = dir.resolve("fits.csv");
        try (BufferedWriter w = Files.newBufferedWriter(p)) {
            w.write("a,b,c,d,e,f,g,h,i,y\n");
            String row = "1,2,3,4,5,6,7,8,9,0\n";
            for (int i = 0; i < 900_000; i++) { // 18 MB of text, 36 MB of float32 in a heap of 64 MB
                w.write(row);
            }
        }
        CliProcess.CliRunResult r = CliProcess.run(dir, List.of("-Xmx64m"), "train", "--data", p.toString(),
                "--target", "y", "--epochs", "1", "--no-plots", "--out", dir.resolve("out").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).matches("losses4j train: out of memory: "
                + java.util.regex.Pattern.quote(p.toString()) + " holds about \\d+ MB of data; the Java heap is "
                + "\\d+ MB \\(set LOSSES4J_JAVA_OPTS=-Xmx\\d+g\\)\\s*");
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
    }
}
