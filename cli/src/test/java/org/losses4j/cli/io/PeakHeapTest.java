package org.losses4j.cli.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.Errors.CliException;

/**
 * Reading a file into float32 columns needs at most 1.5 times the data plus a constant of heap: a child JVM whose
 * heap is just that reads every column of a generated file, and one with less than the data refuses it in one line.
 */
class PeakHeapTest {
    /** The heap a JVM needs besides the data: its own classes' objects, the reader's buffer, slack. */
    static final int CONSTANT_MB = 16;

    @TempDir
    Path dir;

    /** Reads every column of {@code args[0]} as training data does (float32, finite) and prints the rows. */
    public static void main(String[] args) {
        try {
            NumericCsv t = NumericCsv.read(Path.of(args[0]), null, NumericCsv.Cells.FINITE_FLOAT32);
            System.out.println(t.rows());
        } catch (CliException e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }

    private static Process child(int heapMb, Path file) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                PeakHeapTest.class.getName(), file.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
    }

    @Test
    void readingTakesAtMostOneAndAHalfTimesTheDataPlusAConstant() throws Exception {
        int rows = 600_000;
        int columns = 11;
        Path p = dir.resolve("wide.csv");
        Random r = new Random(3);
        try (BufferedWriter w = Files.newBufferedWriter(p)) {
            w.write("x0,x1,x2,x3,x4,x5,x6,x7,x8,pred,y\n");
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < rows; i++) {
                b.setLength(0);
                for (int j = 0; j < columns; j++) { // four decimals, -9.9999 to 9.9999
                    int v = r.nextInt(200_000) - 100_000;
                    b.append(j == 0 ? "" : ",").append(v < 0 ? "-" : "").append(Math.abs(v) / 10_000).append('.');
                    String frac = Integer.toString(Math.abs(v) % 10_000);
                    b.append("0".repeat(4 - frac.length())).append(frac);
                }
                w.write(b.append('\n').toString());
            }
        }
        double dataMb = rows * columns * 4.0 / (1 << 20);
        int heap = (int) Math.floor(1.5 * dataMb) + CONSTANT_MB;

        Process ok = child(heap, p);
        String out = new String(ok.getInputStream().readAllBytes());
        assertThat(ok.waitFor()).as("-Xmx%dm for %.1f MB of float32: %s", heap, dataMb, out).isZero();
        assertThat(out.strip()).isEqualTo(Integer.toString(rows));

        Process tooSmall = child((int) (0.9 * dataMb), p);
        String refused = new String(tooSmall.getInputStream().readAllBytes());
        assertThat(tooSmall.waitFor()).as(refused).isEqualTo(1);
        assertThat(refused.strip()).startsWith(p + " needs about ").doesNotContain("Exception");
    }
}
