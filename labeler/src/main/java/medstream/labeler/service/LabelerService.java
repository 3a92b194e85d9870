package medstream.labeler.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import medstream.labeler.LabelerConfig;
import medstream.labeler.calibration.CalibratingModelLoader;
import medstream.labeler.calibration.CalibrationConfig;
import medstream.labeler.calibration.CalibrationSet;
import medstream.labeler.calibration.Calibrations;
import medstream.labeler.core.LabelingPipeline;
import medstream.labeler.model.Backend;
import medstream.labeler.model.DjlLabelingModel;
import medstream.labeler.model.ModelLoader;
import medstream.topics.TopicCatalog;
import medstream.topics.clients.ClientListener;
import medstream.topics.config.ClientOverrides;
import medstream.topics.config.Settings;
import medstream.topics.service.ClientConfig;
import medstream.topics.service.Service;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The labeling service: one {@link LabelerWorker} per device (each GPU DJL sees, else one CPU worker), all in
 * the consumer group {@code medstream-labeler} on {@code label.requests} with {@code read_committed} and
 * manual commits, each with its own transactional producer {@code medstream-labeler-<instance>-<n>} (stable
 * across restarts, so a restarted worker fences its previous incarnation). Results go to
 * {@code label.results}, REVIEW ones also to {@code label.review}, bad requests to the DLQ, exactly once.
 * A {@link ModelVersionFollower} hot-reloads new versions of the configured stage between batches. With
 * calibration on, every loaded version first labels the held-out calibration items from {@code eval.items} and is
 * routed by the ACCEPT threshold it earned there ({@link CalibratingModelLoader}); a version that earns none sends
 * everything to REVIEW.
 *
 * <pre>{@code
 * try (LabelerService s = new LabelerService(config, catalog, "host:9092", new DjlModelLoader())) {
 *     s.start();
 *     ... until shutdown ...
 * }   // close() = stop(): finishes and commits the batch in the model, leaves the group
 * }</pre>
 *
 * <p>{@link #create} builds it as every long-lived {@link Service} is built, from its settings ({@link LabelerConfig},
 * {@link CalibrationConfig}), the topic catalog and the client settings.
 */
public final class LabelerService implements Service {
    /** Its name in logs, status lines and metric tags. */
    public static final String NAME = "labeler";
    private static final Logger LOG = LoggerFactory.getLogger(LabelerService.class);
    private static final long JOIN_MS = 60_000;

    private final LabelerConfig config;
    private final TopicCatalog catalog;
    private final String bootstrapServers;
    private final ModelLoader baseLoader;
    private final CalibrationConfig calibration;
    private final Calibrations calibrations = new Calibrations();
    private final Map<String, Object> clientOverrides;
    private final BatchListener listener;
    private final LabelerStats stats = new LabelerStats(this::loadedVersions);
    private final Map<String, String> effectiveSettings;
    private final List<LabelerWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<ModelSlot> slots = new ArrayList<>();
    private ModelVersionFollower follower;
    private boolean started;
    private ClientListener clients = ClientListener.NONE;

    /** A service with default client settings and no batch listener. */
    public LabelerService(LabelerConfig config, TopicCatalog catalog, String bootstrapServers, ModelLoader loader) {
        this(config, catalog, bootstrapServers, loader, Map.of(), BatchListener.NONE);
    }

    /**
     * @param clientOverrides Kafka client settings applied to consumers and producers (e.g. {@code session.timeout.ms})
     * @param listener        observer of every transaction before its commit
     */
    public LabelerService(LabelerConfig config, TopicCatalog catalog, String bootstrapServers, ModelLoader loader,
                          Map<String, Object> clientOverrides, BatchListener listener) {
        this(config, CalibrationConfig.disabled(), catalog, bootstrapServers, loader, clientOverrides, listener);
    }

    /** A service that calibrates every model version as {@code calibration} says, default clients, no listener. */
    public LabelerService(LabelerConfig config, CalibrationConfig calibration, TopicCatalog catalog, String bootstrapServers,
                          ModelLoader loader) {
        this(config, calibration, catalog, bootstrapServers, loader, Map.of(), BatchListener.NONE);
    }

    /**
     * @param calibration     threshold calibration of every loaded model version
     * @param loader          loads checkpoints for backend djl (unused with backend openai, which connects to its server)
     * @param clientOverrides Kafka client settings applied to consumers and producers (e.g. {@code session.timeout.ms})
     * @param listener        observer of every transaction before its commit
     */
    public LabelerService(LabelerConfig config, CalibrationConfig calibration, TopicCatalog catalog, String bootstrapServers,
                          ModelLoader loader, Map<String, Object> clientOverrides, BatchListener listener) {
        this(config, calibration, catalog, bootstrapServers, loader, clientOverrides, listener, Map.of());
    }

    private LabelerService(LabelerConfig config, CalibrationConfig calibration, TopicCatalog catalog, String bootstrapServers,
                           ModelLoader loader, Map<String, Object> clientOverrides, BatchListener listener,
                           Map<String, String> effectiveSettings) {
        this.effectiveSettings = Map.copyOf(effectiveSettings);
        this.config = config;
        this.calibration = calibration;
        this.catalog = catalog;
        this.bootstrapServers = bootstrapServers;
        // With backend openai the service connects to the configured server instead of loading checkpoints.
        this.baseLoader = config.loader(loader);
        this.clientOverrides = Map.copyOf(clientOverrides);
        this.listener = listener;
    }

    /**
     * Tells {@code listener} about every worker's consumer and transactional producer, each time a worker creates or
     * closes them (metrics bind to them). Call before {@link #start()}.
     */
    public synchronized LabelerService watchClients(ClientListener listener) {
        if (started) throw new IllegalStateException("watch the clients before the labeler service starts");
        this.clients = listener;
        return this;
    }

    /**
     * The service of {@code serve labeler}, {@code up} and {@code local}: configured by {@code medstream.labeler.*} and
     * calibration settings, checkpoints loaded with DJL (backend djl), every client given {@code client}'s settings.
     */
    public static LabelerService create(Settings settings, TopicCatalog catalog, ClientConfig client) {
        Map<String, String> effective = new LinkedHashMap<>(LabelerConfig.effective(settings));
        effective.putAll(settings.effective(CalibrationConfig.ALL));
        return new LabelerService(LabelerConfig.from(settings), CalibrationConfig.from(settings), catalog, client.bootstrapServers(),
                DjlLabelingModel::load, client.overrides(), BatchListener.NONE, effective);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The settings {@link #create} read (empty when built from a {@link LabelerConfig} directly). */
    @Override
    public Map<String, String> effectiveSettings() {
        return effectiveSettings;
    }

    @Override
    public String describe() {
        return "strategy " + config.strategy() + ", group " + config.groupId() + ", stage " + config.stage() + " model versions followed";
    }

    @Override
    public List<String> consumerGroups() {
        return List.of(config.groupId());
    }

    /** Loads the configured model (if any) on every device, starts the follower and the workers. */
    @Override
    public synchronized void start() {
        if (started) throw new IllegalStateException("the labeler service was already started");
        started = true;
        List<String> devices = WorkerDevices.resolve(config.devices());
        String instance = config.instanceId().isBlank() ? hostName() : config.instanceId();
        LOG.info("Starting labeler: strategy {}, {} worker(s) on {}, instance {}, config {}", config.strategy(), devices.size(),
                devices, instance, config);
        String initialVersion = null;
        ModelLoader loader = calibratingLoader();
        // A served model (backend openai) is connected at start whatever model-dir says, and never follows model.versions:
        // the project's checkpoints are not what that server serves.
        boolean served = config.backend() == Backend.OPENAI;
        for (String device : devices) {
            ModelSlot slot = new ModelSlot();
            if (served || !config.modelDir().isBlank()) {
                slot.offer(loader.load(Path.of(config.modelDir()), config.modelVersion().isBlank() ? null : config.modelVersion(), device));
            }
            slots.add(slot);
        }
        if (served || !config.modelDir().isBlank()) {
            initialVersion = slots.get(0).latestVersion();
        }
        if (!served) {
            follower = new ModelVersionFollower(catalog, consumerProps(), config.stage(), loader, devices, slots, stats, initialVersion);
            threads.add(startThread(follower, "labeler-model-follower"));
        }
        for (int i = 0; i < devices.size(); i++) {
            String txId = "medstream-labeler-" + instance + "-" + i;
            LabelerWorker w = new LabelerWorker(i, txId, config, catalog, consumerProps(), producerProps(txId),
                    new LabelingPipeline(config, calibrations), slots.get(i), stats, listener, clients);
            workers.add(w);
            threads.add(startThread(w, "labeler-worker-" + i));
        }
    }

    /** The loader, wrapped in calibration when it is on and {@code eval.items} holds calibration items. */
    private ModelLoader calibratingLoader() {
        if (!calibration.enabled()) return baseLoader;
        CalibrationSet set = CalibrationSet.read(catalog, consumerProps(), calibration);
        if (set.isEmpty()) {
            LOG.warn("Calibration is on but {} holds no labeled {} items: routing by the fixed threshold {}", catalog.evalItems().name(),
                    calibration.benchmark() + "/" + calibration.split(), config.threshold());
            return baseLoader;
        }
        LOG.info("Calibrating every model version on {} {} items (target accuracy lower bound {}, at least {} accepted)",
                set.items().size(), set.benchmark(), calibration.targetAccuracy(), calibration.minAccepted());
        return new CalibratingModelLoader(baseLoader, set, new LabelingPipeline(config), calibration.calibrator(), calibrations,
                config.maxBatchSize());
    }

    /** The calibration of every model version loaded so far (empty with calibration off). */
    public Calibrations calibrations() {
        return calibrations;
    }

    /** Finishes and commits the batches in the models, leaves the group, closes clients and models. */
    public synchronized void stop() {
        workers.forEach(LabelerWorker::stop);
        if (follower != null) follower.stop();
        joinAll();
        slots.forEach(ModelSlot::close);
    }

    /**
     * Ends every worker as a killed process would end: the open transaction is neither committed nor aborted and
     * the clients close with zero timeout without leaving the group. For crash-and-restart tests.
     */
    synchronized void crash() {
        signalCrash();
        joinAll();
        slots.forEach(ModelSlot::close);
    }

    /** Sets the crash flags without waiting (callable from a {@link BatchListener} inside a transaction). */
    void signalCrash() {
        workers.forEach(LabelerWorker::crash);
        if (follower != null) follower.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** Counters summed over the workers. */
    @Override
    public LabelerStats stats() {
        return stats;
    }

    /** The model version each worker labels with now (null before its first batch). */
    public List<String> modelVersions() {
        return slots.stream().map(ModelSlot::currentVersion).toList();
    }

    /** The newest model version loaded for each worker, swapped in or waiting for the next batch. */
    public List<String> loadedVersions() {
        return slots.stream().map(ModelSlot::latestVersion).toList();
    }

    /** The request partitions each worker owns now, by worker index. */
    public List<java.util.Set<org.apache.kafka.common.TopicPartition>> assignments() {
        return workers.stream().map(LabelerWorker::assigned).toList();
    }

    /** True when every worker is still running. */
    @Override
    public boolean isHealthy() {
        return threads.stream().allMatch(Thread::isAlive) && workers.stream().allMatch(w -> w.failure() == null);
    }

    private void joinAll() {
        for (Thread t : threads) {
            try {
                t.join(JOIN_MS);
                if (t.isAlive()) LOG.warn("{} did not stop within {} ms", t.getName(), JOIN_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Map<String, Object> consumerProps() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatchSize());
        p.putAll(ClientOverrides.forConsumer(clientOverrides));
        return p;
    }

    private Map<String, Object> producerProps(String transactionalId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        p.putAll(ClientOverrides.forProducer(clientOverrides));
        return p;
    }

    private static Thread startThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setUncaughtExceptionHandler((th, e) -> LOG.error("{} died: {}", th.getName(), e.toString(), e));
        t.start();
        return t;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
