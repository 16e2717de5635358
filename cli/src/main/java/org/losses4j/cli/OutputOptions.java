package org.losses4j.cli;

import picocli.CommandLine.Option;

/** The output options every command has: {@code --json} and {@code --quiet}. */
public final class OutputOptions {
    /** The value of {@code --json}. */
    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    public boolean json;

    /** The value of {@code --quiet}. */
    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors (and --json output).")
    public boolean quiet;
}
