package medstream.cli;

import java.io.PrintWriter;
import medstream.cli.bench.BenchCommand;
import medstream.cli.chaos.ChaosCommand;
import medstream.cli.crossval.CrossvalCommand;
import medstream.cli.pipeline.IngestModuleIngester;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./medstream <command>}: the one entry point of medstream. Commands: {@code local} (the whole
 * pipeline on an embedded broker), {@code up} (a local stack that keeps running), {@code report} (the run report of a local run's output folder), {@code serve} (one long-lived service), {@code ingest} (one or all data sets), {@code label} (offline labeling of a
 * PubMedQA-format file), {@code score} (per-token log-probabilities of a text), {@code crossval} (the labeler's cross-validation on the PQA-L folds) and {@code bench} (the benchmarks of docs/BENCHMARKS.md). {@code train} joins here as its
 * stage lands.
 */
@Command(name = "medstream", mixinStandardHelpOptions = true, version = "medstream " + Main.VERSION,
        description = "Streams raw medical documents into curated, labeled training data and keeps a medical LM training on it.",
        subcommands = {LocalCommand.class, UpCommand.class, ReportCommand.class, IngestCommand.class, ServeCommand.class, LabelCommand.class, ScoreCommand.class, CrossvalCommand.class, BenchCommand.class,
                ScrubCommand.class, ChaosCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** medstream's version, as {@code --version} and the summary's {@code versions} show it. */
    public static final String VERSION = "0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No subcommand: say what there is.
        spec.commandLine().usage(System.out);
    }

    /** Runs a command line and returns its exit code (tests call this; {@link #main} exits with it). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line (footers, error handling), so tests can set its output streams and execute. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main()).setUsageHelpWidth(120);
        cli.getSubcommands().get("ingest").getCommandSpec().usageMessage()
                .footer(IngestCommand.sourcesFooter(new IngestModuleIngester()));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("ERROR: " + e.getMessage());
            // A bad argument or config value is the user's to fix, and the message says how; anything else
            // is ours, and the stack trace is what a bug report needs.
            if (!(e instanceof IllegalArgumentException)) e.printStackTrace(err);
            err.flush();
            return 1;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
