package org.losses4j.bench;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.losses4j.cli.Main;
import org.losses4j.cli.io.NumericCsv;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * {@link CsvBenchmark}'s readers run interleaved, best of N each, for ratios on a machine shared with other work
 * (where one JMH benchmark after the other meets a different load):
 * {@code java -Xmx1g -cp bench/target/benchmarks.jar org.losses4j.bench.CsvSideBySide FILE.csv N} prints each
 * reader's MB/s and its speed relative to FastCSV alone on the same file in the same run (the limit).
 *
 * <p>The peak-heap check: {@code java -Xmx<M>m -cp bench/target/benchmarks.jar org.losses4j.bench.CsvSideBySide
 * FILE.csv 1 heap} reads all 11 columns once into float32 and prints the data's size against the heap. It exits
 * with status 1 when the heap is larger than 1.5 times the data plus {@value #CONSTANT_MB} MB (it would show
 * nothing), so with {@code M} = ⌊1.5 · data⌋ + {@value #CONSTANT_MB} a run that ends with status 0 shows the bound,
 * and one that runs out of heap shows it broken.
 */
public final class CsvSideBySide {
    private static final List<String> ALL = List.of("x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "pred",
        "y");

    /** The heap besides the data that the peak-heap check allows: the JVM's own objects, the reader's buffer. */
    static final int CONSTANT_MB = 16;

    private CsvSideBySide() {
    }

    private static long fastCsv(Path f) throws Exception {
        long chars = 0;
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(f)) {
            for (CsvRecord r : csv) {
                for (int i = 0, n = r.getFieldCount(); i < n; i++) {
                    chars += r.getField(i).length();
                }
            }
        }
        return chars;
    }

    private static long stream(Path f) {
        return NumericCsv.stream(f, List.of("pred", "y"), null, null, new NumericCsv.Rows() {
            @Override
            public void accept(float[][] c, String[] keys, int m) {
            }

            @Override
            public void restart() {
                throw new AssertionError("the fast path gave up");
            }
        });
    }

    private static void eval(Path f) {
        Writer w = Writer.nullWriter();
        int code = Main.run(new PrintWriter(w), new PrintWriter(w), "eval", "--loss", "huber_loss", "-p", "delta=1.5",
                "--data", f.toString(), "--input", "pred", "--target", "y", "--quiet");
        if (code != 0) {
            throw new IllegalStateException("eval failed: " + code);
        }
    }

    public static void main(String[] args) throws Exception {
        Path f = Path.of(args[0]);
        double mb = Files.size(f) / 1e6;
        if (args.length > 2 && args[2].equals("heap")) {
            long t0 = System.nanoTime();
            NumericCsv t = NumericCsv.read(f, ALL, NumericCsv.Cells.FINITE_FLOAT32);
            double s = (System.nanoTime() - t0) / 1e9;
            double data = t.rows() * 11 * 4 / 1048576.0;
            double heap = Runtime.getRuntime().maxMemory() / 1048576.0;
            System.out.printf("rows %d, float32 data %.1f MB, heap max %.1f MB = %.2f x the data (bound: 1.5 x + %d MB"
                    + " = %.1f MB), read in %.2f s (%.0f MB/s)%n", t.rows(), data, heap, heap / data, CONSTANT_MB,
                    1.5 * data + CONSTANT_MB, s, mb / s);
            if (heap > 1.5 * data + CONSTANT_MB) {
                System.out.printf("the heap is above the bound, so this run shows nothing: run again with -Xmx%dm%n",
                        (long) Math.floor(1.5 * data) + CONSTANT_MB);
                System.exit(1);
            }
            return;
        }
        String[] names = {"FastCSV records alone", "NumericCsv.read, all 11 columns", "NumericCsv.read, pred and y",
            "NumericCsv.stream, pred and y", "eval --data huber_loss"};
        double[] best = new double[names.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int it = 0; it < Integer.parseInt(args[1]); it++) {
            for (int k = 0; k < names.length; k++) {
                long t0 = System.nanoTime();
                switch (k) {
                    case 0 -> fastCsv(f);
                    case 1 -> NumericCsv.read(f, ALL, NumericCsv.Cells.FINITE_FLOAT32);
                    case 2 -> NumericCsv.read(f, List.of("pred", "y"), NumericCsv.Cells.FINITE_FLOAT32);
                    case 3 -> stream(f);
                    default -> eval(f);
                }
                best[k] = Math.min(best[k], (System.nanoTime() - t0) / 1e9);
            }
        }
        System.out.printf("%.1f MB, best of %s each, interleaved; x FastCSV: the reader's speed over FastCSV's in "
                + "this run%n", mb, args[1]);
        for (int k = 0; k < names.length; k++) {
            System.out.printf("%-34s best %.3f s  %4.0f MB/s  %5.2f x FastCSV%n", names[k], best[k], mb / best[k],
                    best[0] / best[k]);
        }
    }
}
