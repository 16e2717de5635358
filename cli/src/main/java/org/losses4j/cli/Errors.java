package org.losses4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** One-line error reporting for the CLI. */
public final class Errors {
    private Errors() {
    }

    /** A failure the user can act on: its message is printed as is, after the command name. */
    public static final class CliException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int exitCode;

        public CliException(String message) {
            this(message, Main.EXIT_FAILURE);
        }

        public CliException(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        public CliException(String message, Throwable cause) {
            super(message, cause);
            this.exitCode = Main.EXIT_FAILURE;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    static int onParameterException(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        cl.getErr().println(fullName(cl) + ": " + oneLine(e.getMessage()));
        cl.getErr().println("Try '" + fullName(cl) + " --help' for the options.");
        return Main.EXIT_USAGE;
    }

    static int onExecutionException(Exception e, CommandLine cl, ParseResult parseResult) {
        String name = fullName(cl);
        if (System.getenv("LOSSES4J_STACKTRACE") != null) {
            e.printStackTrace(cl.getErr());
        }
        if (e instanceof CliException) {
            cl.getErr().println(name + ": " + oneLine(e.getMessage()));
            return ((CliException) e).exitCode();
        }
        if (e instanceof IllegalArgumentException) {
            cl.getErr().println(name + ": " + oneLine(e.getMessage()));
            return Main.EXIT_USAGE;
        }
        if (e instanceof UncheckedIOException || e instanceof IOException) {
            Throwable c = e instanceof UncheckedIOException ? e.getCause() : e;
            cl.getErr().println(name + ": " + describe(c));
            return Main.EXIT_FAILURE;
        }
        cl.getErr().println(name + ": internal error: " + e.getClass().getSimpleName() + ": " + oneLine(
                String.valueOf(e.getMessage())) + " (set LOSSES4J_STACKTRACE=1 for the stack trace)");
        return Main.EXIT_FAILURE;
    }

    /** An I/O error in words: {@code cannot read data.csv: no such file}. */
    public static String describe(Throwable t) {
        if (t instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + t.getMessage();
        }
        if (t instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + t.getMessage();
        }
        return oneLine(t.getClass().getSimpleName() + ": " + t.getMessage());
    }

    private static String fullName(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName();
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
