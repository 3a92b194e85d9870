package medstream.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import medstream.cli.metrics.Health;
import medstream.cli.metrics.MetricsServer;
import medstream.cli.metrics.Names;
import medstream.cli.metrics.ServiceMeters;
import medstream.topics.TopicCatalog;
import medstream.topics.admin.ProvisioningReport;
import medstream.topics.admin.TopicProvisioner;
import medstream.topics.errors.DeadLetterCounter;
import medstream.topics.config.Settings;
import medstream.topics.service.ClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./medstream serve <service>}: one long-lived service against a running broker and schema registry, until
 * SIGTERM/SIGINT: the process a deployment runs, one per container. Scaling out is starting more of them: the
 * Streams apps share their input partitions by application id, the labelers by consumer group (each process needs
 * its own {@code medstream.labeler.instance-id}, the stable part of its transactional ids).
 *
 * <p>The process provisions missing topics first (idempotent; mismatches are reported, never altered), then
 * prints a status line every {@code --status-interval} and exits non-zero when its service fails, so that an
 * orchestrator restarts it; state survives in the broker (changelogs, transactions, checkpoints' offsets).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs one medstream service against a running Kafka broker and schema registry until it is stopped "
                + "(SIGTERM/SIGINT): knowledge (KG/exam/QA/PubMedQA rewriting Streams app), cleaning (cleaning Streams app), "
                + "labeler (exactly-once VoC labeler, following model.versions) or trainer (incremental per-stage training, "
                + "checkpoints with their offsets, model versions and evaluations).",
                "Needs --bootstrap and --registry (or MEDSTREAM_BOOTSTRAP / MEDSTREAM_REGISTRY); settings of the service "
                        + "(medstream.knowledge.*, medstream.cleaning.*, medstream.labeler.*) come from --config and the environment."})
public final class ServeCommand implements Callable<Integer> {
    /** The services this command can run. */
    public enum Service { knowledge, cleaning, labeler, trainer }

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "One of: ${COMPLETION-CANDIDATES}.")
    Service service;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state directory (default: state/<service>).")
    Path stateDir;

    @Option(names = "--status-interval", paramLabel = "SECONDS", defaultValue = "30",
            description = "Seconds between status lines (default: ${DEFAULT-VALUE}).")
    long statusSeconds;

    @Override
    public Integer call() throws Exception {
        Settings settings = common.settings();
        String bootstrap = settings.get(CliSettings.BOOTSTRAP);
        String registry = settings.get(CliSettings.REGISTRY);
        if (bootstrap.equals(CliSettings.EMBEDDED) || registry.equals(CliSettings.EMBEDDED)) {
            throw new IllegalArgumentException("serve connects to a running broker and schema registry: pass --bootstrap HOST:PORT "
                    + "and --registry http://HOST:PORT (or set MEDSTREAM_BOOTSTRAP / MEDSTREAM_REGISTRY); "
                    + "./medstream local runs everything on embedded ones");
        }
        common.printEffective(settings, System.out);
        StopSignal signal = StopSignal.install("medstream-serve", Duration.ofMinutes(5));
        Path dir = stateDir != null ? stateDir : Path.of("state", service.name());
        try (MetricsServer metrics = MetricsServer.start(settings.get(CliSettings.METRICS_PORT))) {
            if (metrics.port() >= 0) System.out.println(metricsLine(service.name(), metrics.port()));
            return serve(service, settings, common.clientOverrides(), dir, Duration.ofSeconds(Math.max(1, statusSeconds)),
                    signal.requested(), System.out, metrics);
        } finally {
            signal.done();
        }
    }

    /** {@code medstream <who>: metrics on http://0.0.0.0:PORT/metrics, health on /health/live and /health/ready}. */
    static String metricsLine(String who, int port) {
        return "medstream " + who + ": metrics on http://0.0.0.0:" + port + "/metrics, health on /health/live and /health/ready";
    }

    /**
     * Runs {@code service} until {@code stop} is released or the service fails, without a metrics endpoint.
     *
     * @return 0 after a requested stop, 1 when the service failed
     */
    public static int serve(Service service, Settings settings, Map<String, Object> clientOverrides, Path stateDir,
                            Duration statusInterval, CountDownLatch stop, PrintStream out) throws InterruptedException {
        try (MetricsServer metrics = MetricsServer.start(-1)) {
            return serve(service, settings, clientOverrides, stateDir, statusInterval, stop, out, metrics);
        }
    }

    /**
     * Runs {@code service} until {@code stop} is released or the service fails, its meters and health in {@code metrics}
     * (tagged {@code service=<name>}; they stay there, saying why, after a failure).
     *
     * @return 0 after a requested stop, 1 when the service failed
     */
    public static int serve(Service service, Settings settings, Map<String, Object> clientOverrides, Path stateDir,
                            Duration statusInterval, CountDownLatch stop, PrintStream out, MetricsServer metrics)
            throws InterruptedException {
        ServiceMeters meters = metrics.service(service.name());
        ServedService served;
        try {
            served = start(service, settings, clientOverrides, stateDir, out);
        } catch (RuntimeException e) {
            meters.health(() -> Health.failed("did not start: " + e));
            throw e;
        }
        medstream.topics.service.Service running = served.service();
        try (running; GroupProgress progress = new GroupProgress(settings.get(CliSettings.BOOTSTRAP), clientOverrides, running.consumerGroups())) {
            served.bindMeters().accept(meters);
            meters.gauge(Names.CONSUMER_LAG, "Records the service's consumer groups are behind (-1 before their first commit)",
                    () -> lagOrNaN(progress));
            meters.health(new ServiceHealth(running, progress::lag, settings.get(CliSettings.METRICS_READY_LAG)));
            Health end = superviseUntilStop(running, progress, statusInterval, stop, out);
            // Said before the service closes: a closing service must not read as failed, nor a failed one as stopping.
            meters.health(() -> end);
            meters.close();
            return end.live() ? 0 : 1;
        } catch (RuntimeException e) {
            meters.health(() -> Health.failed(e.toString()));
            meters.close();
            throw e;
        }
    }

    /** Prints a status line every {@code statusInterval} until {@code stop} or a failure; what the service ended as. */
    private static Health superviseUntilStop(medstream.topics.service.Service running, GroupProgress progress, Duration statusInterval,
                                             CountDownLatch stop, PrintStream out) throws InterruptedException {
        String who = "medstream " + running.name() + ": ";
        while (!stop.await(statusInterval.toMillis(), TimeUnit.MILLISECONDS)) {
            String status = running.stats().describe();
            if (!running.isHealthy()) {
                out.println(who + "FAILED (" + status + "); exiting so that it is restarted");
                return Health.failed(status);
            }
            out.println(who + status + ", " + progress.describe());
        }
        out.println(who + "stopping");
        return Health.stopped();
    }

    private static double lagOrNaN(GroupProgress progress) {
        try {
            return progress.lag();
        } catch (IllegalStateException e) {
            return Double.NaN;
        }
    }

    /** Provisions the topics, builds the service from its module's factory, prints its settings and starts it. */
    private static ServedService start(Service kind, Settings settings, Map<String, Object> clientOverrides, Path stateDir,
                                       PrintStream out) {
        TopicCatalog catalog = new TopicCatalog(settings.get(CliSettings.TOPIC_PREFIX), settings.get(CliSettings.TOPIC_PARTITIONS),
                CliSettings.serdeConfig(settings, settings.get(CliSettings.REGISTRY)));
        ClientConfig client = new ClientConfig(settings.get(CliSettings.BOOTSTRAP), clientOverrides, stateDir);
        provision(catalog, client, settings.get(CliSettings.REPLICATION_FACTOR).shortValue(), out);
        ServedService served = ServedService.create(kind, settings, catalog, client);
        medstream.topics.service.Service service = served.service();
        printSettings(service, out);
        try {
            service.start();
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        out.println("medstream " + service.name() + ": started (" + service.describe() + ")");
        return served;
    }

    /** The service's own settings (the CLI's are printed before), secrets and credentials in URLs masked as the CLI's are. */
    static void printSettings(medstream.topics.service.Service service, PrintStream out) {
        out.println("Effective configuration of the " + service.name() + " service:");
        service.effectiveSettings().forEach((k, v) -> out.printf(Locale.ROOT, "  %-36s = %s%n", k, CommonOptions.maskUrlCredentials(v)));
    }

    private static void provision(TopicCatalog catalog, ClientConfig client, short rf, PrintStream out) {
        ProvisioningReport report = TopicProvisioner.provision(client.withBootstrap(), rf, catalog.all());
        out.println("medstream: " + report.summary());
        report.mismatches().forEach(m -> out.println("medstream: WARNING " + m));
    }
}
