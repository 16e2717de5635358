package org.losses4j.cli.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.io.NumericCsv.Cells;

/**
 * The numbers of the byte-level reader, cell by cell, against the JDK: each float64 cell is the double of
 * {@link Double#parseDouble}, each float32 cell that double rounded to float32, which for numbers with up to nine
 * significant digits is also the float of {@link Float#parseFloat}. Random cells of the forms the single-pass parse
 * takes ({@code [-]d+[.d*]}, {@code [-].d+}, up to 15 digits), the edges around them (16 to 19 digits, leading and
 * trailing zeros, signs, exponents, blanks, which it hands to the general parse), and cells cut by the reader's
 * buffer ends.
 */
class CsvNumberTest {
    @TempDir
    Path dir;

    private static String digits(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString();
    }

    /** A cell: mostly the plain forms, with up to {@code maxDigits} digits; sometimes an edge. */
    private static String cell(Random r, int maxDigits) {
        String sign = r.nextInt(3) == 0 ? "-" : "";
        int n = 1 + r.nextInt(maxDigits);
        switch (r.nextInt(10)) {
            case 0:
                return sign + digits(r, n); // an integer
            case 1:
                return sign + "." + digits(r, n);
            case 2:
                return sign + digits(r, n) + ".";
            case 3:
                return sign + "0".repeat(r.nextInt(4)) + digits(r, Math.max(1, n - 3)) + "." + "0".repeat(r.nextInt(3));
            case 4: { // edges: the general parse takes these
                String[] e = {"+1.5", " 2.25", "3.5 ", "1e3", "-2.5E-3", "-0", "0.0", "-0.000", "9007199254740993",
                    "123456789012345678", "1234567890123456789", "0.1234567890123456789", ".0000000000000000000001",
                    "1.00000005960464478"};
                return e[r.nextInt(e.length)];
            }
            default: {
                int point = r.nextInt(n + 1);
                String d = digits(r, n);
                return sign + d.substring(0, point) + "." + d.substring(point);
            }
        }
    }

    private List<List<String>> table(Random r, int rows, int maxDigits) {
        List<List<String>> t = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            List<String> row = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                row.add(cell(r, maxDigits));
            }
            t.add(row);
        }
        return t;
    }

    private Path write(List<List<String>> t) throws IOException {
        StringBuilder b = new StringBuilder("a,b,c\n");
        for (int i = 0; i < t.size(); i++) {
            b.append(String.join(",", t.get(i))).append(i % 5 == 0 ? "\r\n" : "\n");
        }
        Path p = dir.resolve("n" + t.size() + ".csv");
        Files.writeString(p, b, StandardCharsets.US_ASCII);
        return p;
    }

    @Test
    void everyCellIsTheJdksNumber() throws IOException {
        Random r = new Random(2024);
        List<List<String>> t = table(r, 150_000, 18); // ~4 MB: the 1 MB buffer ends cut cells
        Path p = write(t);
        NumericCsv d64 = NumericCsv.read(p, null, Cells.ANY);
        NumericCsv d32 = NumericCsv.read(p, null, Cells.FLOAT32);
        String[] names = {"a", "b", "c"};
        for (int j = 0; j < 3; j++) {
            double[] v64 = d64.column(names[j]);
            float[] v32 = d32.floatColumn(names[j]);
            for (int i = 0; i < t.size(); i++) {
                String s = t.get(i).get(j).strip();
                double want = Double.parseDouble(s);
                assertThat(Double.doubleToRawLongBits(v64[i])).as("row %d: '%s'", i, s)
                        .isEqualTo(Double.doubleToRawLongBits(want));
                assertThat(Float.floatToRawIntBits(v32[i])).as("row %d: '%s'", i, s)
                        .isEqualTo(Float.floatToRawIntBits((float) want));
            }
        }
    }

    /** Up to nine significant digits (what data files hold), rounding through the double changes nothing. */
    @Test
    void shortNumbersAreAlsoFloatParseFloat() throws IOException {
        Random r = new Random(7);
        List<List<String>> t = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            List<String> row = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                int n = 1 + r.nextInt(9);
                String d = digits(r, n);
                int point = r.nextInt(n + 1);
                row.add((r.nextBoolean() ? "-" : "") + d.substring(0, point) + "." + d.substring(point));
            }
            t.add(row);
        }
        NumericCsv d32 = NumericCsv.read(write(t), null, Cells.FLOAT32);
        String[] names = {"a", "b", "c"};
        for (int j = 0; j < 3; j++) {
            float[] v = d32.floatColumn(names[j]);
            for (int i = 0; i < t.size(); i++) {
                String s = t.get(i).get(j);
                assertThat(Float.floatToRawIntBits(v[i])).as("row %d: '%s'", i, s)
                        .isEqualTo(Float.floatToRawIntBits(Float.parseFloat(s)));
            }
        }
    }

    /**
     * Where the two roundings differ, the reader rounds through the double on both paths, as PyTorch does
     * ({@code torch.tensor(float(s))}, numpy's and pandas' float32 reads): 1.00000005960464478 lies just above the
     * midpoint between 1 and the next float32; its nearest double is that midpoint, which rounds to even, 1.
     */
    @Test
    void aNumberNearAMidpointRoundsThroughTheDoubleOnBothPaths() throws IOException {
        String s = "1.00000005960464478";
        assertThat(Float.parseFloat(s)).isEqualTo(Math.nextUp(1f));
        assertThat((float) Double.parseDouble(s)).isEqualTo(1f);
        Path p = dir.resolve("mid.csv");
        Files.writeString(p, "a\n" + s + "\n");
        assertThat(NumericCsv.read(p, null, Cells.FLOAT32).floatColumn("a")[0]).isEqualTo(1f);
        assertThat(NumericCsv.read(new StringReader("a\n" + s + "\n"), "mid.csv", null, Cells.FLOAT32)
                .floatColumn("a")[0]).isEqualTo(1f);
    }
}
