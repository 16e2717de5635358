package org.losses4j.cli.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.io.NumericCsv.Cells;

/**
 * The byte-level fast path ({@link CsvScan}) against the general path (FastCSV and {@link Double#parseDouble}): the
 * same values to the bit, in float64 and in float32, for numbers written every way the grammar allows, and across
 * the reader's buffer boundaries.
 */
class CsvFastPathTest {
    @TempDir
    Path dir;

    /** A random cell: integers, decimals, exponents, signs, blanks, long digit strings, subnormals, zeros. */
    private static String cell(Random r) {
        switch (r.nextInt(12)) {
            case 0:
                return Integer.toString(r.nextInt(2000) - 1000);
            case 1:
                return String.format(Locale.ROOT, "%.6f", r.nextGaussian() * 100);
            case 2:
                return Double.toString(r.nextGaussian() * Math.pow(10, r.nextInt(60) - 30));
            case 3:
                return String.format(Locale.ROOT, "%.3e", r.nextGaussian()).replace("e", r.nextBoolean() ? "e" : "E");
            case 4:
                return (r.nextBoolean() ? "+" : "-") + "." + r.nextInt(100000);
            case 5:
                return " " + r.nextInt(100) + "." + " \t".substring(r.nextInt(2));
            case 6:
                return "1234567890123456789" + r.nextInt(10) + "." + r.nextInt(1000); // more than 18 digits
            case 7:
                return "4.9e-" + (320 + r.nextInt(4)); // subnormal in float64, 0 in float32
            case 8:
                return r.nextBoolean() ? "-0" : "0.000";
            case 9:
                return Float.toString(r.nextFloat() * 1e30f);
            case 10:
                return "0." + "0".repeat(r.nextInt(25)) + r.nextInt(1_000_000);
            default:
                return String.format(Locale.ROOT, "%.17g", r.nextDouble());
        }
    }

    @Test
    void theFastPathReadsTheSameNumbersAsTheGeneralPath() throws IOException {
        Random r = new Random(17);
        StringBuilder b = new StringBuilder("a,skip,b,c\n");
        int rows = 60_000; // ~2 MB: several 1 MB buffers, rows cut at their ends
        for (int i = 0; i < rows; i++) {
            b.append(cell(r)).append(",text").append(i).append(',').append(cell(r)).append(',').append(cell(r));
            b.append(i % 7 == 0 ? "\r\n" : "\n");
            if (i % 1000 == 0) {
                b.append('\n'); // empty lines are skipped
            }
        }
        Path p = dir.resolve("mixed.csv");
        Files.writeString(p, b, StandardCharsets.UTF_8);
        List<String> wanted = List.of("c", "a", "b");
        for (Cells cells : new Cells[] {Cells.ANY, Cells.FLOAT32}) {
            NumericCsv fast = NumericCsv.read(p, wanted, cells);
            NumericCsv general = NumericCsv.read(new StringReader(b.toString()), p.toString(), wanted, cells);
            assertThat(fast.rows()).isEqualTo(rows).isEqualTo(general.rows());
            for (String c : wanted) {
                double[] f = fast.column(c);
                double[] g = general.column(c);
                for (int i = 0; i < rows; i++) {
                    if (Double.doubleToRawLongBits(f[i]) != Double.doubleToRawLongBits(g[i])) {
                        throw new AssertionError(cells + " column " + c + " row " + i + ": fast " + f[i]
                                + ", general " + g[i]);
                    }
                }
            }
        }
    }

    @Test
    void aFileTheFastPathDoesNotTakeIsReadByTheGeneralPath() throws IOException {
        // quotes, text outside ASCII, a last row without a line end
        Path p = dir.resolve("quoted.csv");
        Files.writeString(p, "name,x,y\n\"Zürich\",1.5,2\nBern,\"3\",4e1", StandardCharsets.UTF_8);
        NumericCsv t = NumericCsv.read(p, List.of("x", "y"), Cells.FLOAT32);
        assertThat(t.column("x")).containsExactly(1.5, 3);
        assertThat(t.floatColumn("y")).containsExactly(2f, 40f);
    }

    @Test
    void streamingGivesEveryRowOnceInBlocks() throws IOException {
        StringBuilder b = new StringBuilder("g,x,y\n");
        int rows = 3 * NumericCsv.BLOCK + 5;
        for (int i = 0; i < rows; i++) {
            b.append(i % 3 == 0 ? "a" : "b").append(',').append(i).append(',').append(-i).append('\n');
        }
        Path p = dir.resolve("s.csv");
        Files.writeString(p, b);
        List<Integer> blocks = new ArrayList<>();
        long[] sums = new long[3];
        long n = NumericCsv.stream(p, List.of("y", "x"), "g", null, new NumericCsv.Rows() {
            @Override
            public void accept(float[][] columns, String[] keys, int m) {
                blocks.add(m);
                for (int i = 0; i < m; i++) {
                    sums[0] += (long) columns[1][i];
                    sums[1] += (long) columns[0][i];
                    sums[2] += keys[i].equals("a") ? 1 : 0;
                }
            }

            @Override
            public void restart() {
                throw new AssertionError("a plain file takes the fast path");
            }
        });
        assertThat(n).isEqualTo(rows);
        assertThat(blocks).containsExactly(NumericCsv.BLOCK, NumericCsv.BLOCK, NumericCsv.BLOCK, 5);
        long total = (long) rows * (rows - 1) / 2;
        assertThat(sums).containsExactly(total, -total, (rows + 2) / 3);
    }
}
