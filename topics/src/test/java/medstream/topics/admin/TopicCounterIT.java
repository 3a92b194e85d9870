package medstream.topics.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import medstream.contracts.DeadLetter;
import medstream.contracts.EvalItem;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.errors.DeadLetters;
import medstream.topics.testing.EmbeddedKafkaExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Counting records the way a read_committed consumer sees them, against a real broker. */
class TopicCounterIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void givenCommittedAndAbortedTransactions_whenCounting_thenOnlyCommittedRecordsCountThoughOffsetsSpanMore()
            throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        String topic = catalog.rawDocuments().name();
        Properties p = bytesProducer();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "counter-it");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            for (int tx = 0; tx < 3; tx++) {          // 3 committed transactions of 5 records
                producer.beginTransaction();
                for (int i = 0; i < 5; i++) producer.send(record(topic, "c" + tx + "-" + i, "v"));
                producer.commitTransaction();
            }
            producer.beginTransaction();               // 4 aborted records
            for (int i = 0; i < 4; i++) producer.send(record(topic, "a" + i, "v"));
            producer.flush();
            producer.abortTransaction();
        }

        long counted = KAFKA.count(catalog.rawDocuments());

        assertThat(counted).isEqualTo(15);
        assertThat(logEndOffsetSum(topic)).as("offsets also hold markers and aborted records").isGreaterThan(counted);
    }

    @Test
    void givenCompactedTopicWithUpdatesAndATombstone_whenCounting_thenLiveKeysAreCounted() throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        String topic = catalog.modelVersions().name();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(bytesProducer())) {
            producer.send(record(topic, "v1", "a"));
            producer.send(record(topic, "v2", "a"));
            producer.send(record(topic, "v1", "b"));                                   // update: still one key
            producer.send(new ProducerRecord<>(topic, "v3".getBytes(StandardCharsets.UTF_8), "a".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(topic, "v3".getBytes(StandardCharsets.UTF_8), null)); // tombstone
            producer.flush();
        }

        assertThat(KAFKA.count(catalog.modelVersions())).isEqualTo(2);
    }

    @Test
    void givenDeadLettersFromTwoServices_whenCountingTheDlq_thenTotalsByServiceAndErrorClassAddUp() {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        Map<String, DeadLetter> letters = new LinkedHashMap<>();
        letters.put("1", DeadLetters.of("ingest", "file:a.jsonl", -1, 3, null, null, "JsonParseException", "bad line", null));
        letters.put("2", DeadLetters.of("ingest", "file:a.jsonl", -1, 9, null, null, "JsonParseException", "bad line", null));
        letters.put("3", DeadLetters.of("cleaner", "t", 0, 42, null, null, new IllegalArgumentException("empty body")));

        KAFKA.produce(catalog.dlq(), letters);
        DeadLetterCounts counts = KAFKA.deadLetters(catalog);

        assertThat(counts.total()).isEqualTo(3);
        assertThat(counts.byService()).containsExactly(Map.entry("cleaner", 1L), Map.entry("ingest", 2L));
        assertThat(counts.byErrorClass()).containsExactly(Map.entry("IllegalArgumentException", 1L),
                Map.entry("JsonParseException", 2L));
    }

    @Test
    void givenUpdatesATombstoneAndAnAbortedWrite_whenReadingLatestValues_thenOnlyTheCommittedLiveValuesRemain() {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        Topic<String, EvalItem> items = catalog.evalItems();
        Properties p = KAFKA.producerProps();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "latest-values-it");
        try (KafkaProducer<String, EvalItem> producer = new KafkaProducer<>(p, items.keySerde().serializer(),
                items.valueSerde().serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(items.name(), "e1", item("e1", "first")));
            producer.send(new ProducerRecord<>(items.name(), "e2", item("e2", "only")));
            producer.send(new ProducerRecord<>(items.name(), "e1", item("e1", "second")));   // update
            producer.send(new ProducerRecord<>(items.name(), "e2", null));                   // tombstone
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(items.name(), "e3", item("e3", "aborted")));
            producer.flush();
            producer.abortTransaction();
        }

        Map<String, EvalItem> live;
        try (TopicCounter counter = new TopicCounter(KAFKA.bootstrapServers())) {
            live = counter.latestValues(items);
        }

        assertThat(live).containsOnlyKeys("e1");
        assertThat(live.get("e1").getQuestion()).isEqualTo("second");
    }

    @Test
    void givenFreshCatalog_whenCountingAll_thenEveryTopicIsListedWithZero() {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);

        Map<String, Long> counts = KAFKA.counts(catalog);

        assertThat(counts.keySet()).containsExactlyElementsOf(catalog.all().stream().map(t -> t.logicalName()).toList());
        assertThat(counts.values()).allMatch(n -> n == 0L);
    }

    private static EvalItem item(String id, String question) {
        return EvalItem.newBuilder().setId(id).setBenchmark("pubmedqa").setSplit("dev").setQuestion(question)
                .setContext("context").build();
    }

    private static Properties bytesProducer() {
        Properties p = KAFKA.producerProps();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, String value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    private static long logEndOffsetSum(String topic) throws Exception {
        List<TopicPartition> partitions = KAFKA.admin().describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topic).partitions().stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new LinkedHashMap<>();
        partitions.forEach(tp -> latest.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
        return KAFKA.admin().listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(r -> r.offset()).sum();
    }
}
