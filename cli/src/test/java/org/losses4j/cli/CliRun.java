package org.losses4j.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process and captures what it prints. */
public final class CliRun {
    public final int exitCode;
    public final String out;
    public final String err;

    private CliRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code losses4j args...}. */
    public static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs with {@code stdin} as standard input. */
    public static synchronized CliRun runWithStdin(String stdin, String... args) {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }

    /**
     * Runs with {@code stdin} as standard input and {@code stdout} as standard output (say, one that fails as a
     * closed pipe or a full disk does); {@link #out} is then empty.
     */
    public static synchronized CliRun runWith(InputStream stdin, java.io.OutputStream stdout, String... args) {
        InputStream saved = System.in;
        try {
            System.setIn(stdin);
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8), true),
                    new PrintWriter(err, true), args);
            return new CliRun(code, "", err.toString());
        } finally {
            System.setIn(saved);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
