package medstream.cli.chaos;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import medstream.lm.checkpoint.Checkpoint;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.trainer.checkpoint.VersionStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what the auditor needs: every catalog topic read_committed from the beginning, and the checkpoints on disk. */
final class CommittedTopics {
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    private CommittedTopics() {}

    /** Every committed record of every catalog topic, values decoded with the catalog's serdes. */
    static Map<String, List<AuditRecord>> readAll(String bootstrap, TopicCatalog catalog) {
        Map<String, List<AuditRecord>> out = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            for (Topic<String, ?> t : catalog.all()) out.put(t.name(), read(consumer, t, true));
        }
        return out;
    }

    /** The distinct keys of some topics (the zero-kill run's outputs; values are not decoded). */
    static Map<String, Set<String>> keys(String bootstrap, List<Topic<String, ?>> topics) {
        Map<String, Set<String>> out = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            for (Topic<String, ?> t : topics) {
                Set<String> keys = new HashSet<>();
                read(consumer, t, false).forEach(r -> keys.add(r.key()));
                out.put(t.name(), keys);
            }
        }
        return out;
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.GROUP_ID_CONFIG, "chaos-audit-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** @param decode whether to decode values (only with the catalog of the broker's own registry) */
    private static List<AuditRecord> read(KafkaConsumer<String, byte[]> c, Topic<String, ?> topic, boolean decode) {
        List<TopicPartition> partitions = c.partitionsFor(topic.name()).stream()
                .map(i -> new TopicPartition(topic.name(), i.partition())).toList();
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        List<AuditRecord> out = new ArrayList<>();
        long until = System.nanoTime() + DEADLINE.toNanos();
        var deserializer = topic.valueSerde().deserializer();
        while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("Could not read " + topic.name() + " up to " + end + " within " + DEADLINE
                        + "; is the broker overloaded? Run the audit again with fewer records (--limit, --generated)");
            }
            c.poll(Duration.ofMillis(200)).forEach(r -> {
                if (r.value() == null) return; // a tombstone: nothing was written
                out.add(new AuditRecord(r.partition(), r.offset(), r.key(), fingerprint(r.value()),
                        decode ? deserializer.deserialize(topic.name(), r.value()) : null));
            });
        }
        return out;
    }

    /** The trainer's versions on disk per stage, oldest first; unreadable ones (a kill mid-write) are left out. */
    static Map<Integer, List<AuditInput.CheckpointInfo>> checkpoints(Path root) {
        Map<Integer, List<AuditInput.CheckpointInfo>> out = new TreeMap<>();
        for (int stage = 1; stage <= 3; stage++) {
            List<Path> newestFirst = new VersionStore(root, stage).versionsNewestFirst();
            List<AuditInput.CheckpointInfo> versions = new ArrayList<>();
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                try {
                    Checkpoint cp = Checkpoint.open(newestFirst.get(i));
                    versions.add(new AuditInput.CheckpointInfo(cp.version(), cp.parentVersion().orElse(null), cp.offsets()));
                } catch (RuntimeException e) {
                    System.err.println("chaos: skipping unreadable checkpoint " + newestFirst.get(i) + ": " + e.getMessage());
                }
            }
            out.put(stage, versions);
        }
        return out;
    }

    static String fingerprint(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
