package medstream.cli.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import medstream.cleaning.CleaningConfig;
import medstream.experiments.bench.cleaning.CleaningBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./medstream bench cleaning --records N}: {@link CleaningBenchmark}, a pass-through topology, the cleaning
 * topology without text work (its shape's ceiling) and the cleaning topology on the same documents against an
 * embedded broker, plus per-stage costs and, with
 * {@code --dedup-scaling}, the near-dedup cost per document at 10k and 100k documents seen.
 */
@Command(name = "cleaning", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cleaning throughput: a pass-through topology (same serdes, exactly_once_v2) and the cleaning topology "
                + "on the same N documents built from the shared data (passthrough_rps, cleaning_rps, ratio), with the "
                + "per-stage cost per document and two ceilings: the cleaning topology with no text work "
                + "(structure_rps, structure_ratio) and the text steps with no Kafka work (text_only_ceiling_rps).",
                "Starts an embedded broker for the run."})
public final class BenchCleaningCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BenchOptions common;

    @Option(names = "--records", paramLabel = "N", defaultValue = "20000", description = "Documents per topology run (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "1",
            description = "Timed runs of each topology, alternating, after one untimed warm-up run of each; medians are reported "
                    + "(default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "" + CleaningBenchmark.DEFAULT_THREADS,
            description = "Stream threads of both topologies, one per input partition by default (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--dedup-scaling", description = "Also measure the near-dedup cost per document at 10,000 and 100,000 documents seen.")
    boolean dedupScaling;

    @Override
    public Integer call() {
        validate();
        Path data = common.dataDir(spec.commandLine());
        CleaningBenchmark.Options defaults = CleaningBenchmark.Options.defaults(data);
        CleaningBenchmark.Options options = new CleaningBenchmark.Options(records, repeats, dedupScaling, defaults.dedupSmall(),
                defaults.dedupLarge(), threads, data, CleaningConfig.defaults());
        Map<String, Object> result = BenchOutput.withStdoutOnStderr(() -> BenchOutput.fromJson(CleaningBenchmark.run(options).toJson()));
        BenchOutput.print(result, common.json, System.out);
        return 0;
    }

    void validate() {
        CommandLine cli = spec.commandLine();
        BenchOptions.atLeast(cli, "--records", records, 1);
        BenchOptions.atLeast(cli, "--repeats", repeats, 1);
        BenchOptions.atLeast(cli, "--threads", threads, 1);
    }
}
