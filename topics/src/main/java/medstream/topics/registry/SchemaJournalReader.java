package medstream.topics.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link KafkaSchemaJournal} topic from the beginning to its current end and rebuilds a {@link SchemaStore}:
 * the last record per key wins (compaction's rule, applied before the cleaner ran), then each subject's versions
 * are applied in ascending order. Records this registry never writes (Confluent's NOOP, DELETE_SUBJECT, soft-deleted
 * or tombstoned versions) are skipped: medstream's registry deletes nothing.
 */
final class SchemaJournalReader {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaJournalReader.class);

    private SchemaJournalReader() {}

    static void replay(Map<String, Object> clientConfig, String topic, Duration timeout, SchemaStore store) {
        Map<String, JsonNode> schemas = new HashMap<>();
        Map<String, Level> configs = new HashMap<>();
        long records = readToEnd(clientConfig, topic, timeout, (key, value) -> {
            String type = key.path("keytype").asText();
            String id = key.toString();
            if (type.equals("SCHEMA")) {
                if (value == null || value.path("deleted").asBoolean(false)) schemas.remove(id); else schemas.put(id, value);
            } else if (type.equals("CONFIG")) {
                JsonNode subject = key.get("subject");
                if (value == null) configs.remove(id);
                else configs.put(id, new Level(subject == null || subject.isNull() ? null : subject.asText(),
                        CompatibilityLevel.valueOf(value.path("compatibilityLevel").asText())));
            }
        });
        List<JsonNode> ordered = schemas.values().stream().sorted(Comparator.comparing((JsonNode v) -> v.path("subject").asText())
                .thenComparingInt(v -> v.path("version").asInt())).toList();
        for (JsonNode v : ordered) {
            store.restoreSchema(v.path("subject").asText(), v.path("version").asInt(), v.path("id").asInt(),
                    new Schema.Parser().parse(v.path("schema").asText()));
        }
        configs.values().forEach(c -> store.restoreCompatibility(c.subject(), c.level()));
        LOG.info("Schema registry restored from {}: {} record(s), {} schema version(s), {} compatibility setting(s)", topic,
                records, ordered.size(), configs.size());
    }

    /** Calls {@code onRecord} (value null for a tombstone) for every record up to the end offset found at start. */
    private static long readToEnd(Map<String, Object> clientConfig, String topic, Duration timeout, RecordHandler onRecord) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        TopicPartition tp = new TopicPartition(topic, 0);
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (consumer.position(tp, timeout) < end) {
                if (System.nanoTime() > deadline) {
                    throw new SchemaRegistryException(50001, "Reading the schema journal " + topic + " to offset " + end
                            + " took over " + timeout + "; is the broker healthy?");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        onRecord.accept(KafkaSchemaJournal.parse(r.key()), r.value() == null ? null : KafkaSchemaJournal.parse(r.value()));
                        records++;
                    } catch (IOException | RuntimeException e) {
                        throw new SchemaRegistryException(50001, "Unreadable record at " + topic + "@" + r.offset() + ": " + e.getMessage()
                                + "; the topic must hold Confluent schema-registry JSON keys and values", e);
                    }
                }
            }
        }
        return records;
    }

    /** A compatibility level read back; a null subject is the global level. */
    private record Level(String subject, CompatibilityLevel level) {}

    private interface RecordHandler {
        void accept(JsonNode key, JsonNode value) throws IOException;
    }
}
