package org.losses4j.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.CliRun;
import org.losses4j.cli.Json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code eval --jsonl} line by line: a file and standard input are read the same way, every line is answered (also
 * one that is not UTF-8, or not JSON), the error count comes from the answers, and the messages are short.
 */
class JsonlStreamTest {
    private static final String OK = "{\"id\":1,\"loss\":\"l1_loss\",\"inputs\":{\"input\":[1.0],\"target\":[0.0]}}";

    @TempDir
    Path tmp;

    private static CliRun stdin(byte[] bytes, String... args) {
        return CliRun.runWith(new ByteArrayInputStream(bytes), new ByteArrayOutputStream(), args);
    }

    /** Runs {@code eval --jsonl} on the bytes as a file and from standard input; both must print the same. */
    private CliRun both(byte[] bytes) throws Exception {
        Path f = tmp.resolve("requests.jsonl");
        Files.write(f, bytes);
        CliRun file = CliRun.run("eval", "--jsonl", f.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliRun in = CliRun.runWith(new ByteArrayInputStream(bytes), out, "eval", "--jsonl", "-");
        assertThat(out.toString(StandardCharsets.UTF_8)).as("standard input as the file").isEqualTo(file.out);
        assertThat(in.exitCode).isEqualTo(file.exitCode);
        assertThat(in.err).isEqualTo(file.err);
        return file;
    }

    private static byte[] lines(Object... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Object p : parts) {
            byte[] bytes = p instanceof byte[] ? (byte[]) p : ((String) p).getBytes(StandardCharsets.UTF_8);
            b.writeBytes(bytes);
            b.write('\n');
        }
        return b.toByteArray();
    }

    @Test
    void aLineThatIsNotUtf8IsAnsweredWithAnErrorAndTheOthersAreAnswered() throws Exception {
        byte[] bad = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xff, '"', '}'};
        CliRun r = both(lines(OK, OK, OK, OK, OK, bad, OK));
        assertThat(r.exitCode).as(r.toString()).isZero();
        List<String> out = r.out.lines().toList();
        assertThat(out).hasSize(7);
        for (int i : new int[] {0, 1, 2, 3, 4, 6}) {
            assertThat(out.get(i)).isEqualTo("{\"id\":1,\"value\":1.0}");
        }
        assertThat(out.get(5)).isEqualTo("{\"error\":\"request: line 6 is not valid UTF-8 (byte 8 of the line: "
                + "0xFF)\"}");
        assertThat(r.err.strip()).isEqualTo("losses4j eval: 1 of 7 requests answered with an error");
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsIgnored() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] first = new byte[bom.length + OK.length()];
        System.arraycopy(bom, 0, first, 0, 3);
        System.arraycopy(OK.getBytes(StandardCharsets.UTF_8), 0, first, 3, OK.length());
        CliRun r = both(lines(first, OK));
        assertThat(r.out.lines().toList()).containsExactly("{\"id\":1,\"value\":1.0}", "{\"id\":1,\"value\":1.0}");
        assertThat(r.err).isEmpty();
    }

    @Test
    void crlfLineEndsAreLineEnds() throws Exception {
        CliRun r = both((OK + "\r\n" + OK + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(r.out.lines().toList()).containsExactly("{\"id\":1,\"value\":1.0}", "{\"id\":1,\"value\":1.0}",
                "{\"error\":\"request: line 3 is blank; every line must be one request (a JSON object)\"}");
    }

    @Test
    void theErrorCountComesFromTheAnswersNotFromTheirText() throws Exception {
        CliRun r = both(lines("{\"id\":{\"a\":1,\"error\":2},\"loss\":\"l1_loss\",\"inputs\":{\"input\":[1.0],"
                + "\"target\":[0.0]}}", "{\"id\":\"error\",\"loss\":\"l1_loss\",\"inputs\":{\"input\":[1.0],"
                + "\"target\":[0.0]}}"));
        assertThat(r.out.lines().toList()).containsExactly("{\"id\":{\"a\":1,\"error\":2},\"value\":1.0}",
                "{\"id\":\"error\",\"value\":1.0}");
        assertThat(r.err).isEmpty();
        CliRun e = both(lines("{\"id\":\"x\",\"loss\":\"nope\",\"inputs\":{}}", OK));
        assertThat(e.err.strip()).isEqualTo("losses4j eval: 1 of 2 requests answered with an error");
    }

    @Test
    void aKeyTwiceIsAnError() throws Exception {
        CliRun r = both(lines("{\"loss\":\"huber_loss\",\"loss\":\"mse_loss\",\"inputs\":{\"input\":[1.0],"
                + "\"target\":[0.0]}}", "{\"loss\":\"huber_loss\",\"params\":{\"delta\":1,\"delta\":2},"
                + "\"inputs\":{\"input\":[1.0],\"target\":[0.0]}}"));
        List<String> out = r.out.lines().toList();
        assertThat(Json.MAPPER.readTree(out.get(0)).get("error").asText())
                .isEqualTo("request: duplicate key 'loss' on line 1, column 28");
        assertThat(Json.MAPPER.readTree(out.get(1)).get("error").asText())
                .startsWith("request: duplicate key 'delta' on line 2, column ");
    }

    @Test
    void malformedJsonIsDescribedInShortWithLineAndColumn() throws Exception {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        List<String> bad = List.of(
                "{\"loss\":",
                "nope",
                "{\"loss\":\"l1_loss\"} x",
                "{\"loss\":\"l1_loss\"} {}",
                "{\"a\":1,}",
                "{\"a\":\"b\tc\"}",
                "{\"a\":01}",
                "{\"a\" 1}",
                "[1 2]",
                "{\"a\":\"\\q\"}",
                "{\"a\":\"x",
                "{\"a\":1}}",
                "\uFEFF" + OK,
                "{\"a\":" + deep + "}",
                "{\"a\":" + "9".repeat(2000) + "}");
        CliRun r = both(lines(bad.toArray()));
        List<String> out = r.out.lines().toList();
        assertThat(out).hasSize(bad.size());
        for (int i = 0; i < out.size(); i++) {
            String m = Json.MAPPER.readTree(out.get(i)).get("error").asText();
            assertThat(m).as("line %d", i + 1).startsWith("request: malformed JSON on line " + (i + 1) + ", column ")
                    .doesNotContain("com.fasterxml").doesNotContain("Source").doesNotContain("REDACTED")
                    .doesNotContain("FAIL_ON").doesNotContain("bound as").doesNotContain("JsonNode")
                    .doesNotContain("`").doesNotContain("(code").doesNotContain("\n");
            assertThat(m.length()).as(m).isLessThan(120);
        }
        assertThat(out.get(2)).contains("line 3, column 20: unexpected text after the JSON value");
        assertThat(out.get(3)).contains("line 4, column 20: unexpected text after the JSON value");
        assertThat(out.get(0)).contains("the line ends before the JSON value is complete");
        assertThat(out.get(4)).contains("column 8: unexpected character '}'");
        assertThat(out.get(12)).contains("line 13, column 1: unexpected character U+FEFF");
        assertThat(out.get(13)).contains("nested deeper than 1000 levels");
        assertThat(out.get(14)).contains("number longer than 1000 characters");
    }

    @Test
    void jsonlNeedsAName() {
        CliRun r = CliRun.run("eval", "--jsonl", "");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.err.strip()).isEqualTo("losses4j eval: --jsonl needs a file name or - (standard input), got ''");
    }

    @Test
    void jsonlRefusesOptionsItWouldIgnore() {
        for (String[] extra : new String[][] {{"--grad"}, {"-g"}, {"--json"}, {"-q"}, {"--quiet"}, {"--column",
            "input=y"}}) {
            String[] args = new String[3 + extra.length];
            args[0] = "eval";
            args[1] = "--jsonl";
            args[2] = "-";
            System.arraycopy(extra, 0, args, 3, extra.length);
            CliRun r = stdin(lines(OK), args);
            assertThat(r.exitCode).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err.strip()).startsWith("losses4j eval: --jsonl takes every setting from the requests")
                    .contains("do not combine it with " + (extra[0].equals("-g") ? "--grad"
                            : extra[0].equals("-q") ? "--quiet" : extra[0]));
        }
    }
}
