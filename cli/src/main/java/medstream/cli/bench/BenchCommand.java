package medstream.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./medstream bench <what> [--json]}: each benchmark compares a stage against its baseline in the same run
 * (STYLE habit 13) and prints one JSON object ({@code --json}) or a table. The figures and the commands that made
 * them are kept in docs/BENCHMARKS.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks, each against its baseline in the same run; --json prints one JSON object on stdout (progress on stderr).",
        subcommands = {BenchLabelerCommand.class, BenchTrainerCommand.class, BenchCleaningCommand.class,
                BenchDecoderCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No benchmark named: list them rather than pick one that may take minutes.
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a benchmark: labeler, trainer, cleaning or decoder");
    }
}
