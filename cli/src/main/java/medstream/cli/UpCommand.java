package medstream.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import medstream.cli.metrics.MetricsServer;
import medstream.topics.config.Settings;
import medstream.trainer.config.TrainerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./medstream up}: a local stack that keeps running until Ctrl-C / SIGTERM. The embedded broker (child JVM)
 * and the schema registry (schemas in the {@code _schemas} topic) keep their data in {@code <out>}, and the four
 * services run in this JVM through {@link ServeCommand#serve}, the code path of {@code serve}, each restarted when it
 * fails. Documents ingested meanwhile ({@code ./medstream ingest --bootstrap ... --registry ...}) flow through
 * cleaning and knowledge into the stage topics, the trainer publishes new versions, and the labeler reloads them.
 *
 * <p>On a stop request the services stop first (each commits or aborts its transaction), then the registry, then
 * the broker; {@code up} again on the same {@code --out} resumes where it stopped.
 */
@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a local stack until Ctrl-C / SIGTERM: an embedded Kafka broker (child JVM) and schema registry whose "
                + "data stays in --out, and the knowledge, cleaning, trainer and labeler services. Prints the bootstrap address and "
                + "registry URL first (for ./medstream ingest --bootstrap ... --registry ...), then a status line per service.",
                "Running it again on the same --out resumes. Service settings (medstream.trainer.*, medstream.labeler.*, ...) come "
                        + "from --config, system properties and the environment."})
public final class UpCommand implements Callable<Integer> {
    /** The first line {@code up} prints once the broker answers: {@code medstream up: bootstrap 127.0.0.1:PORT}. */
    public static final String BOOTSTRAP_LINE = "medstream up: bootstrap ";
    /** The second line: {@code medstream up: registry http://127.0.0.1:PORT}. */
    public static final String REGISTRY_LINE = "medstream up: registry ";
    private static final Duration RESTART_DELAY = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(5);

    @Mixin
    CommonOptions common;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the broker's data, the services' state and the checkpoints "
            + "live between runs (default: out).")
    Path out;

    @Option(names = "--status-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between status lines (default: ${DEFAULT-VALUE}).")
    long statusSeconds;

    @Override
    public Integer call() throws Exception {
        Settings settings = common.settings().override(CliSettings.OUT_DIR, out);
        if (!settings.get(CliSettings.BOOTSTRAP).equals(CliSettings.EMBEDDED) || !settings.get(CliSettings.REGISTRY).equals(CliSettings.EMBEDDED)) {
            throw new IllegalArgumentException("up starts its own broker and schema registry; to run the services against existing "
                    + "ones, start ./medstream serve <service> --bootstrap ... --registry ... per service");
        }
        Path dir = Path.of(settings.get(CliSettings.OUT_DIR)).toAbsolutePath();
        Files.createDirectories(dir);
        StopSignal signal = StopSignal.install("medstream-up", STOP_TIMEOUT);
        try {
            return run(settings, dir, signal.requested(), System.out);
        } finally {
            signal.done();
        }
    }

    private int run(Settings settings, Path dir, CountDownLatch stop, PrintStream console) throws Exception {
        short rf = settings.get(CliSettings.REPLICATION_FACTOR).shortValue();
        try (KeptStack stack = KeptStack.start(dir, common.clientOverrides(), rf, console);
             MetricsServer metrics = MetricsServer.start(settings.get(CliSettings.METRICS_PORT))) {
            console.println(BOOTSTRAP_LINE + stack.bootstrapServers());
            console.println(REGISTRY_LINE + stack.registryUrl());
            console.println("medstream up: add documents with ./medstream ingest --bootstrap " + stack.bootstrapServers() + " --registry "
                    + stack.registryUrl() + " --source generic FILE.jsonl");
            settings.override(CliSettings.BOOTSTRAP, stack.bootstrapServers()).override(CliSettings.REGISTRY, stack.registryUrl())
                    .override(TrainerSettings.CHECKPOINT_DIR, dir.resolve("checkpoints").toString())
                    .override(CliSettings.EMBEDDED_BROKER_MODE, "child-jvm");
            common.printEffective(settings, console);
            if (metrics.port() >= 0) console.println(ServeCommand.metricsLine("up", metrics.port()) + " (tag service=<name>)");
            List<Thread> services = new ArrayList<>();
            for (ServeCommand.Service service : ServeCommand.Service.values()) {
                Thread t = new Thread(() -> superviseService(service, settings, dir.resolve("state").resolve(service.name()), stop, console,
                        metrics),
                        "medstream-up-" + service);
                services.add(t);
                t.start();
            }
            for (Thread t : services) t.join();
            console.println("medstream up: services stopped; stopping the registry and the broker (data kept in " + dir + ")");
        }
        console.println("medstream up: stopped");
        return 0;
    }

    /** Runs a service until {@code stop}; a service that fails is started again (its progress is in the broker). */
    private void superviseService(ServeCommand.Service service, Settings settings, Path stateDir, CountDownLatch stop, PrintStream console,
                                  MetricsServer metrics) {
        Duration interval = Duration.ofSeconds(Math.max(1, statusSeconds));
        try {
            while (true) {
                try {
                    if (ServeCommand.serve(service, settings, common.clientOverrides(), stateDir, interval, stop, console, metrics) == 0) return;
                } catch (RuntimeException e) {
                    // It could not start (a bad setting, the broker busy): the others keep running, and this one retries.
                    console.println("medstream " + service + ": FAILED to start: " + e);
                }
                console.println("medstream " + service + ": restarting in " + RESTART_DELAY.toSeconds() + " s");
                if (stop.await(RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS)) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
