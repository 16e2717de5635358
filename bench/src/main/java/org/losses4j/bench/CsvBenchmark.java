package org.losses4j.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.losses4j.cli.Main;
import org.losses4j.cli.io.NumericCsv;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * Reading a big numeric CSV, one operation per whole file, on one core (the readers are sequential): the file is
 * named by the system property {@code losses4j.bench.csv} (default {@code /tmp/big.csv}; make it with
 * {@code python3 tools/bench/make_big_csv.py /tmp/big.csv 2600000}, 228 MB, 11 columns, header
 * {@code x0..x8,pred,y}). MB/s = file size / time.
 * <ul>
 *   <li>{@code fastCsvRecords}: FastCSV alone, every record and field visited, no number parsed: the limit the issue
 *       sets (a reader built on FastCSV cannot be faster);</li>
 *   <li>{@code readAllColumns} / {@code readTwoColumns}: {@link NumericCsv#read} into float32 columns, as
 *       {@code losses4j train} reads its data (all 11 columns; 2 of them);</li>
 *   <li>{@code generalPath}: the same read on NumericCsv's general path (FastCSV records, {@code Double.parseDouble}
 *       per cell), which quoted files and every file with an error take;</li>
 *   <li>{@code streamTwoColumns}: {@link NumericCsv#stream} of {@code pred} and {@code y}, rows dropped: reading the
 *       columns alone, what {@code evalHuber} is held against;</li>
 *   <li>{@code evalHuber}: {@code losses4j eval --loss huber_loss -p delta=1.5 --data FILE --input pred --target y}
 *       in-process (quiet).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CsvBenchmark {
    private static final List<String> ALL = List.of("x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "pred",
        "y");

    private Path file;

    @Setup
    public void setup() throws IOException {
        file = Path.of(System.getProperty("losses4j.bench.csv", "/tmp/big.csv"));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: python3 tools/bench/make_big_csv.py " + file
                    + " 2600000");
        }
    }

    @Benchmark
    public long fastCsvRecords() throws IOException {
        long chars = 0;
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(file)) {
            for (CsvRecord r : csv) {
                for (int i = 0, n = r.getFieldCount(); i < n; i++) {
                    chars += r.getField(i).length();
                }
            }
        }
        return chars;
    }

    @Benchmark
    public NumericCsv readAllColumns() {
        return NumericCsv.read(file, ALL, NumericCsv.Cells.FINITE_FLOAT32);
    }

    @Benchmark
    public NumericCsv readTwoColumns() {
        return NumericCsv.read(file, List.of("pred", "y"), NumericCsv.Cells.FINITE_FLOAT32);
    }

    @Benchmark
    public NumericCsv generalPath() throws IOException {
        try (java.io.Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return NumericCsv.read(r, file.toString(), ALL, NumericCsv.Cells.FINITE_FLOAT32);
        }
    }

    @Benchmark
    public long streamTwoColumns(Blackhole bh) {
        return NumericCsv.stream(file, List.of("pred", "y"), null, null, new NumericCsv.Rows() {
            @Override
            public void accept(float[][] columns, String[] keys, int rows) {
                bh.consume(columns[0][rows - 1] + columns[1][rows - 1]);
            }

            @Override
            public void restart() {
            }
        });
    }

    @Benchmark
    public int evalHuber() {
        List<String> args = new ArrayList<>(List.of("eval", "--loss", "huber_loss", "-p", "delta=1.5", "--data",
                file.toString(), "--input", "pred", "--target", "y", "--quiet"));
        Writer sink = Writer.nullWriter();
        int code = Main.run(new PrintWriter(sink), new PrintWriter(sink), args.toArray(new String[0]));
        if (code != 0) {
            throw new IllegalStateException("eval failed: " + code);
        }
        return code;
    }
}
