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
        /** The exit status the run ends with. */
        private final int exitCode;

        /**
         * A failure that ends the run with {@link Main#EXIT_FAILURE}.
         *
         * @param message the one-line message
         */
        public CliException(String message) {
            this(message, Main.EXIT_FAILURE);
        }

        /**
         * A failure that ends the run with the given status.
         *
         * @param message  the one-line message
         * @param exitCode the exit status
         */
        public CliException(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        /**
         * A failure that ends the run with {@link Main#EXIT_FAILURE}, caused by another.
         *
         * @param message the one-line message
         * @param cause the exception that made the run fail (an I/O error, say), kept for debugging
         */
        public CliException(String message, Throwable cause) {
            super(message, cause);
            this.exitCode = Main.EXIT_FAILURE;
        }

        /**
         * The exit status.
         *
         * @return the exit status the run ends with
         */
        public int exitCode() {
            return exitCode;
        }
    }

    static int onParameterException(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        cl.getErr().println(fullName(cl) + ": " + oneLine(e.getMessage()).replaceFirst("^Error: ", ""));
        cl.getErr().println("Try '" + fullName(cl) + " --help' for the options.");
        return Main.EXIT_USAGE;
    }

    static int onExecutionException(Exception e, CommandLine cl, ParseResult parseResult) {
        if (org.losses4j.cli.io.OutputSet.interrupted()) {
            return Main.EXIT_INTERRUPTED; // Ctrl-C: whatever failed after it, the hook has said "interrupted"
        }
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

    /**
     * The line for a run that ran out of heap: what the last file read holds, the heap's size, and how to give it
     * more ({@code -Xmx} of twice the heap, in whole gigabytes from 1 GB).
     *
     * @return the one-line message, for standard error
     */
    public static String outOfMemory() {
        long heap = Runtime.getRuntime().maxMemory() >> 20;
        long more = Math.max(2 * heap, 1024);
        String x = (more + 1023) / 1024 + "g";
        String data = org.losses4j.cli.io.NumericCsv.lastReadNeeds();
        return "out of memory" + (data != null ? ": " + data : "") + "; the Java heap is " + heap
                + " MB (set LOSSES4J_JAVA_OPTS=-Xmx" + x + ")";
    }

    /**
     * An I/O error in words, with the file it concerns: {@code no such file: data.csv}; no exception class.
     *
     * @param t the failure
     * @return an I/O error in words, with the file it concerns: {@code no such file: data.csv}; no exception class
     */
    public static String describe(Throwable t) {
        if (t instanceof java.nio.file.FileSystemException) {
            java.nio.file.FileSystemException f = (java.nio.file.FileSystemException) t;
            String file = f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> "
                    + f.getOtherFile());
            return file.isEmpty() ? reason(f) : reason(f) + ": " + file;
        }
        return t instanceof IOException ? reason((IOException) t) : oneLine(String.valueOf(t.getMessage()));
    }

    /**
     * The reason of an I/O failure in a few words (no file name, no exception class): {@code permission denied}.
     *
     * @param e the I/O failure
     * @return the reason of an I/O failure in a few words (no file name, no exception class): {@code permission denied}
     */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof java.nio.file.DirectoryNotEmptyException) {
            return "folder not empty";
        }
        if (e instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) e).getReason()
                != null) {
            return oneLine(((java.nio.file.FileSystemException) e).getReason()).toLowerCase(java.util.Locale.ROOT);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "input/output error" : oneLine(m);
    }

    private static String fullName(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName();
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
