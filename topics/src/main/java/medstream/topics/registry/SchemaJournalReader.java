package medstream.topics.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
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
 * Reads a {@link KafkaSchemaJournal} topic from the beginning to its current end and rebuilds a {@link SchemaStore} by
 * applying every record in offset order, as Confluent's registry does: a schema value (soft-deleted when
 * {@code "deleted":true}), a tombstone that removes a version for good, a DELETE_SUBJECT that soft-deletes a subject's
 * versions up to its watermark, a CONFIG value or tombstone. In offset order the last record of a key wins whether or
 * not the cleaner has compacted the topic, and a version registered after a subject delete stays live. A removed
 * version's schema keeps its id while its record is still in the topic (until compaction drops it). Records this
 * registry neither writes nor needs (Confluent's NOOP, MODE, CLEAR_SUBJECT, ...) are skipped.
 */
final class SchemaJournalReader {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaJournalReader.class);

    private SchemaJournalReader() {}

    static void replay(Map<String, Object> clientConfig, String topic, Duration timeout, SchemaStore store) {
        long records = readToEnd(clientConfig, topic, timeout, (key, value) -> apply(key, value, store));
        LOG.info("Schema registry restored from {}: {} record(s), {} subject(s)", topic, records, store.subjects(true).size());
    }

    /** Applies one record of the topic (value null for a tombstone) to {@code store}; records must come in offset order. */
    static void apply(JsonNode key, JsonNode value, SchemaStore store) {
        String subject = key.path("subject").isTextual() ? key.path("subject").asText() : null;
        switch (key.path("keytype").asText()) {
            case "SCHEMA" -> {
                if (value == null) {
                    store.restoreVersionRemoved(subject, key.path("version").asInt());
                } else {
                    store.restoreSchema(new SchemaRegistryClient.RegisteredSchema(subject, value.path("version").asInt(),
                            value.path("id").asInt(), new Schema.Parser().parse(value.path("schema").asText())),
                            value.path("deleted").asBoolean(false));
                }
            }
            case "DELETE_SUBJECT" -> {
                if (value != null) store.restoreSubjectSoftDeleted(subject, value.path("version").asInt());
            }
            case "CONFIG" -> store.restoreCompatibility(subject,
                    value == null ? null : CompatibilityLevel.valueOf(value.path("compatibilityLevel").asText()));
            default -> { }
        }
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

    private interface RecordHandler {
        void accept(JsonNode key, JsonNode value) throws IOException;
    }
}
