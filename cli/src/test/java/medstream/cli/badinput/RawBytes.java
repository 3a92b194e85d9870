package medstream.cli.badinput;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import medstream.contracts.QaPair;
import medstream.ingest.Entry;
import medstream.ingest.Ingest;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes bad records straight onto every raw topic with a byte producer, as a foreign producer could: bytes that are
 * not Avro, the Confluent header of another schema, a schema id the registry never issued, Avro cut in half, a null
 * value and a null key; between them good QA pairs that must come out as instructions exactly once.
 */
final class RawBytes {
    /** A schema id the registry has not issued (it numbers from 1). */
    static final int UNKNOWN_SCHEMA_ID = 987_654;
    static final int PER_TOPIC = 10;

    /** What was written. */
    record Written(List<Probe> probes, List<String> goodQaIds) { }

    private final TopicCatalog catalog;
    private final Producer<byte[], byte[]> producer;
    private final List<Probe> probes = new ArrayList<>();
    private final List<String> goodQa = new ArrayList<>();

    private RawBytes(TopicCatalog catalog, Producer<byte[], byte[]> producer) {
        this.catalog = catalog;
        this.producer = producer;
    }

    /** Writes the campaign's raw records; {@code shared} supplies one valid record of each raw type. */
    static Written write(TopicCatalog catalog, String bootstrap, Path shared) throws Exception {
        Map<String, Object> config = Ingest.producerConfig(bootstrap);
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            RawBytes r = new RawBytes(catalog, producer);
            r.writeAll(shared);
            return new Written(r.probes, r.goodQa);
        }
    }

    private void writeAll(Path shared) throws Exception {
        List<Sample<?>> samples = List.of(
                sample(catalog.rawDocuments(), shared, "pubmedqa-pqaa-sample", medstream.contracts.RawDocument.class),
                sample(catalog.rawKgTriplets(), shared, "kbert-medical-spo", medstream.contracts.KgTriplet.class),
                sample(catalog.rawExamQuestions(), shared, "medqa-usmle", medstream.contracts.ExamQuestion.class),
                sample(catalog.rawQaPairs(), shared, "cmb-clin", QaPair.class),
                sample(catalog.rawPubMedQa(), shared, "pubmedqa-pqaa-sample", medstream.contracts.PubMedQaItem.class));
        int good = 0;
        for (int i = 0; i < PER_TOPIC; i++) {
            for (int t = 0; t < samples.size(); t++) {
                Sample<?> s = samples.get(t);
                Sample<?> other = samples.get((t + 1) % samples.size());
                String topic = s.topic().name();
                send("not-avro", topic, key(i), ("{\"id\": \"not-avro-" + i + "\", \"text\": \"JSON, not Avro\"}")
                        .getBytes(StandardCharsets.UTF_8));
                send("wrong-schema-id", topic, key(i), other.bytes());
                send("unknown-schema-id", topic, key(i), withSchemaId(s.bytes(), UNKNOWN_SCHEMA_ID));
                send("truncated-avro", topic, key(i), Arrays.copyOf(s.bytes(), 5 + (s.bytes().length - 5) / (2 + i % 3)));
                send("null-value", topic, key(i), null);
                send("null-key", topic, null, s.bytes());
                goodQa.add(sendGoodQa(good++));
            }
        }
        producer.flush();
    }

    private record Sample<V extends SpecificRecord>(Topic<String, V> topic, byte[] bytes) { }

    /** The Avro bytes of the first record the source's adapter makes of its shared data, as ingest would send them. */
    private static <V extends SpecificRecord> Sample<V> sample(Topic<String, V> topic, Path shared, String source,
                                                               Class<V> type) throws Exception {
        try (Stream<Entry> entries = Ingest.sources().get(source).read(shared.resolve(source))) {
            V value = entries.filter(e -> e instanceof Entry.Produce p && type.isInstance(p.value()))
                    .map(e -> type.cast(((Entry.Produce) e).value())).findFirst().orElseThrow();
            return new Sample<>(topic, topic.valueSerde().serializer().serialize(topic.name(), value));
        }
    }

    private String sendGoodQa(int n) throws Exception {
        Topic<String, QaPair> topic = catalog.rawQaPairs();
        String id = "campaign-qa:" + n;
        QaPair qa = QaPair.newBuilder().setId(id).setSource("campaign-qa").setLanguage("en")
                .setQuestion("What does campaign drug number " + n + " treat in adults?")
                .setAnswer("Campaign drug number " + n + " treats moderate hypertension in adults when diet alone fails.")
                .build();
        producer.send(new ProducerRecord<>(topic.name(), id.getBytes(StandardCharsets.UTF_8),
                topic.valueSerde().serializer().serialize(topic.name(), qa))).get();
        return id;
    }

    private void send(String kind, String topic, byte[] key, byte[] value) throws ExecutionException, InterruptedException {
        // One at a time, so each probe knows its offset.
        RecordMetadata meta = producer.send(new ProducerRecord<>(topic, key, value)).get();
        probes.add(Probe.record(kind, topic, meta.partition(), meta.offset()));
    }

    private static byte[] key(int i) {
        return ("campaign-raw:" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withSchemaId(byte[] avro, int id) {
        byte[] copy = avro.clone();
        ByteBuffer.wrap(copy, 1, 4).putInt(id);
        return copy;
    }
}
