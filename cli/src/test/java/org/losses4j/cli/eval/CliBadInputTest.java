package org.losses4j.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.CliRun;
import org.losses4j.cli.Json;

/**
 * {@code losses4j eval} on bad flags and bad files: a non-zero exit, one line on standard error that names the
 * problem (usage errors may add picocli's "Try '... --help'" line), nothing on standard output, no stack trace and no
 * "internal error". In {@code --jsonl} mode a bad line answers with an error object and the stream goes on.
 */
class CliBadInputTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    /** A bad invocation and the words its message must contain. */
    private record Bad(String what, String[] args, String... mentions) {
    }

    private static Path file(String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, content);
            return p;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String[] a(Object... args) {
        String[] s = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            s[i] = String.valueOf(args[i]);
        }
        return s;
    }

    private static List<Bad> bad() {
        Path csv = file("ok.csv", "y,yhat\n3,2.5\n5,4.8\n");
        List<Bad> b = new ArrayList<>();
        b.add(new Bad("missing --jsonl file", a("eval", "--jsonl", dir.resolve("nope.jsonl")), "nope.jsonl",
                "no such file"));
        b.add(new Bad("--jsonl names a directory", a("eval", "--jsonl", dir), "cannot read"));
        b.add(new Bad("missing --csv file", a("eval", "--loss", "l1_loss", "--csv", dir.resolve("nope.csv"),
                "--column", "input=yhat", "--column", "target=y"), "nope.csv"));
        b.add(new Bad("--csv names a directory", a("eval", "--loss", "l1_loss", "--csv", dir, "--column",
                "input=yhat", "--column", "target=y"), dir.toString()));
        b.add(new Bad("non-numeric CSV cell", a("eval", "--loss", "l1_loss", "--csv",
                file("abc.csv", "y,yhat\n3,2.5\n5,abc\n"), "--column", "input=yhat", "--column", "target=y"),
                "'abc'", "yhat", ":3:"));
        b.add(new Bad("empty CSV cell", a("eval", "--loss", "l1_loss", "--csv", file("empty-cell.csv",
                "y,yhat\n3,\n5,4.8\n"), "--column", "input=yhat", "--column", "target=y"), "yhat"));
        b.add(new Bad("short CSV row", a("eval", "--loss", "l1_loss", "--csv", file("short.csv",
                "y,yhat\n3\n5,4.8\n"), "--column", "input=yhat", "--column", "target=y"), ":2"));
        b.add(new Bad("empty CSV file", a("eval", "--loss", "l1_loss", "--csv", file("empty.csv", ""),
                "--column", "input=yhat", "--column", "target=y"), "empty.csv"));
        b.add(new Bad("CSV with a header and no rows", a("eval", "--loss", "huber_loss", "--csv",
                file("hdr.csv", "yhat,y\n"), "--column", "input=yhat", "--column", "target=y"),
                "hdr.csv: no data rows"));
        b.add(new Bad("unknown CSV column", a("eval", "--loss", "l1_loss", "--csv", csv, "--column", "input=pred",
                "--column", "target=y"), "pred"));
        b.add(new Bad("--column without =", a("eval", "--loss", "l1_loss", "--csv", csv, "--column", "input",
                "--column", "target=y"), "--column"));
        b.add(new Bad("--column for an unknown input", a("eval", "--loss", "l1_loss", "--csv", csv, "--column",
                "input=yhat", "--column", "bogus=y"), "bogus"));
        b.add(new Bad("unknown loss", a("eval", "--loss", "hubber_loss", "--input", "1", "--target", "2"),
                "unknown loss 'hubber_loss'", "did you mean 'huber_loss'"));
        b.add(new Bad("unknown loss, far from any", a("eval", "--loss", "zzzzzzzzzz", "--input", "1", "--target",
                "2"), "unknown loss 'zzzzzzzzzz'"));
        b.add(new Bad("bad --reduction", a("eval", "--loss", "l1_loss", "--reduction", "meen", "--input", "1",
                "--target", "2"), "reduction", "meen"));
        b.add(new Bad("batchmean where the loss lacks it", a("eval", "--loss", "l1_loss", "--reduction",
                "batchmean", "--input", "1", "--target", "2"), "reduction", "batchmean"));
        b.add(new Bad("-p without =", a("eval", "--loss", "huber_loss", "-p", "delta", "--input", "1", "--target",
                "2"), "delta"));
        b.add(new Bad("-p non-numeric", a("eval", "--loss", "huber_loss", "-p", "delta=abc", "--input", "1",
                "--target", "2"), "delta"));
        b.add(new Bad("-p NaN", a("eval", "--loss", "huber_loss", "-p", "delta=NaN", "--input", "1", "--target",
                "2"), "delta", "NaN"));
        b.add(new Bad("-p boolean for a number", a("eval", "--loss", "huber_loss", "-p", "delta=true", "--input",
                "1", "--target", "2"), "delta"));
        b.add(new Bad("-p number for a boolean", a("eval", "--loss", "kl_div", "-p", "log_target=3", "--input",
                "1", "--target", "2"), "log_target"));
        b.add(new Bad("-p unknown", a("eval", "--loss", "huber_loss", "-p", "detla=1", "--input", "1", "--target",
                "2"), "detla"));
        b.add(new Bad("--input with an empty cell", a("eval", "--loss", "l1_loss", "--input", "1,,2", "--target",
                "1,2,3"), "--input"));
        b.add(new Bad("--input non-numeric", a("eval", "--loss", "l1_loss", "--input", "1,x", "--target", "1,2"),
                "--input", "'x'"));
        b.add(new Bad("--target missing", a("eval", "--loss", "l1_loss", "--input", "1,2"), "target"));
        b.add(new Bad("mismatched lengths", a("eval", "--loss", "l1_loss", "--input", "1,2,3", "--target", "1,2"),
                "target", "input"));
        b.add(new Bad("class index out of range", a("eval", "--loss", "cross_entropy", "-t", "input=0.1,0.2,0.7",
                "-t", "target=5"), "target"));
        b.add(new Bad("--tensor without =", a("eval", "--loss", "l1_loss", "-t", "input", "--target", "1"),
                "--tensor"));
        b.add(new Bad("--tensor for an unknown input", a("eval", "--loss", "l1_loss", "-t", "bogus=1", "--input",
                "1", "--target", "1"), "bogus"));
        b.add(new Bad("--column without --csv", a("eval", "--loss", "l1_loss", "--input", "1", "--target", "1",
                "--column", "input=y"), "--column"));
        b.add(new Bad("fractional class index", a("eval", "--loss", "cross_entropy",
                "-t", "input=0.1,0.2,0.7", "-t", "target=1.5"), "target"));
        b.add(new Bad("-p given twice", a("eval", "--loss", "huber_loss", "-p", "delta=1", "-p", "delta=2",
                "--input", "1", "--target", "3"), "--param delta is given twice (delta=1 and delta=2)"));
        b.add(new Bad("--column given twice for one input", a("eval", "--loss", "l1_loss", "--csv", csv,
                "--column", "input=yhat", "--column", "input=y", "--column", "target=y"),
                "--column input is given twice (input=yhat and input=y)"));
        b.add(new Bad("--tensor input alongside --input", a("eval", "--loss", "l1_loss", "--input", "1",
                "-t", "input=5", "--target", "3"), "input is given twice, by --input and by --tensor input=5"));
        b.add(new Bad("--tensor given twice", a("eval", "--loss", "l1_loss", "-t", "input=1", "-t", "input=5",
                "--target", "3"), "--tensor input is given twice"));
        b.add(new Bad("--input integer beyond int64", a("eval", "--loss", "l1_loss", "--input",
                "99999999999999999999", "--target", "1"), "--input: 99999999999999999999 is beyond the int64 range"));
        b.add(new Bad("--input beyond float32", a("eval", "--loss", "l1_loss", "--input", "1e39", "--target", "1"),
                "--input: 1e39 is beyond float32's range (±3.4e38)"));
        b.add(new Bad("--target beyond float32 among floats", a("eval", "--loss", "l1_loss", "--input", "1,2",
                "--target", "0.5,1e39"), "--target: 1e39 is beyond float32's range"));
        b.add(new Bad("--input with Java's double suffix", a("eval", "--loss", "l1_loss", "--input", "1d",
                "--target", "1"), "--input must be comma-separated numbers, got '1d'"));
        b.add(new Bad("-p with Java's double suffix", a("eval", "--loss", "huber_loss", "-p", "delta=1d",
                "--input", "1", "--target", "1"), "delta", "1d"));
        b.add(new Bad("--input JSON array beyond float32", a("eval", "--loss", "l1_loss", "--input", "[1e39]",
                "--target", "[1.0]"), "--input: 1E+39 is beyond float32's range"));
        b.add(new Bad("--input malformed JSON array", a("eval", "--loss", "l1_loss", "--input", "[1,2",
                "--target", "1,2"), "--input must be comma-separated numbers or a JSON array, got '[1,2'"));
        b.add(new Bad("class-index target as a comma list", a("eval", "--loss", "cross_entropy", "--input",
                "0.1,0.2,0.7", "--target", "2"), "cross_entropy: target shape [1] must be []",
                "--input '[[0.1,0.2,0.7]]' --target '[2]'", "--jsonl"));
        b.add(new Bad("class-index target of nll_loss as a comma list", a("eval", "--loss", "nll_loss", "--input",
                "-1,-2,-0.5", "--target", "2"), "nll_loss", "--target '[2]'"));
        b.add(new Bad("class index out of range in a batch", a("eval", "--loss", "cross_entropy", "--input",
                "[[0.1,0.2,0.7]]", "--target", "[5]"), "cross_entropy", "5"));
        b.add(new Bad("unknown option", a("eval", "--bogus"), "--bogus"));
        b.add(new Bad("option without its value", a("eval", "--loss"), "--loss"));
        b.add(new Bad("unknown command", a("evl"), "evl"));
        return b;
    }

    @TestFactory
    Stream<DynamicTest> badFlagsAndFilesFailWithOneLine() {
        return bad().stream().map(b -> DynamicTest.dynamicTest(b.what(), () -> {
            CliRun r = assertTimeoutPreemptively(LIMIT, () -> CliRun.run(b.args()));
            assertOneLineFailure(r, b.mentions());
        }));
    }

    @Test
    void unreadableJsonlBytesFailWithOneLine() throws Exception {
        Path p = dir.resolve("latin1.jsonl");
        Files.write(p, "{\"loss\":\"l1_loss\",\"id\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRun r = CliRun.run("eval", "--jsonl", p.toString());
        // Either the bad byte is a read error (non-zero, one line) or the line is answered with an error object.
        if (r.exitCode != 0) {
            assertOneLineFailure(r, "latin1.jsonl");
        } else {
            assertThat(r.out.lines().count()).isEqualTo(1);
            assertThat(Json.MAPPER.readTree(r.out).has("error")).isTrue();
        }
    }

    @Test
    void everyBadJsonlLineIsAnsweredAndTheStreamGoesOn() throws Exception {
        String ok = "{\"id\":\"ok\",\"loss\":\"l1_loss\",\"inputs\":{\"input\":[1.0,2.0],\"target\":[0.0,0.0]}}";
        StringBuilder deep = new StringBuilder("{\"loss\":\"l1_loss\",\"inputs\":{\"input\":");
        deep.append("[".repeat(5000)).append("1").append("]".repeat(5000)).append(",\"target\":1}}");
        List<String> badLines = List.of(
                "{\"loss\":\"l1_loss\",",                                   // truncated JSON
                "not json at all",
                "[1,2,3]",                                                  // not an object
                "\"a string\"",
                "42",
                "null",
                "{}",                                                       // no loss
                "{\"loss\":\"hubber_loss\",\"inputs\":{}}",                  // unknown loss, did-you-mean
                "{\"loss\":\"l1_loss\",\"inputs\":{\"input\":[1],\"target\":[1,2]}}",
                "{\"loss\":\"l1_loss\",\"inputs\":{\"input\":[[1],[1,2]],\"target\":[1,2]}}",
                "{\"loss\":\"l1_loss\",\"inputs\":{\"input\":[true],\"target\":[1]}}",
                "{\"loss\":\"l1_loss\",\"reduction\":\"meen\",\"inputs\":{\"input\":[1],\"target\":[1]}}",
                "{\"loss\":\"cross_entropy\",\"inputs\":{\"input\":[[0.1,0.9]],\"target\":[99999999999999999999]}}",
                "{\"loss\":\"cross_entropy\",\"inputs\":{\"input\":[[0.1,0.9]],\"target\":[-3]}}",
                "{\"loss\":\"huber_loss\",\"params\":{\"delta\":\"abc\"},\"inputs\":{\"input\":[1],\"target\":[1]}}",
                "{\"loss\":\"l1_loss\",\"inputs\":{\"input\":[1],\"target\":[1]},\"grad\":[\"bogus\"]}",
                deep.toString());
        StringBuilder in = new StringBuilder(ok).append('\n');
        for (String l : badLines) {
            in.append(l).append('\n').append(ok).append('\n');
        }
        CliRun r = assertTimeoutPreemptively(LIMIT, () -> CliRun.runWithStdin(in.toString(), "eval", "--jsonl",
                "-"));
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.err).as(r.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        List<String> out = r.out.lines().toList();
        assertThat(out).hasSize(1 + 2 * badLines.size());
        for (int i = 0; i < out.size(); i++) {
            JsonNode n = Json.MAPPER.readTree(out.get(i));
            if (i % 2 == 0) {
                assertThat(n.get("id").asText()).as("line %d: %s", i + 1, out.get(i)).isEqualTo("ok");
                assertThat(n.get("value").asDouble()).isEqualTo(1.5);
                continue;
            }
            String bad = badLines.get(i / 2);
            assertThat(n.has("error")).as("%s -> %s", bad, out.get(i)).isTrue();
            String err = n.get("error").asText();
            assertThat(err).as(bad).doesNotContain("internal error").doesNotContain("\n")
                    .matches("(request|unknown loss|[a-z0-9_]+_loss|l1_loss|cross_entropy)[: ].*");
        }
        assertThat(Json.MAPPER.readTree(out.get(15)).get("error").asText()).contains("did you mean 'huber_loss'");
    }

    private static void assertOneLineFailure(CliRun r, String... mentions) {
        assertThat(r.exitCode).as(r.toString()).isNotZero();
        assertThat(r.out).as(r.toString()).isEmpty();
        List<String> lines = r.err.lines().toList();
        assertThat(lines).as(r.toString()).isNotEmpty();
        assertThat(lines.size() == 1 || lines.size() == 2 && lines.get(1).startsWith("Try '"))
                .as("one line (plus picocli's usage hint): %s", r).isTrue();
        assertThat(lines.get(0)).as(r.toString()).startsWith("losses4j").doesNotContain("internal error")
                .doesNotContain("Exception").doesNotContain("\tat ");
        for (String m : mentions) {
            assertThat(lines.get(0)).as(r.toString()).contains(m);
        }
    }
}
