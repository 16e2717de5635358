package org.losses4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard output that cannot be written (a full disk, as {@code > /dev/full}; a closed pipe, as {@code | head -1})
 * is a failure: a non-zero exit and one line on standard error, and a JSON-lines run stops reading its input.
 */
class OutputFailureTest {
    private static final String REQUEST = "{\"id\":1,\"loss\":\"l1_loss\",\"inputs\":{\"input\":[1.0],\"target\":[0.0]}}";

    @TempDir
    Path tmp;

    /** Accepts {@code limit} bytes, then fails every write, as a pipe whose reader has gone. */
    private static final class FailingOutput extends OutputStream {
        private final long limit;
        private long written;
        long afterFailure;

        FailingOutput(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written + len > limit) {
                afterFailure++;
                throw new IOException("Broken pipe");
            }
            written += len;
        }
    }

    /**
     * The same request line over and over (as {@code yes REQUEST}), up to 16 MiB, so that a loop that never
     * stops ends anyway and fails the test instead of hanging it.
     */
    private static final class Endless extends InputStream {
        private static final long LIMIT = 16 << 20;
        private final byte[] line = (REQUEST + "\n").getBytes(StandardCharsets.UTF_8);
        private int i;
        long read;

        @Override
        public int read() {
            if (read == LIMIT) {
                return -1;
            }
            read++;
            int b = line[i];
            i = (i + 1) % line.length;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int k = 0;
            for (int c; k < len && (c = read()) >= 0; k++) {
                b[off + k] = (byte) c;
            }
            return k == 0 && len > 0 ? -1 : k;
        }
    }

    private static InputStream none() {
        return new ByteArrayInputStream(new byte[0]);
    }

    private static void assertWriteFailure(CliRun r, String command) {
        assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
        assertThat(r.err.lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err).startsWith(command + ": cannot write to standard output").doesNotContain("Exception");
    }

    @Test
    void aFullDiskFailsEveryCommandThatPrints() throws Exception {
        Path req = Files.writeString(tmp.resolve("req.jsonl"), REQUEST + "\n");
        assertWriteFailure(CliRun.runWith(none(), new FailingOutput(0), "list"), "losses4j list");
        assertWriteFailure(CliRun.runWith(none(), new FailingOutput(0), "delta", "suggest", "--json"),
                "losses4j delta suggest");
        assertWriteFailure(CliRun.runWith(none(), new FailingOutput(0), "eval", "--loss", "l1_loss", "--input", "1",
                "--target", "2"), "losses4j eval");
        assertWriteFailure(CliRun.runWith(none(), new FailingOutput(0), "eval", "--jsonl", req.toString()),
                "losses4j eval");
        assertWriteFailure(CliRun.runWith(none(), new FailingOutput(0), "--help"), "losses4j");
    }

    @Test
    void aClosedPipeStopsTheJsonlLoop() {
        Endless in = new Endless();
        FailingOutput out = new FailingOutput("{\"id\":1,\"value\":1.0}\n".length()); // as head -1
        CliRun r = CliRun.runWith(in, out, "eval", "--jsonl", "-");
        assertThat(in.read).as("stops reading soon after the output fails").isLessThan(1 << 20);
        assertWriteFailure(r, "losses4j eval");
        assertThat(r.err).contains("stopped after 2 requests");
    }
}
