package org.losses4j.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the CLI in a child JVM (the test class path, {@link Main} as the entry point): for what only a real process
 * shows, a heap limit, a signal, two runs at once.
 */
public final class CliProcess {
    private CliProcess() {
    }

    /** A builder for {@code java [jvmOptions] org.losses4j.cli.Main args...}, in {@code dir}. */
    public static ProcessBuilder builder(Path dir, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1"); // a short run: start-up time matters more than peak speed
        cmd.add("-Xshare:auto");
        // The plain loops, asked for: without the Vector API module the kernels would say on standard error that
        // they fall back, and these tests read standard error line by line.
        cmd.add("-Dlosses4j.simd=false");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.directory(dir.toFile());
        pb.environment().remove("LOSSES4J_STACKTRACE");
        return pb;
    }

    /** The class path separator, for tests that build one. */
    public static String pathSeparator() {
        return File.pathSeparator;
    }

    /** Runs to the end with no input; returns exit code, standard output and standard error. */
    public static CliRunResult run(Path dir, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        ProcessBuilder pb = builder(dir, jvmOptions, args);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Path out = java.nio.file.Files.createTempFile("losses4j-out", ".txt");
        Path err = java.nio.file.Files.createTempFile("losses4j-err", ".txt");
        try {
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            int code = pb.start().waitFor();
            return new CliRunResult(code, java.nio.file.Files.readString(out), java.nio.file.Files.readString(err));
        } finally {
            java.nio.file.Files.deleteIfExists(out);
            java.nio.file.Files.deleteIfExists(err);
        }
    }

    /** What a child run printed. */
    public record CliRunResult(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
