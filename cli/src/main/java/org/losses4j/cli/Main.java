package org.losses4j.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.losses4j.cli.delta.DeltaCommand;
import org.losses4j.cli.delta.PlotLossesCommand;
import org.losses4j.cli.eval.EvalCommand;
import org.losses4j.cli.eval.ListCommand;
import org.losses4j.cli.io.OutputSet;
import org.losses4j.cli.train.BostonCommand;
import org.losses4j.cli.train.OutliersCommand;
import org.losses4j.cli.train.TrainCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code losses4j} command. Each subcommand lives in its own class; errors are one line on standard error and a
 * non-zero exit status, never a stack trace (unless {@code LOSSES4J_STACKTRACE=1} is set).
 */
@Command(name = "losses4j", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Loss functions with gradients that agree with PyTorch, and a small training stack.",
        subcommands = {EvalCommand.class, ListCommand.class, BostonCommand.class, TrainCommand.class,
            OutliersCommand.class, DeltaCommand.class, PlotLossesCommand.class, HelpCommand.class},
        footer = {"", "Run 'losses4j <command> --help' for a command's options."})
public final class Main implements java.util.concurrent.Callable<Integer> {
    /** Exit status of a run whose input or arguments were invalid. */
    public static final int EXIT_USAGE = 2;
    /** Exit status of a run that failed while working. */
    public static final int EXIT_FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: the usage on standard error and exit status 2, as picocli does for a missing one. */
    @Override
    public Integer call() {
        return missingSubcommand(spec);
    }

    /** Set once the run is over: the shutdown hook then has nothing to do. */
    private static final java.util.concurrent.atomic.AtomicBoolean FINISHED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** Exit status of a run interrupted by Ctrl-C (SIGINT): 128 + 2, as the shell reports it. */
    public static final int EXIT_INTERRUPTED = 130;

    /**
     * Prints the usage of a command that needs a subcommand to standard error; returns {@link #EXIT_USAGE}.
     *
     * @param spec the command without its subcommand
     * @return {@link #EXIT_USAGE}
     */
    public static int missingSubcommand(CommandLine.Model.CommandSpec spec) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": missing command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USAGE;
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        // Ctrl-C: the JVM runs the hooks (the main thread goes on meanwhile) and exits with 130. The hook lets a
        // commit in flight finish, stops any later one, removes temporary and lock files, and says so.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (FINISHED.get()) {
                return;
            }
            OutputSet.interrupt();
            err.println("interrupted");
            err.flush();
        }, "losses4j-interrupt"));
        // PNGs are encoded in memory: no ImageIO cache files, whose deleteOnExit cannot be registered once a
        // shutdown has begun ("Shutdown in progress")
        javax.imageio.ImageIO.setUseCache(false);
        int code = run(new PrintWriter(System.out, true, StandardCharsets.UTF_8), err, args);
        if (!FINISHED.compareAndSet(false, true) || OutputSet.interrupted()) {
            code = EXIT_INTERRUPTED;
        }
        System.exit(code);
    }

    /**
     * Runs the command line with the given streams; returns the exit status. A run whose output could not be
     * written (standard output closed, or on a full disk) fails with a one-line message instead of exiting 0.
     *
     * @param out where the output goes
     * @param err where errors go
     * @param args the command-line arguments
     * @return the exit status
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine(out, err);
        try {
            int code = cl.execute(args);
            if (OutputSet.interrupted()) {
                return EXIT_INTERRUPTED; // the hook has said so; nothing more to print
            }
            if (out.checkError() && code == 0) { // PrintWriter keeps write errors to itself: ask it
                err.println(commandName(cl) + ": cannot write to standard output (closed or full)");
                code = EXIT_FAILURE;
            }
            return code;
        } catch (OutOfMemoryError e) {
            // picocli hands only exceptions to the handler; an Error comes out here. The work's data is unreachable
            // by now, so there is room for one line.
            err.println(commandName(cl) + ": " + Errors.outOfMemory());
            return EXIT_FAILURE;
        } catch (StackOverflowError | LinkageError e) {
            err.println(commandName(cl) + ": internal error: " + e.getClass().getSimpleName()
                    + " (set LOSSES4J_STACKTRACE=1 for the stack trace)");
            if (System.getenv("LOSSES4J_STACKTRACE") != null) {
                e.printStackTrace(err);
            }
            return EXIT_FAILURE;
        } finally {
            OutputSet.releaseClaims();
            out.flush();
            err.flush();
        }
    }

    /** The name of the (sub)command that ran: {@code losses4j delta suggest}. */
    private static String commandName(CommandLine cl) {
        CommandLine.ParseResult r = cl.getParseResult();
        if (r == null) {
            return "losses4j";
        }
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        return r.commandSpec().qualifiedName();
    }

    /**
     * The configured picocli command line.
     *
     * @param out where the output goes
     * @param err where errors go
     * @return the configured picocli command line
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(Errors::onExecutionException);
        cl.setParameterExceptionHandler(Errors::onParameterException);
        return cl;
    }
}
