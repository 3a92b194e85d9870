package medstream.topics.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import medstream.contracts.DeadLetter;
import medstream.contracts.ExamQuestion;
import medstream.contracts.KgTriplet;
import medstream.contracts.ModelVersion;
import medstream.contracts.OffsetRange;
import medstream.contracts.Option;
import medstream.contracts.PubMedQaItem;
import medstream.contracts.PubMedQaSubset;
import medstream.contracts.RawDocument;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.serde.WireFormat;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records of every shape our contracts use (maps, arrays of records, unions, enums, timestamp-millis,
 * bytes, non-ASCII text) survive serialize -> deserialize through both registries, and the writer
 * schema is registered under the TopicNameStrategy subject with the id the frame carries.
 */
class RegistryRoundTripTest {

    static Stream<Arguments> recordsOnEachRegistry() {
        List<Arguments> out = new ArrayList<>();
        for (RegistryUnderTest.Kind kind : RegistryUnderTest.Kind.values()) {
            for (String logicalTopic : List.of("raw.documents", "raw.exam-questions", "raw.pubmedqa", "model.versions",
                    "raw.kg-triplets", "dlq")) {
                out.add(Arguments.of(kind, logicalTopic));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("recordsOnEachRegistry")
    void givenContractRecord_whenSerializedAndDeserializedThroughTheRegistry_thenItComesBackEqual(
            RegistryUnderTest.Kind kind, String logicalTopic) {
        try (RegistryUnderTest registry = kind.open()) {
            TopicCatalog catalog = TopicCatalog.withRegistry(registry.url());
            Topic<String, ?> topic = catalog.byName(catalog.prefix() + logicalTopic).orElseThrow();
            SpecificRecord record = sampleFor(logicalTopic);

            byte[] bytes = serialize(topic, record);
            Object back = deserialize(topic, bytes);

            assertThat(back).isEqualTo(record);
            int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
            try (SchemaRegistryClient client = registry.newClient()) {
                String subject = topic.name() + "-value";
                assertThat(client.subjects()).contains(subject);
                assertThat(client.latest(subject).id()).isEqualTo(id);
                assertThat(client.getById(id)).isEqualTo(record.getSchema());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RegistryUnderTest.Kind.class)
    void givenTwoSerdesOfOneTopic_whenBothSerialize_thenTheyShareOneSchemaIdAndOneVersion(RegistryUnderTest.Kind kind) {
        try (RegistryUnderTest registry = kind.open()) {
            TopicCatalog first = TopicCatalog.withRegistry(registry.url());
            TopicCatalog second = TopicCatalog.withRegistry(registry.url());
            RawDocument doc = (RawDocument) sampleFor("raw.documents");

            byte[] a = first.rawDocuments().valueSerde().serializer().serialize(first.rawDocuments().name(), doc);
            byte[] b = second.rawDocuments().valueSerde().serializer().serialize(second.rawDocuments().name(), doc);

            assertThat(a).isEqualTo(b);
            assertThat(a[0]).isEqualTo(WireFormat.MAGIC_BYTE);
            try (SchemaRegistryClient client = registry.newClient()) {
                assertThat(client.versions(first.rawDocuments().name() + "-value")).containsExactly(1);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static byte[] serialize(Topic<String, ?> topic, SpecificRecord record) {
        return ((Topic<String, SpecificRecord>) topic).valueSerde().serializer().serialize(topic.name(), record);
    }

    private static Object deserialize(Topic<String, ?> topic, byte[] bytes) {
        return topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
    }

    private static SpecificRecord sampleFor(String logicalTopic) {
        switch (logicalTopic) {
            case "raw.documents": {
                Map<String, String> metadata = new LinkedHashMap<>();
                metadata.put("file", "ori_pqaa.json");
                metadata.put("line", "42");
                return RawDocument.newBuilder().setId("pubmedqa-pqaa:21645374").setSource("pubmedqa-pqaa")
                        .setKind("ABSTRACT").setLanguage("en").setTitle(null)
                        .setBody("Programmed cell death (PCD) is the regulated death of cells within an organism.")
                        .setMetadata(metadata).setIngestedAt(Instant.ofEpochMilli(1_732_500_000_123L)).build();
            }
            case "raw.exam-questions":
                return ExamQuestion.newBuilder().setId("medqa-mcmle:7").setSource("medqa-mcmle").setLanguage("zh")
                        .setQuestion("小儿狂犬病的潜伏期一般为多长时间？")
                        .setOptions(List.of(new Option("A", "1-3个月"), new Option("B", "1周"), new Option("C", "1年以上")))
                        .setAnswerKey("A").setExplanation("多数为1-3个月。").setSplit("train").setSubject(null).build();
            case "raw.pubmedqa":
                return PubMedQaItem.newBuilder().setPmid("21645374")
                        .setQuestion("Do mitochondria play a role in remodelling lace plant leaves during programmed cell death?")
                        .setContexts(List.of("Programmed cell death (PCD) is ...", "The following organelle dynamics ..."))
                        .setContextLabels(List.of("BACKGROUND", "RESULTS")).setLongAnswer("Results depicted ...")
                        .setFinalDecision("yes").setSubset(PubMedQaSubset.PQA_L).setFold(3).build();
            case "model.versions": {
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("loss", 2.125);
                metrics.put("perplexity", 8.37);
                return ModelVersion.newBuilder().setStage(1).setVersion("s1-v3").setParent("s1-v2")
                        .setCheckpoint("out/checkpoints/s1-v3")
                        .setOffsetRanges(List.of(new OffsetRange("medstream.stage1.corpus", 0, 0L, 5_000_000_000L),
                                new OffsetRange("medstream.stage1.corpus", 1, 17L, 18L)))
                        .setTokensSeen(123_456_789_012L).setMetrics(metrics)
                        .setCreatedAt(Instant.ofEpochMilli(1_732_500_000_999L)).build();
            }
            case "raw.kg-triplets":
                return KgTriplet.newBuilder().setSubject("小儿狂犬病").setSubjectName(null).setSubjectType("疾病")
                        .setRelation("类别").setObject("儿科").setObjectName("儿科").setObjectType("科室")
                        .setSource("kbert-medical-spo").setLanguage("zh").build();
            case "dlq":
                return DeadLetter.newBuilder().setInputKey(ByteBuffer.wrap("k".getBytes(StandardCharsets.UTF_8)))
                        .setInputValue(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x00, 0x7F}))
                        .setTopic("medstream.raw.documents").setPartition(1).setOffset(9_000_000_000L)
                        .setErrorClass("WireFormatException").setDescription("bad magic byte").setStackTrace(null)
                        .setTimestamp(Instant.ofEpochMilli(1L)).setService("cleaner").build();
            default:
                throw new IllegalArgumentException(logicalTopic);
        }
    }
}
