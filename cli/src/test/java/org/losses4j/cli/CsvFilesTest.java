package org.losses4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The commands that read CSV files (train, eval --csv, outliers, delta sweep/suggest) on odd files: each either reads
 * the file right or stops with one line naming the file, the line (and column) and the rule.
 */
class CsvFilesTest {
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

    /** A header and 60 rows: columns a (1..4), a again (100..600), price. */
    private Path duplicateColumns() throws IOException {
        StringBuilder b = new StringBuilder("a,a,price\n");
        for (int i = 0; i < 60; i++) {
            b.append(i % 4 + 1).append(',').append(100 + (i * 97) % 501).append(',').append(3 + i * 0.5).append('\n');
        }
        return file("dupcol.csv", b.toString());
    }

    static void assertOneLineError(CliRun r, String... words) {
        assertThat(r.exitCode).as(r.toString()).isNotZero();
        List<String> lines = r.err.lines().toList();
        assertThat(lines).as(r.toString()).hasSize(1);
        assertThat(lines.get(0)).as(r.toString()).doesNotContain("internal error").doesNotContain("Exception");
        for (String w : words) {
            assertThat(lines.get(0)).as(r.toString()).contains(w);
        }
    }

    @Test
    void duplicateColumnNamesAreRefusedByEveryCommandThatReadsThem() throws IOException {
        Path p = duplicateColumns();
        String msg = p + ": duplicate column 'a' (columns 1 and 2)";
        assertOneLineError(CliRun.run("train", "--data", p.toString(), "--target", "price", "--standardize",
                "--epochs", "1", "--no-plots", "--json", "--out", dir.resolve("o").toString()), msg);
        assertOneLineError(CliRun.run("eval", "--loss", "l1_loss", "--csv", p.toString(), "--column", "input=a",
                "--column", "target=price"), msg);
        assertOneLineError(CliRun.run("outliers", "--data", p.toString(), "--target", "a", "--no-plots"), msg);
        assertOneLineError(CliRun.run("delta", "suggest", "--data", p.toString(), "--target", "price"), msg);
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void aByteOrderMarkIsSkipped() throws IOException {
        byte[] text = "yhat,y\n1,2\n3,5\n".getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[text.length + 3];
        b[0] = (byte) 0xef;
        b[1] = (byte) 0xbb;
        b[2] = (byte) 0xbf;
        System.arraycopy(text, 0, b, 3, text.length);
        CliRun r = CliRun.run("eval", "--loss", "l1_loss", "--csv", bytes("bom.csv", b).toString(), "--column",
                "input=yhat", "--column", "target=y");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).isEqualTo("L1Loss(reduction=mean) = 1.5\n");
    }

    @Test
    void malformedFilesAreNamedByWhatIsWrong() throws IOException {
        Path bin = bytes("bin.csv", new byte[] {'y', 'h', 'a', 't', ',', 'y', '\n', '1', ',', '2', '\n', '3', ',',
            (byte) 0xff, '\n'});
        assertOneLineError(CliRun.run("eval", "--loss", "l1_loss", "--csv", bin.toString(), "--column",
                "input=yhat", "--column", "target=y"), bin + ":3: not UTF-8 text (line 3");
        Path trail = file("trail.csv", "a,b,price,\n1,2,3,\n4,5,6,\n7,8,9,\n");
        assertOneLineError(CliRun.run("train", "--data", trail.toString(), "--target", "price", "--epochs", "1",
                "--out", dir.resolve("t").toString()),
                trail + ":1:4: column 4 has no name in the header (the header ends with a comma)");
        Path quote = file("bad.csv", "yhat,y\n\"1,2\n3,4\n");
        assertOneLineError(CliRun.run("eval", "--loss", "l1_loss", "--csv", quote.toString(), "--column",
                "input=yhat", "--column", "target=y"), quote + ":2:1: unterminated quote");
    }

    @Test
    void nonFiniteAndOverflowingCellsNameFileLineAndColumn() throws IOException {
        Path nan = file("nan.csv", "x,y\n1,NaN\n3,4\n5,6\n");
        assertOneLineError(CliRun.run("delta", "sweep", "--data", nan.toString(), "--target", "y", "--folds", "2",
                "--epochs", "1", "--no-plots"), nan + ":2:2: 'NaN' in column y is not a finite number");
        assertOneLineError(CliRun.run("delta", "suggest", "--data", nan.toString(), "--target", "y"),
                nan + ":2:2: 'NaN' in column y is not a finite number");
        Path big = file("big.csv", "a,price\n1,1e+39\n2,3\n3,4\n4,5\n5,6\n");
        assertOneLineError(CliRun.run("train", "--data", big.toString(), "--target", "price", "--epochs", "1",
                "--out", dir.resolve("b").toString()),
                big + ":2:2: '1e+39' in column price is beyond float32's range (±3.4e38)");
        assertOneLineError(CliRun.run("eval", "--loss", "l1_loss", "--csv", big.toString(), "--column",
                "input=a", "--column", "target=price"), big + ":2:2: '1e+39' in column price is beyond float32's");
        // NaN written as such is a value eval computes with, as PyTorch does
        CliRun r = CliRun.run("eval", "--loss", "l1_loss", "--csv", nan.toString(), "--column", "input=x",
                "--column", "target=y", "--json");
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode j = org.losses4j.cli.Json.MAPPER.readTree(r.out);
        assertThat(j.get("value").asText()).isEqualTo("NaN");
    }
}
