package org.losses4j.cli.delta;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code losses4j delta}: "How do I choose delta?" answered with data. */
@Command(name = "delta", mixinStandardHelpOptions = true,
        description = "Choose Huber's delta from data: rules (suggest) or cross-validation (sweep).",
        subcommands = {SuggestCommand.class, SweepCommand.class})
public final class DeltaCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return org.losses4j.cli.Main.missingSubcommand(spec);
    }
}
