package medstream.topics.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import medstream.contracts.CorpusText;
import medstream.contracts.DeadLetter;
import medstream.contracts.RawDocument;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.registry.MockSchemaRegistry;
import medstream.topics.serde.WireFormatException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three dead-letter handlers, wired by {@link StreamsErrorHandling#apply}, in a real (test-driver)
 * Streams task: every failure becomes exactly one {@link DeadLetter} on the DLQ topic with the input's
 * coordinates and raw bytes, and the records around it still flow. TopologyTestDriver 4.3 sends the
 * KIP-1034 dead-letter records of {@code Response.resume(records)} through the task's record
 * collector, so this exercises the same path as a running application.
 */
class StreamsDeadLetterTest {
    private static final String APP_ID = "dlq-test-app";
    private static final String PROCESSOR = "to-corpus-text";
    /** Bodies with this marker make the processor throw. */
    private static final String POISON = "POISON";
    /** Bodies with this marker make the processor emit a CorpusText that cannot be serialized. */
    private static final String UNSERIALIZABLE = "UNSERIALIZABLE";

    private String scope;
    private TopicCatalog catalog;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> input;
    private TestOutputTopic<String, CorpusText> output;
    private TestOutputTopic<byte[], DeadLetter> dlq;
    private final DeadLetterCounter counter = new DeadLetterCounter();

    @BeforeEach
    void startDriver() {
        scope = "streams-dlq-" + UUID.randomUUID();
        catalog = TopicCatalog.withRegistry(MockSchemaRegistry.SCHEME + scope);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        StreamsErrorHandling.apply(props, catalog);
        counter.attachTo(props);
        driver = new TopologyTestDriver(topology(catalog), props);
        // Raw bytes in, so a test can put anything on the topic, as a foreign producer could.
        input = driver.createInputTopic(catalog.rawDocuments().name(), new StringSerializer(), new ByteArraySerializer());
        output = driver.createOutputTopic(catalog.stage1Corpus().name(), new StringDeserializer(),
                catalog.stage1Corpus().valueSerde().deserializer());
        dlq = driver.createOutputTopic(catalog.dlq().name(), new ByteArrayDeserializer(),
                catalog.dlq().valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        MockSchemaRegistry.dropScope(scope);
    }

    /** source RawDocument -> mapValues (throws on POISON) -> sink CorpusText. */
    static Topology topology(TopicCatalog catalog) {
        StreamsBuilder builder = new StreamsBuilder();
        Topic<String, RawDocument> in = catalog.rawDocuments();
        Topic<String, CorpusText> out = catalog.stage1Corpus();
        builder.stream(in.name(), Consumed.with(in.keySerde(), in.valueSerde()).withName("raw-documents"))
                .mapValues(StreamsDeadLetterTest::toCorpusText, Named.as(PROCESSOR))
                .to(out.name(), Produced.with(out.keySerde(), out.valueSerde()).withName("stage1-corpus"));
        return builder.build();
    }

    private static CorpusText toCorpusText(RawDocument doc) {
        if (doc.getBody().contains(POISON)) {
            throw new IllegalStateException("cannot make a corpus text of " + doc.getId() + ": poisoned body");
        }
        // The setters skip the builder's checks, so a processor bug can emit a null required field: the
        // sink's Avro writer then refuses it, which is what UNSERIALIZABLE simulates.
        CorpusText c = new CorpusText();
        c.setId(doc.getId());
        c.setText(doc.getBody().contains(UNSERIALIZABLE) ? null : doc.getBody());
        c.setLanguage("en");
        c.setSourceKind("DOCUMENT");
        c.setSource(doc.getSource());
        c.setOriginIds(List.of(doc.getId()));
        c.setApproxTokens(doc.getBody().split(" ").length);
        return c;
    }

    @Test
    void givenABadMagicByte_whenProcessed_thenOneDeadLetterWithCoordinatesAndRawBytesAndTheStreamGoesOn() {
        byte[] json = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        input.pipeInput("good-0", encode(doc("d0", "aspirin inhibits cyclooxygenase")));
        Instant written = Instant.parse("2022-04-15T05:20:00Z");
        input.pipeInput("not-avro", json, written);
        input.pipeInput("good-2", encode(doc("d2", "metformin lowers glucose")));

        assertThat(output.readValuesToList()).extracting(CorpusText::getId).containsExactly("d0", "d2");
        List<TestRecord<byte[], DeadLetter>> letters = dlq.readRecordsToList();
        assertThat(letters).hasSize(1);
        DeadLetter letter = letters.get(0).value();
        assertCoordinates(letter, 1L, json);
        assertThat(letters.get(0).key()).isEqualTo("not-avro".getBytes(StandardCharsets.UTF_8));
        // The dead letter keeps its input's time, as a record and in its value.
        assertThat(letters.get(0).getRecordTime()).isEqualTo(written);
        assertThat(letter.getInputTimestamp()).isEqualTo(written);
        assertThat(bytes(letter.getInputKey())).isEqualTo("not-avro".getBytes(StandardCharsets.UTF_8));
        assertThat(letter.getErrorClass()).isEqualTo(WireFormatException.class.getSimpleName());
        assertThat(letter.getDescription()).startsWith("deserialization failed at processor raw-documents")
                .contains("BAD_MAGIC_BYTE").contains("0x7b");
        assertThat(letter.getStackTrace()).contains("WireFormatException");
    }

    @Test
    void givenBadBytesAndAThrowingProcessor_whenProcessed_thenTheAttachedCounterCountsEachDeadLetterByItsClassAndNamesTheRecord() {
        input.pipeInput("not-avro", "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        input.pipeInput("also-not-avro", "plain text".getBytes(StandardCharsets.UTF_8));
        input.pipeInput("poisoned", encode(doc("d1", "this body is " + POISON)));

        List<DeadLetter> letters = dlq.readValuesToList();
        assertThat(counter.byClass()).containsExactly(Map.entry("IllegalStateException", 1L),
                Map.entry(WireFormatException.class.getSimpleName(), 2L));
        assertThat(letters).extracting(DeadLetter::getDescription).allSatisfy(d -> assertThat(d)
                .contains(" on record " + catalog.rawDocuments().name() + "-0@"));
    }

    @Test
    void givenAnUnknownSchemaId_whenProcessed_thenOneDeadLetterNamingTheId() {
        byte[] foreign = {0x00, 0x00, 0x00, 0x30, 0x39, 0x02, 0x78}; // schema id 12345, never registered

        input.pipeInput("good-0", encode(doc("d0", "aspirin inhibits cyclooxygenase")));
        input.pipeInput("foreign", foreign);
        input.pipeInput("good-2", encode(doc("d2", "metformin lowers glucose")));

        assertThat(output.readValuesToList()).extracting(CorpusText::getId).containsExactly("d0", "d2");
        List<DeadLetter> letters = dlq.readValuesToList();
        assertThat(letters).hasSize(1);
        assertCoordinates(letters.get(0), 1L, foreign);
        assertThat(letters.get(0).getErrorClass()).isEqualTo("WireFormatException");
        assertThat(letters.get(0).getDescription()).contains("UNKNOWN_SCHEMA_ID").contains("schema id 12345");
    }

    @Test
    void givenAProcessorThatThrows_whenProcessed_thenOneDeadLetterWithTheSourceBytesAndTheException() {
        byte[] poisoned = encode(doc("d1", "this body is " + POISON));

        input.pipeInput("good-0", encode(doc("d0", "aspirin inhibits cyclooxygenase")));
        input.pipeInput("poisoned", poisoned);
        input.pipeInput("good-2", encode(doc("d2", "metformin lowers glucose")));

        assertThat(output.readValuesToList()).extracting(CorpusText::getId).containsExactly("d0", "d2");
        List<DeadLetter> letters = dlq.readValuesToList();
        assertThat(letters).hasSize(1);
        DeadLetter letter = letters.get(0);
        assertCoordinates(letter, 1L, poisoned);
        assertThat(letter.getErrorClass()).isEqualTo("IllegalStateException");
        assertThat(letter.getDescription()).startsWith("processing failed at processor " + PROCESSOR)
                .contains("cannot make a corpus text of d1");
    }

    @Test
    void givenAnOutputThatCannotBeSerialized_whenProduced_thenOneDeadLetterWithTheSourceBytes() {
        byte[] source = encode(doc("d1", "this body is " + UNSERIALIZABLE));

        input.pipeInput("good-0", encode(doc("d0", "aspirin inhibits cyclooxygenase")));
        input.pipeInput("unserializable", source);
        input.pipeInput("good-2", encode(doc("d2", "metformin lowers glucose")));

        assertThat(output.readValuesToList()).extracting(CorpusText::getId).containsExactly("d0", "d2");
        List<DeadLetter> letters = dlq.readValuesToList();
        assertThat(letters).hasSize(1);
        DeadLetter letter = letters.get(0);
        assertCoordinates(letter, 1L, source);
        assertThat(letter.getDescription()).contains("serialization of VALUE for " + catalog.stage1Corpus().name())
                .contains("text");
    }

    @Test
    void givenEveryKindOfFailureInOneRun_whenProcessed_thenOneDeadLetterEachInInputOrderAndAllGoodRecordsFlow() {
        List<KeyValue<String, byte[]>> records = List.of(
                KeyValue.pair("good-0", encode(doc("d0", "a"))),
                KeyValue.pair("bad-magic", new byte[] {0x01, 0x00, 0x00, 0x00, 0x01}),
                KeyValue.pair("good-2", encode(doc("d2", "b"))),
                KeyValue.pair("too-short", new byte[] {0x00}),
                KeyValue.pair("poisoned", encode(doc("d4", POISON))),
                KeyValue.pair("good-5", encode(doc("d5", "c"))));

        input.pipeKeyValueList(records);

        assertThat(output.readKeyValuesToMap()).containsOnlyKeys("good-0", "good-2", "good-5");
        List<DeadLetter> letters = dlq.readValuesToList();
        assertThat(letters).extracting(DeadLetter::getOffset).containsExactly(1L, 3L, 4L);
        assertThat(letters).extracting(DeadLetter::getErrorClass)
                .containsExactly("WireFormatException", "WireFormatException", "IllegalStateException");
    }

    private void assertCoordinates(DeadLetter letter, long offset, byte[] rawValue) {
        assertThat(letter.getTopic()).isEqualTo(catalog.rawDocuments().name());
        assertThat(letter.getPartition()).isEqualTo(0);
        assertThat(letter.getOffset()).isEqualTo(offset);
        assertThat(bytes(letter.getInputValue())).isEqualTo(rawValue);
        assertThat(letter.getService()).isEqualTo(APP_ID);
        assertThat(letter.getTimestamp()).isNotNull();
    }

    private byte[] encode(RawDocument doc) {
        return catalog.rawDocuments().valueSerde().serializer().serialize(catalog.rawDocuments().name(), doc);
    }

    private static RawDocument doc(String id, String body) {
        return RawDocument.newBuilder().setId(id).setSource("test").setKind("TEXT").setBody(body)
                .setMetadata(Map.of()).setIngestedAt(Instant.ofEpochMilli(1_700_000_000_000L)).build();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
