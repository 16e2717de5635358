package org.losses4j.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.CliProcess;
import org.losses4j.cli.CliRun;

/**
 * The protocol's strict edges: a blank line is answered (line-to-line alignment), a duplicate name in {@code grad}
 * and a number beyond float64 are errors naming the field, and a line over the limit is answered with an error
 * without ever being held whole.
 */
class JsonlLimitsTest {
    private static final String OK = "{\"id\":1,\"loss\":\"l1_loss\",\"inputs\":{\"input\":[1.0],\"target\":[0.0]}}";
    private static final String OK_RESPONSE = "{\"id\":1,\"value\":1.0}";

    @TempDir
    Path tmp;

    private static List<String> answer(String text) {
        CliRun r = CliRun.runWithStdin(text, "eval", "--jsonl", "-");
        assertThat(r.exitCode).as(r.toString()).isZero();
        return r.out.lines().toList();
    }

    @Test
    void aBlankLineIsAnsweredWithAnErrorSoThatResponsesStayAlignedWithLines() {
        List<String> out = answer(OK + "\n\n   \n" + OK + "\n");
        assertThat(out).hasSize(4);
        assertThat(out.get(0)).isEqualTo(OK_RESPONSE);
        assertThat(out.get(1)).isEqualTo("{\"error\":\"request: line 2 is blank; every line must be one request "
                + "(a JSON object)\"}");
        assertThat(out.get(2)).contains("line 3 is blank");
        assertThat(out.get(3)).isEqualTo(OK_RESPONSE);
    }

    @Test
    void aNameTwiceInGradIsRejected() {
        List<String> out = answer("{\"id\":2,\"loss\":\"l1_loss\",\"inputs\":{\"input\":[1.0],\"target\":[0.0]},"
                + "\"grad\":[\"input\",\"input\"]}\n");
        assertThat(out).containsExactly("{\"id\":2,\"error\":\"l1_loss: grad names 'input' twice; name each input "
                + "once\"}");
    }

    @Test
    void aNumberBeyondFloat64IsRejectedNamingTheField() {
        List<String> out = answer("{\"loss\":\"l1_loss\",\"inputs\":{\"input\":[1.0,1e400],\"target\":[0.0,0.0]}}\n"
                + "{\"loss\":\"huber_loss\",\"params\":{\"delta\":-2e999},\"inputs\":{\"input\":[1.0],"
                + "\"target\":[0.0]}}\n"
                // the names stay accepted: Python's json module writes them
                + "{\"loss\":\"l1_loss\",\"inputs\":{\"input\":[Infinity],\"target\":[0.0]}}\n");
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isEqualTo("{\"error\":\"request: the number 1e400 in 'inputs.input[1]' is beyond "
                + "float64's range (±1.8e308) on line 1\"}");
        assertThat(out.get(1)).contains("-2e999").contains("'params.delta'").contains("float64's range");
        assertThat(out.get(2)).isEqualTo("{\"value\":\"Infinity\"}");
    }

    @Test
    void aLineOverTheLimitIsAnsweredAndTheNextLinesAreRead() throws Exception {
        String big = "{\"loss\":\"l1_loss\",\"inputs\":{\"input\":[" + "1.0,".repeat(2000) + "1.0]}}";
        StringWriter out = new StringWriter();
        JsonlEvaluator.Counts c = new JsonlEvaluator(1000).run(new ByteArrayInputStream((OK + "\n" + big + "\r\n"
                + OK + "\n" + "x".repeat(5000)).getBytes(StandardCharsets.UTF_8)), new PrintWriter(out));
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo(OK_RESPONSE);
        assertThat(lines.get(1)).isEqualTo("{\"error\":\"request: line 2 is " + big.length() + " bytes long, over "
                + "the limit of 1000 bytes per request; split it into smaller requests\"}");
        assertThat(lines.get(2)).isEqualTo(OK_RESPONSE);
        assertThat(lines.get(3)).contains("line 4 is 5000 bytes long");
        assertThat(c.requests()).isEqualTo(4);
        assertThat(c.errors()).isEqualTo(2);
    }

    /**
     * One 200 MB line (never a line break) into a JVM of 64 MB: the line is counted, not held, and the request after
     * it is answered. Before the limit applied while reading, this ended in an OutOfMemoryError.
     */
    @Test
    void aHugeLineIsReadInBoundedMemory() throws Exception {
        ProcessBuilder pb = CliProcess.builder(tmp, List.of("-Xmx64m"), "eval", "--jsonl", "-");
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        long size = 200L << 20;
        Thread writer = new Thread(() -> {
            try (OutputStream in = p.getOutputStream()) {
                byte[] chunk = "[1.0,2.5,".repeat(1 << 13).getBytes(StandardCharsets.US_ASCII);
                for (long written = 0; written < size; written += chunk.length) {
                    in.write(chunk);
                }
                in.write(('\n' + OK + '\n').getBytes(StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                // the child died: its exit code and output tell
            }
        });
        writer.start();
        byte[] stdout;
        byte[] stderr;
        try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
            stdout = o.readAllBytes();
            stderr = e.readAllBytes();
        }
        int code = p.waitFor();
        writer.join();
        String out = new String(stdout, StandardCharsets.UTF_8);
        String err = new String(stderr, StandardCharsets.UTF_8);
        assertThat(code).as(out + err).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines).as(err).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"error\":\"request: line 1 is ").contains("over the limit");
        assertThat(lines.get(1)).isEqualTo(OK_RESPONSE);
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
