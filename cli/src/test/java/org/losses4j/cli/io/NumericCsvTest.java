package org.losses4j.cli.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.Errors.CliException;
import org.losses4j.cli.io.NumericCsv.Cells;

/** The CSV reader's rules and messages: every problem names the file, the line (and column) and the rule. */
class NumericCsvTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return bytes(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path bytes(String name, byte[] b) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    private static String error(Runnable r) {
        try {
            r.run();
        } catch (CliException e) {
            assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception");
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    @Test
    void aDuplicateColumnNameIsRefusedWhenItIsRead() throws IOException {
        Path p = file("dupcol.csv", "a,a,price\n1,100,3\n2,200,4\n");
        assertThat(error(() -> NumericCsv.read(p, List.of("a", "price"))))
                .isEqualTo(p + ": duplicate column 'a' (columns 1 and 2)");
        assertThat(error(() -> NumericCsv.read(p))).isEqualTo(p + ": duplicate column 'a' (columns 1 and 2)");
        // a column that is not read may share its name with another
        assertThat(NumericCsv.read(p, List.of("price")).column("price")).containsExactly(3, 4);
    }

    @Test
    void aLeadingByteOrderMarkIsSkipped() throws IOException {
        byte[] text = "yhat,y\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(text, 0, withBom, 3, text.length);
        NumericCsv t = NumericCsv.read(bytes("bom.csv", withBom), List.of("yhat", "y"));
        assertThat(t.header()).containsExactly("yhat", "y");
        assertThat(t.column("yhat")).containsExactly(1, 3);
    }

    @Test
    void bytesThatAreNotUtf8AreReportedWithTheirLine() throws IOException {
        Path p = bytes("bin.csv", new byte[] {'y', 'h', 'a', 't', ',', 'y', '\n', '1', ',', '2', '\n', '3', ',',
            (byte) 0xff, (byte) 0xfe, '\n'});
        assertThat(error(() -> NumericCsv.read(p, List.of("yhat", "y"))))
                .isEqualTo(p + ":3: not UTF-8 text (line 3: byte 0xff at offset 13); save the file as UTF-8");
        // far into a file: the line is still exact, across the reader's buffer boundaries
        StringBuilder b = new StringBuilder("a,b\n");
        for (int i = 0; i < 20000; i++) {
            b.append(i).append(",é\n");
        }
        byte[] good = b.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[good.length + 4];
        System.arraycopy(good, 0, bad, 0, good.length);
        bad[good.length] = '1';
        bad[good.length + 1] = ',';
        bad[good.length + 2] = (byte) 0xc3; // a lead byte with no continuation
        bad[good.length + 3] = '\n';
        Path far = bytes("far.csv", bad);
        assertThat(error(() -> NumericCsv.read(far, List.of("a")))).startsWith(far + ":20002: not UTF-8 text");
    }

    @Test
    void aTrailingCommaIsNamedAsSuch() throws IOException {
        Path header = file("trail.csv", "yhat,y,\n1,2,\n");
        assertThat(error(() -> NumericCsv.read(header)))
                .isEqualTo(header + ":1:3: column 3 has no name in the header (the header ends with a comma); "
                        + "name it or remove it");
        assertThat(NumericCsv.read(header, List.of("yhat", "y")).rows()).isEqualTo(1);
        Path row = file("trail-row.csv", "yhat,y\n1,2,\n");
        assertThat(error(() -> NumericCsv.read(row)))
                .isEqualTo(row + ":2: row has 3 columns, the header has 2 (the row ends with a comma)");
        Path headerOnly = file("trail-header.csv", "yhat,y,\n1,2\n");
        assertThat(error(() -> NumericCsv.read(headerOnly, List.of("y"))))
                .isEqualTo(headerOnly + ":2: row has 2 columns, the header has 3 (the header ends with a comma)");
    }

    @Test
    void anUnterminatedQuoteIsNamed() throws IOException {
        Path p = file("bad.csv", "yhat,y\n\"1,2\n3,4\n");
        assertThat(error(() -> NumericCsv.read(p))).isEqualTo(p + ":2:1: unterminated quote: the quoted cell in "
                + "column yhat is never closed and runs to the end of the file");
        Path mid = file("mid.csv", "yhat,y\n\"1,2\n3\",4\n5,6\n");
        assertThat(error(() -> NumericCsv.read(mid)))
                .isEqualTo(mid + ":2:1: the quoted cell in column yhat runs over 2 lines (an unterminated quote?)");
    }

    @Test
    void nonFiniteAndOutOfRangeCellsNameFileLineAndColumn() throws IOException {
        Path p = file("big.csv", "a,price\n1,2\n2,1e+39\n");
        assertThat(error(() -> NumericCsv.read(p, null, Cells.FINITE_FLOAT32)))
                .isEqualTo(p + ":3:2: '1e+39' in column price is beyond float32's range (±3.4e38)");
        assertThat(error(() -> NumericCsv.read(p, null, Cells.FLOAT32))).contains("beyond float32's range");
        assertThat(NumericCsv.read(p, null, Cells.FINITE).column("price")).containsExactly(2, 1e39);
        Path huge = file("huge.csv", "a\n1e400\n");
        assertThat(error(() -> NumericCsv.read(huge, null, Cells.FINITE)))
                .isEqualTo(huge + ":2:1: '1e400' in column a is beyond float64's range (±1.8e308)");
        Path nan = file("nan.csv", "yhat,y\n1,NaN\n3,-inf\n");
        assertThat(error(() -> NumericCsv.read(nan, null, Cells.FINITE_FLOAT32)))
                .isEqualTo(nan + ":2:2: 'NaN' in column y is not a finite number");
        double[] y = NumericCsv.read(nan, null, Cells.FLOAT32).column("y");
        assertThat(y[0]).isNaN();
        assertThat(y[1]).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void javaNumberSuffixesAreNotNumbers() throws IOException {
        Path p = file("suffix.csv", "a\n1d\n");
        assertThat(error(() -> NumericCsv.read(p))).isEqualTo(p + ":2:1: '1d' in column a is not a number");
        Path hex = file("hex.csv", "a\n0x1p3\n");
        assertThat(error(() -> NumericCsv.read(hex))).isEqualTo(hex + ":2:1: '0x1p3' in column a is not a number");
        assertThat(NumericCsv.read(file("ok.csv", "a\n-.5\n+2.\n1E-3\n")).column("a")).containsExactly(-0.5, 2,
                0.001);
    }
}
