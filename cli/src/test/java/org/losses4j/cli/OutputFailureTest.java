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
 * is a failure: a non-zero exit and one line on standard error.
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
}
