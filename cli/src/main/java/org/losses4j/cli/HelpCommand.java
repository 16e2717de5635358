package org.losses4j.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Parameters;

/**
 * {@code losses4j help [COMMAND...]}: the help of a command at any depth ({@code losses4j help delta sweep}), where
 * picocli's own help command looks one level down only.
 */
@Command(name = "help", helpCommand = true, description = "Show the help of a command: 'losses4j help delta sweep'.")
public final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, with its subcommands.")
    List<String> commands = new ArrayList<>();

    private CommandLine self;
    private ColorScheme colors;

    @Override
    public void init(CommandLine helpCommandLine, ColorScheme colorScheme, java.io.PrintWriter out,
            java.io.PrintWriter err) {
        // the PrintWriters of the command line are used instead (see run)
        this.self = helpCommandLine;
        this.colors = colorScheme;
    }

    @Override
    public void run() {
        CommandLine cl = self.getParent();
        for (String name : commands) {
            CommandLine sub = cl.getSubcommands().get(name);
            if (sub == null) {
                throw new IllegalArgumentException("unknown command '" + name + "'"
                        + (cl.getSubcommands().isEmpty() ? ": '" + cl.getCommandSpec().qualifiedName()
                                + "' has no subcommands" : "; commands: "
                                + String.join(", ", cl.getSubcommands().keySet())));
            }
            cl = sub;
        }
        java.io.PrintWriter out = self.getOut();
        cl.usage(out, colors == null ? CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF) : colors);
        out.flush();
    }
}
