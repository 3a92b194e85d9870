package medstream.labeler.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import medstream.contracts.ModelVersion;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.model.ModelLoader;
import medstream.labeler.LabelerTopics;
import medstream.topics.TopicCatalog;
import medstream.topics.serde.AvroSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload: follows the compacted {@code model.versions} topic on its own thread and consumer (no group:
 * every labeler process reads all of it). It first catches up with what was published before start; then
 * each new version of the configured stage is loaded once per worker device (outside the poll loops, which
 * keep labeling with the old model meanwhile) and offered to the workers, which swap between batches.
 * With no model configured at start, the newest version of the backlog is loaded once caught up; with one, the
 * backlog's newest is loaded only if it was published after this follower was created (record timestamp), so a
 * version published while the service was starting is not lost.
 */
final class ModelVersionFollower implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelVersionFollower.class);

    private final TopicCatalog catalog;
    private final Map<String, Object> consumerProps;
    private final int stage;
    private final ModelLoader loader;
    private final List<String> devices;
    private final List<ModelSlot> slots;
    private final LabelerStats stats;
    private final Deserializer<ModelVersion> versions;
    private volatile boolean stopping;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private String loadedVersion;
    private final boolean loadBacklog;
    private final long createdAtMillis = System.currentTimeMillis();

    ModelVersionFollower(TopicCatalog catalog, Map<String, Object> consumerProps, int stage, ModelLoader loader, List<String> devices,
                         List<ModelSlot> slots, LabelerStats stats, String initialVersion) {
        this.catalog = catalog;
        this.consumerProps = new HashMap<>(consumerProps);
        this.consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.stage = stage;
        this.loader = loader;
        this.devices = devices;
        this.slots = slots;
        this.stats = stats;
        this.loadedVersion = initialVersion;
        this.loadBacklog = initialVersion == null;
        this.versions = AvroSerdes.specific(ModelVersion.class, false, catalog.serdeConfig()).deserializer();
    }

    /** True once the versions published before start were read. */
    boolean caughtUp() {
        return caughtUp;
    }

    void stop() {
        stopping = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) c.wakeup();
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : c.partitionsFor(LabelerTopics.CONTRACT.input(catalog, TopicCatalog::modelVersions).name())) parts.add(new TopicPartition(p.topic(), p.partition()));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            ModelVersion backlogLatest = null;
            long backlogLatestTimestamp = Long.MIN_VALUE;
            while (!stopping) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    ModelVersion v = parse(r);
                    if (v == null) continue;
                    LOG.info("Model version {} (stage {}) published at {}-{}@{}{}", v.getVersion(), v.getStage(), r.topic(),
                            r.partition(), r.offset(), v.getStage() == stage ? "" : ", not the followed stage " + stage);
                    if (v.getStage() != stage) continue;
                    if (!caughtUp) {
                        backlogLatest = v;
                        backlogLatestTimestamp = r.timestamp();
                    } else {
                        load(v);
                    }
                }
                if (!caughtUp && parts.stream().allMatch(tp -> c.position(tp) >= end.get(tp))) {
                    caughtUp = true;
                    if (backlogLatest != null && (loadBacklog || backlogLatestTimestamp >= createdAtMillis)) load(backlogLatest);
                    LOG.info("Model-version follower caught up (stage {}, model {})", stage, loadedVersion);
                }
            }
        } catch (WakeupException e) {
            if (!stopping) throw e;
        } catch (RuntimeException e) {
            LOG.error("Model-version follower stopped; the labeler keeps its current model but will not hot-reload: {}",
                    e.toString(), e);
        }
    }

    private ModelVersion parse(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) return null;
        try {
            return versions.deserialize(r.topic(), r.value());
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable model version at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
            return null;
        }
    }

    private void load(ModelVersion v) {
        if (v.getVersion().equals(loadedVersion)) return;
        List<LabelingModel> loaded = new ArrayList<>();
        try {
            for (String device : devices) loaded.add(loader.load(Path.of(v.getCheckpoint()), v.getVersion(), device));
        } catch (RuntimeException e) {
            loaded.forEach(LabelingModel::close);
            stats.modelLoadFailures.incrementAndGet();
            LOG.error("Cannot load model {} (stage {}) from {}; keeping {}: {}", v.getVersion(), v.getStage(), v.getCheckpoint(),
                    loadedVersion, e.toString(), e);
            return;
        }
        for (int i = 0; i < slots.size(); i++) slots.get(i).offer(loaded.get(i));
        LOG.info("Loaded model {} (stage {}, parent {}) from {} on {}", v.getVersion(), v.getStage(), v.getParent(),
                v.getCheckpoint(), devices);
        loadedVersion = v.getVersion();
    }
}
