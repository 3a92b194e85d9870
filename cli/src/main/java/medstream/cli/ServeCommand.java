package medstream.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import medstream.cleaning.CleaningConfig;
import medstream.cleaning.CleaningTopology;
import medstream.cli.metrics.Health;
import medstream.cli.metrics.KafkaClientMeters;
import medstream.cli.metrics.LabelerMeters;
import medstream.cli.metrics.MetricsServer;
import medstream.cli.metrics.Names;
import medstream.cli.metrics.ServiceMeters;
import medstream.cli.metrics.StreamsMeters;
import medstream.cli.metrics.TrainerMeters;
import medstream.cli.pipeline.FailureMessages;
import medstream.cli.pipeline.StreamsProps;
import medstream.knowledge.streams.KnowledgeApp;
import medstream.knowledge.streams.KnowledgeConfig;
import medstream.labeler.LabelerConfig;
import medstream.labeler.calibration.CalibrationConfig;
import medstream.labeler.model.DjlLabelingModel;
import medstream.labeler.service.LabelerService;
import medstream.topics.TopicCatalog;
import medstream.topics.admin.ProvisioningReport;
import medstream.topics.admin.TopicProvisioner;
import medstream.topics.errors.DeadLetterCounter;
import medstream.topics.config.Settings;
import medstream.trainer.StageSpec;
import medstream.trainer.TrainerContext;
import medstream.trainer.checkpoint.VersionStore;
import medstream.trainer.config.TrainerSettings;
import medstream.trainer.config.TrainingHyperparameters;
import medstream.trainer.eval.Evaluator;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
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
        common.printEffective(settings, System.out, service == Service.trainer ? TrainerSettings.ALL : List.of());
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
        RunningService running;
        try {
            running = start(service, settings, clientOverrides, stateDir, out);
        } catch (RuntimeException e) {
            meters.health(() -> Health.failed("did not start: " + e));
            throw e;
        }
        try (running; GroupProgress progress = new GroupProgress(settings.get(CliSettings.BOOTSTRAP), clientOverrides, running.groups())) {
            running.bindMeters(meters);
            meters.gauge(Names.CONSUMER_LAG, "Records the service's consumer groups are behind (-1 before their first commit)",
                    () -> lagOrNaN(progress));
            meters.health(new ServiceHealth(running, progress::lag, settings.get(CliSettings.METRICS_READY_LAG)));
            Health end = superviseUntilStop(service, running, progress, statusInterval, stop, out);
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
    private static Health superviseUntilStop(Service service, RunningService running, GroupProgress progress, Duration statusInterval,
                                             CountDownLatch stop, PrintStream out) throws InterruptedException {
        while (!stop.await(statusInterval.toMillis(), TimeUnit.MILLISECONDS)) {
            if (!running.healthy()) {
                out.println("medstream " + service + ": FAILED (" + running.status() + "); exiting so that it is restarted");
                return Health.failed(running.status());
            }
            out.println("medstream " + service + ": " + running.status() + ", " + progress.describe());
        }
        out.println("medstream " + service + ": stopping");
        return Health.stopped();
    }

    private static double lagOrNaN(GroupProgress progress) {
        try {
            return progress.lag();
        } catch (IllegalStateException e) {
            return Double.NaN;
        }
    }

    private static RunningService start(Service service, Settings settings, Map<String, Object> clientOverrides, Path stateDir,
                                        PrintStream out) {
        String bootstrap = settings.get(CliSettings.BOOTSTRAP);
        TopicCatalog catalog = new TopicCatalog(settings.get(CliSettings.TOPIC_PREFIX), settings.get(CliSettings.TOPIC_PARTITIONS),
                CliSettings.serdeConfig(settings, settings.get(CliSettings.REGISTRY)));
        provision(catalog, bootstrap, clientOverrides, settings.get(CliSettings.REPLICATION_FACTOR).shortValue(), out);
        return switch (service) {
            case labeler -> startLabeler(settings, catalog, bootstrap, clientOverrides, out);
            case knowledge -> {
                KnowledgeConfig config = KnowledgeConfig.from(settings);
                Properties props = KnowledgeApp.getStreamsConfig(bootstrap, catalog, config);
                yield startStreams("knowledge", KnowledgeApp.buildTopology(catalog, config), props, clientOverrides, stateDir,
                        catalog, out);
            }
            case trainer -> startTrainer(settings, catalog, bootstrap, clientOverrides, out);
            case cleaning -> {
                CleaningConfig config = CleaningConfig.from(settings);
                Properties props = CleaningTopology.getStreamsConfig(bootstrap, CleaningTopology.APPLICATION_ID, stateDir, catalog);
                yield startStreams("cleaning", CleaningTopology.buildTopology(catalog, config), props, clientOverrides, stateDir,
                        catalog, out);
            }
        };
    }

    private static RunningService startLabeler(Settings settings, TopicCatalog catalog, String bootstrap, Map<String, Object> clientOverrides,
                                        PrintStream out) {
        LabelerConfig config = LabelerConfig.from(LabelerDefaults.weakByDefault(settings, CliSettings.dataDir(settings)));
        // The labeler's own settings (the CLI's were printed before): backend, server URL, never the API key itself.
        LabelerConfig.effective(settings).forEach((k, v) -> out.printf(java.util.Locale.ROOT, "  %-36s = %s%n", k, v));
        LabelerService labeler = new LabelerService(config, CalibrationConfig.from(settings), catalog, bootstrap,
                DjlLabelingModel::load, clientOverrides, medstream.labeler.service.BatchListener.NONE);
        KafkaClientMeters clientMeters = new KafkaClientMeters();
        labeler.watchClients(clientMeters).start();
        out.println("medstream labeler: started (strategy " + config.strategy() + ", group " + config.groupId() + ", stage "
                + config.stage() + " model versions followed)");
        return new RunningService() {
            @Override
            public boolean healthy() { return labeler.isHealthy(); }

            @Override
            public String status() {
                var stats = labeler.stats();
                return "model " + labeler.loadedVersions() + ", labels accepted " + stats.accepted() + " / review " + stats.review()
                        + ", dead letters " + stats.deadLetters() + ", model swaps " + stats.modelSwaps();
            }

            @Override
            public List<String> groups() { return List.of(config.groupId()); }

            @Override
            public void bindMeters(ServiceMeters meters) {
                LabelerMeters.bind(meters, labeler, clientMeters, catalog.labelRequests().name(),
                        catalog.labelResults().name());
            }

            @Override
            public void close() { labeler.close(); }
        };
    }

    private static RunningService startTrainer(Settings settings, TopicCatalog catalog, String bootstrap, Map<String, Object> clientOverrides,
                                        PrintStream out) {
        TrainingHyperparameters hyper = TrainerSettings.hyperparameters(settings);
        // Evaluation sets may be registered after the trainer starts (services before ingestion): read them when there.
        Evaluator evaluator = hyper.eval().enabled() ? Evaluator.fromTopicWhenAvailable(catalog, bootstrap, clientOverrides, hyper.eval()) : null;
        TrainerMeters trainerMeters = new TrainerMeters();
        TrainerContext ctx = TrainerContext.of(catalog, bootstrap, Path.of(settings.get(TrainerSettings.CHECKPOINT_DIR)).toAbsolutePath(), hyper)
                .withConsumerOverrides(clientOverrides).withEvaluator(evaluator).withListener(trainerMeters);
        List<Integer> stages = TrainerSettings.stages(settings);
        TrainerThreads threads = new TrainerThreads(ctx, stages, out);
        out.println("medstream trainer: started (preset " + hyper.preset() + ", stages " + stages + ", checkpoints "
                + ctx.checkpointRoot() + ", evaluation " + (evaluator == null ? "off" : evaluator.items().isEmpty()
                ? "on once eval.items has items" : "on, " + evaluator.items().keySet()) + ")");
        return new RunningService() {
            @Override
            public boolean healthy() { return threads.failure() == null; }

            @Override
            public String status() {
                return threads.failure() != null ? "failed: " + threads.failure()
                        : "stages " + threads.states() + ", last versions " + lastVersions(ctx.checkpointRoot(), stages);
            }

            @Override
            public List<String> groups() {
                return stages.stream().map(s -> StageSpec.of(s).groupId() + ctx.groupIdSuffix()).toList();
            }

            @Override
            public void bindMeters(ServiceMeters meters) { trainerMeters.bind(meters, ctx.checkpointRoot(), stages); }

            @Override
            public void close() { threads.close(); }
        };
    }

    private static RunningService startStreams(String name, Topology topology, Properties props, Map<String, Object> clientOverrides,
                                               Path stateDir, TopicCatalog catalog, PrintStream out) {
        StreamsProps.apply(props, clientOverrides, stateDir);
        DeadLetterCounter deadLetters = new DeadLetterCounter();
        KafkaStreams streams = new KafkaStreams(topology, deadLetters.attachTo(props));
        // The cause goes into the status line that reports the failure, so that a refused ACL reads as one.
        AtomicReference<Throwable> failure = new AtomicReference<>();
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        out.println("medstream " + name + ": started (" + props.get(StreamsConfig.APPLICATION_ID_CONFIG) + ", "
                + props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG) + ", state " + stateDir + ")");
        return new RunningService() {
            @Override
            public boolean healthy() {
                KafkaStreams.State s = streams.state();
                return s != KafkaStreams.State.ERROR && s != KafkaStreams.State.NOT_RUNNING && s != KafkaStreams.State.PENDING_ERROR;
            }

            @Override
            public String notStarted() {
                return streams.state() == KafkaStreams.State.RUNNING ? null : "Streams state " + streams.state();
            }

            @Override
            public String status() {
                Throwable e = failure.get();
                return String.format(Locale.ROOT, "state %s, %d thread(s)", streams.state(), streams.metadataForLocalThreads().size())
                        + (e == null ? "" : ", failed: " + FailureMessages.describe(e));
            }

            @Override
            public void bindMeters(ServiceMeters meters) { StreamsMeters.bind(meters, streams, catalog.dlq().name(), deadLetters); }

            @Override
            public List<String> groups() { return List.of(String.valueOf(props.get(StreamsConfig.APPLICATION_ID_CONFIG))); }

            @Override
            public void close() { streams.close(Duration.ofSeconds(30)); }
        };
    }

    /** The newest checkpoint of each stage ({@code stage1/v0003}), "-" before its first. */
    private static Map<Integer, String> lastVersions(Path checkpointRoot, List<Integer> stages) {
        Map<Integer, String> versions = new java.util.TreeMap<>();
        for (int stage : stages) {
            List<Path> newest = new VersionStore(checkpointRoot, stage).versionsNewestFirst();
            versions.put(stage, newest.isEmpty() ? "-" : newest.get(0).getFileName().toString());
        }
        return versions;
    }

    private static void provision(TopicCatalog catalog, String bootstrap, Map<String, Object> clientOverrides, short rf, PrintStream out) {
        Map<String, Object> config = new java.util.HashMap<>(clientOverrides);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        ProvisioningReport report = TopicProvisioner.provision(config, rf, catalog.all());
        out.println("medstream: " + report.summary());
        report.mismatches().forEach(m -> out.println("medstream: WARNING " + m));
    }
}
