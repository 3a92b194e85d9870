package medstream.cli.chaos;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import medstream.cli.CliSettings;
import medstream.topics.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./medstream chaos}: runs the whole pipeline as child processes, SIGKILLs services at planned moments, and
 * audits from the topics and checkpoints that nothing was lost or written twice. Prints one JSON object on stdout
 * (progress on stderr) and exits 1 when anything was lost or duplicated.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the broker (child JVM) and the knowledge, cleaning, per-stage trainer and two labeler services (a JVM each) on the "
                + "shared data (--limit per data set) and a generated stream of clinical notes, kills a service with SIGKILL --kills "
                + "times (mid-transaction, during a trainer round, at a checkpoint, during a labeler rebalance) and restarts it, then, "
                + "caught up, audits every input from the topics (read_committed) and the checkpoints.",
                "Prints one JSON object (kills, inputs, outputs, rejects, dead_letters, lost, duplicated, per service) and exits "
                        + "non-zero when lost or duplicated is not 0. What is audited: README, \"Chaos runs\"."})
public final class ChaosCommand implements Callable<Integer> {
    @Option(names = "--kills", defaultValue = "20", description = "SIGKILLs to make (default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the kill plan and the generated documents (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--limit", defaultValue = "50", description = "Records per shared data set (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--generated", defaultValue = "500", description = "Generated documents produced while the kills happen "
            + "(default: ${DEFAULT-VALUE}).")
    int generated;

    @Option(names = "--baseline", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run cleaning and knowledge on the same input with zero kills (a second broker) and compare "
                    + "output keys (default: on; --no-baseline skips it).")
    boolean baseline;

    @Option(names = "--out", paramLabel = "DIR", description = "The run's directory, which must not hold an earlier run "
            + "(default: out/chaos-<seed>-<time>).")
    Path out;

    @Option(names = "--data", paramLabel = "DIR", description = "Shared data sets (default: ../shared/data beside the repository).")
    Path data;

    @Option(names = "--catch-up-timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "Seconds the services may take to catch up after the last kill (default: ${DEFAULT-VALUE}).")
    long catchUpSeconds;

    @Override
    public Integer call() throws Exception {
        if (kills < 0 || limit < 1 || generated < 0) {
            throw new IllegalArgumentException("--kills and --generated must be >= 0 and --limit >= 1");
        }
        Settings settings = Settings.load(null);
        Path dataDir = data != null ? data : CliSettings.dataDir(settings);
        Path dir = (out != null ? out : Path.of("out", "chaos-" + seed + "-" + System.currentTimeMillis())).toAbsolutePath();
        // stdout carries the one JSON object; everything else the run prints (the ingest it calls too) goes to stderr.
        PrintStream stdout = System.out;
        ChaosReport report;
        System.setOut(System.err);
        try {
            report = new ChaosRun(new ChaosRun.Options(kills, seed, limit, generated, baseline, dir, dataDir,
                    Duration.ofSeconds(catchUpSeconds)), System.err).run();
        } finally {
            System.setOut(stdout);
        }
        String json = report.json();
        Files.writeString(dir.resolve("chaos.json"), json + "\n", StandardCharsets.UTF_8);
        stdout.println(json);
        System.err.println("chaos: lost " + report.lost() + ", duplicated " + report.duplicated() + ", checkpoint mismatches "
                + report.checkpointMismatches() + " (" + dir.resolve("chaos.json") + ")");
        return report.passed() ? 0 : 1;
    }
}
