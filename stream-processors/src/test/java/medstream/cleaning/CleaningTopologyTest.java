package medstream.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import medstream.cleaning.streams.CleaningMetrics;
import medstream.contracts.CleanDocument;
import medstream.contracts.CleanReject;
import medstream.contracts.DeadLetter;
import medstream.contracts.EvalItem;
import medstream.contracts.RawDocument;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;
import medstream.topics.registry.MockSchemaRegistry;

/** Routing of the cleaning topology in a TopologyTestDriver with a private {@code mock://} registry. */
class CleaningTopologyTest {

    private static final String GOOD_EN = "Hypertension is a common condition in which the long-term force of the "
            + "blood against the artery walls is high enough that it may eventually cause health problems, such as "
            + "heart disease. Blood pressure is determined both by the amount of blood the heart pumps and the amount "
            + "of resistance to blood flow in the arteries.";
    private static final String GOOD_ZH = "高血压是一种常见的慢性疾病,是指以体循环动脉血压增高为主要特征的临床综合征,可伴有心、脑、肾等器官的功能"
            + "或器质性损害。患者应当改善生活方式,减少钠盐摄入,增加运动,并在医生指导下规律服用降压药物。";
    /** Small size limit so that a TOO_LARGE body stays cheap to build. */
    private static final long MAX_BODY_BYTES = 64 * 1024;

    @TempDir
    Path stateDir;

    private String scope;
    private TopicCatalog catalog;
    private TopologyTestDriver driver;
    private TestInputTopic<String, RawDocument> raw;
    private TestInputTopic<String, byte[]> rawBytes;
    private TestInputTopic<String, EvalItem> evalItems;
    private TestOutputTopic<String, CleanDocument> clean;
    private TestOutputTopic<String, CleanReject> rejects;
    private TestOutputTopic<byte[], DeadLetter> dlq;

    @BeforeEach
    void startDriver() {
        scope = "cleaning-" + UUID.randomUUID();
        catalog = TopicCatalog.withRegistry(MockSchemaRegistry.SCHEME + scope);
        CleaningConfig config = CleaningConfig.from(
                Settings.of(Map.of("medstream.cleaning.max-body-bytes", Long.toString(MAX_BODY_BYTES))));
        Topology topology = CleaningTopology.buildTopology(catalog, config);
        Properties props = CleaningTopology.getStreamsConfig("unused:9092", "cleaning-test", stateDir, catalog);
        // TopologyTestDriver 4.3 under exactly_once_v2 drops the dead-letter records that the deserialization
        // handler returns (they never reach the DLQ output topic; with at_least_once they do). The driver runs one
        // record at a time either way, so routing is the same; exactly-once is tested against a real broker in
        // CleaningCrashRecoveryIT.
        props.put("processing.guarantee", "at_least_once");
        driver = new TopologyTestDriver(topology, props);
        raw = driver.createInputTopic(catalog.rawDocuments().name(), new StringSerializer(),
                catalog.rawDocuments().valueSerde().serializer());
        rawBytes = driver.createInputTopic(catalog.rawDocuments().name(), new StringSerializer(),
                new ByteArraySerializer());
        evalItems = driver.createInputTopic(catalog.evalItems().name(), new StringSerializer(),
                catalog.evalItems().valueSerde().serializer());
        clean = driver.createOutputTopic(catalog.cleanDocuments().name(), new StringDeserializer(),
                catalog.cleanDocuments().valueSerde().deserializer());
        rejects = driver.createOutputTopic(catalog.cleanRejects().name(), new StringDeserializer(),
                catalog.cleanRejects().valueSerde().deserializer());
        dlq = driver.createOutputTopic(catalog.dlq().name(), new ByteArrayDeserializer(),
                catalog.dlq().valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        MockSchemaRegistry.dropScope(scope);
    }

    static RawDocument doc(String id, String body) {
        return RawDocument.newBuilder().setId(id).setSource("test").setKind("TEXT").setTitle("Title  of " + id)
                .setBody(body).setIngestedAt(Instant.ofEpochMilli(0)).build();
    }

    private static EvalItem evalItem(String id, String question, String context) {
        return EvalItem.newBuilder().setId(id).setBenchmark("pubmedqa").setSplit("test").setQuestion(question)
                .setContext(context).build();
    }

    private CleanReject onlyReject(String id, String body) {
        raw.pipeInput(id, doc(id, body));
        List<CleanReject> got = rejects.readValuesToList();
        assertThat(got).hasSize(1);
        assertThat(clean.isEmpty()).isTrue();
        return got.get(0);
    }

    @Test
    void givenAGoodDocument_whenProcessed_thenOneCleanDocumentWithLineageSignalsAndHash() {
        raw.pipeInput("d1", doc("d1", GOOD_EN + "\nContact: nurse@clinic.example.org"));

        List<TestRecord<String, CleanDocument>> out = clean.readRecordsToList();
        assertThat(out).hasSize(1);
        CleanDocument d = out.get(0).value();
        assertThat(out.get(0).key()).isEqualTo("d1");
        assertThat(d.getLanguage()).isEqualTo("en");
        assertThat(d.getTitle()).isEqualTo("Title of d1");
        assertThat(d.getText()).startsWith("Hypertension is a common condition").endsWith("Contact: [EMAIL]");
        assertThat(d.getPiiReplacements()).containsEntry("EMAIL", 1);
        assertThat(d.getSignals()).containsKeys("length", "mean_word_length", "stop_words");
        assertThat(d.getContentHash()).hasSize(64);
        assertThat(d.getLineage().getSourceId()).isEqualTo("d1");
        assertThat(d.getLineage().getTopic()).isEqualTo(catalog.rawDocuments().name());
        assertThat(d.getLineage().getOffset()).isZero();
        assertThat(rejects.isEmpty()).isTrue();
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void givenAChineseDocument_whenProcessed_thenItIsCleanAndChinese() {
        raw.pipeInput("z1", doc("z1", GOOD_ZH));
        assertThat(clean.readValuesToList()).singleElement().satisfies(d -> assertThat(d.getLanguage()).isEqualTo("zh"));
    }

    @Test
    void givenInputPolicyFailures_whenProcessed_thenEachIsRejectedWithItsReasonFilterAndLineage() {
        assertThat(onlyReject("e1", "   ").getReasonCode()).isEqualTo("EMPTY");
        CleanReject large = onlyReject("e2", "x".repeat((int) MAX_BODY_BYTES + 1));
        assertThat(large.getReasonCode()).isEqualTo("TOO_LARGE");
        assertThat(large.getMeasuredValue()).isEqualTo(MAX_BODY_BYTES + 1.0);
        assertThat(large.getThreshold()).isEqualTo((double) MAX_BODY_BYTES);
        assertThat(onlyReject("e3", "abc\u0000\u0001\u0002\u0003def\u0004\u0005\u0006").getReasonCode())
                .isEqualTo("BINARY");
        CleanReject french = onlyReject("e4", "Le diabète de type 2 est une maladie chronique dans laquelle le "
                + "corps utilise mal l'insuline. Il est traité par un régime et des médicaments.");
        assertThat(french.getReasonCode()).isEqualTo("LANGUAGE");
        assertThat(french.getDetail()).isEqualTo("fr");
        CleanReject shortText = onlyReject("e5", "Chest pain.");
        assertThat(shortText.getReasonCode()).isEqualTo("QUALITY_MIN_LENGTH");
        assertThat(shortText.getFilterName()).isEqualTo("quality.min_length");
        assertThat(shortText.getMeasuredValue()).isEqualTo(2.0);
        assertThat(shortText.getThreshold()).isEqualTo(5.0);
        assertThat(shortText.getDocumentId()).isEqualTo("e5");
        assertThat(shortText.getSource()).isEqualTo("test");
        assertThat(shortText.getLineage().getOffset()).isEqualTo(4L);
        assertThat(onlyReject("e6", "• buy now today\n• buy now today\n• cheap pills here\n• best price ever")
                .getReasonCode()).startsWith("QUALITY_");
    }

    @Test
    void givenInvalidUtf8BytesInsideValidAvro_whenProcessed_thenRejectedAsInvalidUtf8() {
        rawBytes.pipeInput("u1", withInvalidUtf8Body("u1"));
        assertThat(rejects.readValuesToList()).singleElement()
                .satisfies(r -> assertThat(r.getReasonCode()).isEqualTo("INVALID_UTF8"));
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void givenANullValue_whenProcessed_thenRejectedAsEmptyWithTheKeyAsIdAndADetailNamingTheRecordAndTheExpectation() {
        raw.pipeInput("tomb", null);
        CleanReject r = rejects.readValue();
        assertThat(r.getReasonCode()).isEqualTo("EMPTY");
        assertThat(r.getFilterName()).isEqualTo("input.null_value");
        assertThat(r.getDocumentId()).isEqualTo("tomb");
        assertThat(r.getDetail()).containsPattern("record \\S+-0@0 has a null value").contains("expected a RawDocument");
    }

    @Test
    void givenAnExactAndANearDuplicate_whenProcessed_thenBothAreRejectedWithTheFirstDocumentsId() {
        raw.pipeInput("first", doc("first", GOOD_EN));
        raw.pipeInput("copy", doc("copy", GOOD_EN.replace("  ", " ").toUpperCase(java.util.Locale.ROOT)));
        raw.pipeInput("near", doc("near", GOOD_EN.replace("such as heart disease", "such as heart disease and stroke")));

        assertThat(clean.readKeyValuesToMap()).containsOnlyKeys("first");
        List<CleanReject> got = rejects.readValuesToList();
        assertThat(got).extracting(CleanReject::getDocumentId).containsExactly("copy", "near");
        assertThat(got).extracting(CleanReject::getReasonCode).containsExactly("EXACT_DUPLICATE", "NEAR_DUPLICATE");
        assertThat(got).extracting(CleanReject::getDetail).containsExactly("first", "first");
        assertThat(got.get(1).getMeasuredValue()).isGreaterThanOrEqualTo(got.get(1).getThreshold());
        assertThat(got.get(1).getFilterName()).isEqualTo("dedup.minhash");
    }

    @Test
    void givenAnEvaluationItemRegisteredWhileRunning_whenADocumentQuotesIt_thenRejectedWithTheItemId() {
        String context = "Telephone counseling and tailored print communications have emerged as promising methods "
                + "for promoting mammography screening among women enrolled in a health maintenance organization.";
        String document = "In this review we note that " + context + " Our own data agree.";
        raw.pipeInput("before", doc("before", document));
        assertThat(clean.readKeyValuesToMap()).containsOnlyKeys("before");

        evalItems.pipeInput("pubmedqa:10808977", evalItem("pubmedqa:10808977",
                "Can tailored interventions increase mammography use among HMO women?", context));
        raw.pipeInput("after", doc("after", document.replace("Our own data agree.", "We add new data.")));

        CleanReject r = rejects.readValue();
        assertThat(r.getDocumentId()).isEqualTo("after");
        assertThat(r.getReasonCode()).isEqualTo("CONTAMINATED");
        assertThat(r.getDetail()).isEqualTo("pubmedqa:10808977");
        assertThat(r.getMeasuredValue()).isGreaterThanOrEqualTo(1.0);

        evalItems.pipeInput("pubmedqa:10808977", (EvalItem) null);
        raw.pipeInput("removed", doc("removed", "Starting over. " + context + " Nothing else to add here today."));
        assertThat(clean.readKeyValuesToMap()).containsOnlyKeys("removed");
    }

    @Test
    void givenBytesThatAreNotARawDocument_whenProcessed_thenEachGoesToTheDeadLetterTopicAndTheStreamGoesOn() {
        rawBytes.pipeInput("json", "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        rawBytes.pipeInput("short", new byte[] {0});
        rawBytes.pipeInput("wrong-schema", catalog.evalItems().valueSerde().serializer()
                .serialize(catalog.evalItems().name(), evalItem("q", "question?", null)));
        raw.pipeInput("good", doc("good", GOOD_EN));

        assertThat(clean.readKeyValuesToMap()).containsOnlyKeys("good");
        List<TestRecord<byte[], DeadLetter>> letters = dlq.readRecordsToList();
        assertThat(letters).extracting(l -> new String(l.key(), StandardCharsets.UTF_8))
                .containsExactly("json", "short", "wrong-schema");
        assertThat(letters).extracting(l -> l.value().getOffset()).containsExactly(0L, 1L, 2L);
        assertThat(rejects.isEmpty()).isTrue();
    }

    @Test
    void givenOverAThousandBadRecordsMixedIntoGoodOnes_whenProcessed_thenEveryBadOneIsAccountedForAndEveryGoodOneArrivesOnce() {
        Map<String, String[]> testItems = SharedData.pubmedQaTestItems();
        testItems.forEach((pmid, qa) -> evalItems.pipeInput("pubmedqa:" + pmid, evalItem("pubmedqa:" + pmid, qa[0], qa[1])));
        CleaningPipeline pipeline = new CleaningPipeline(CleaningConfig.defaults());

        // Good: real abstracts and Chinese cases that the pure pipeline accepts.
        Map<String, String> good = new HashMap<>();
        SharedData.pubmedQaAbstracts().forEach((pmid, text) -> good.put("pqa:" + pmid, text));
        List<String> cases = SharedData.cmbClinCases();
        for (int i = 0; i < cases.size(); i++) {
            good.put("cmb:" + i, cases.get(i));
        }
        good.values().removeIf(text -> !(pipeline.clean(text, null) instanceof CleaningOutcome.Cleaned));
        List<String> goodIds = new ArrayList<>(good.keySet());
        java.util.Collections.sort(goodIds);

        Random random = new Random(20261125);
        List<String> testPmids = new ArrayList<>(testItems.keySet());
        Set<String> expectRejected = new HashSet<>();
        Set<String> expectDeadLetter = new HashSet<>();
        int goodSent = 0;
        for (int i = 0; i < 1300; i++) {
            String id = "bad-" + i;
            int kind = random.nextInt(13);
            switch (kind) {
                case 0 -> rawBytes.pipeInput(id, randomBytes(random));
                case 1 -> rawBytes.pipeInput(id, new byte[] {0, 0, 0});
                case 2 -> rawBytes.pipeInput(id, catalog.evalItems().valueSerde().serializer()
                        .serialize(catalog.evalItems().name(), evalItem(id, "question?", null)));
                case 3 -> raw.pipeInput(id, doc(id, random.nextBoolean() ? "" : " \n\t "));
                case 4 -> raw.pipeInput(id, doc(id, "y".repeat((int) MAX_BODY_BYTES + 1 + random.nextInt(100))));
                case 5 -> rawBytes.pipeInput(id, withInvalidUtf8Body(id));
                case 6 -> raw.pipeInput(id, doc(id, "data " + controlGarbage(random)));
                case 7 -> raw.pipeInput(id, null);
                case 8 -> raw.pipeInput(id, doc(id, "Der Patient klagt seit drei Tagen über Brustschmerzen ohne Fieber. "
                        + "Das Elektrokardiogramm ist unauffällig und die Laborwerte sind normal."));
                case 9 -> raw.pipeInput(id, doc(id, "ok " + i));
                case 10 -> {
                    String[] item = testItems.get(testPmids.get(random.nextInt(testPmids.size())));
                    raw.pipeInput(id, doc(id, "Summary of a trial. " + item[1]));
                }
                default -> {
                    // A duplicate of a good document that was already sent (exact copy under a new id).
                    if (goodSent == 0) {
                        raw.pipeInput(id, doc(id, "ok"));
                    } else {
                        String original = good.get(goodIds.get(random.nextInt(goodSent)));
                        raw.pipeInput(id, doc(id, original));
                    }
                }
            }
            if (kind <= 2) {
                expectDeadLetter.add(id);
            } else {
                expectRejected.add(id);
            }
            if (i % 2 == 0 && goodSent < goodIds.size()) {
                String goodId = goodIds.get(goodSent++);
                raw.pipeInput(goodId, doc(goodId, good.get(goodId)));
            }
        }
        while (goodSent < goodIds.size()) {
            String goodId = goodIds.get(goodSent++);
            raw.pipeInput(goodId, doc(goodId, good.get(goodId)));
        }

        List<String> cleanIds = clean.readRecordsToList().stream().map(TestRecord::key).toList();
        List<CleanReject> rejected = rejects.readValuesToList();
        List<TestRecord<byte[], DeadLetter>> letters = dlq.readRecordsToList();
        Map<String, Long> byReason = new java.util.TreeMap<>();
        rejected.forEach(r -> byReason.merge(r.getReasonCode(), 1L, Long::sum));
        System.out.printf("mixed run: %d good, %d bad -> %d clean, %d rejects %s, %d dead letters%n",
                goodIds.size(), expectRejected.size() + expectDeadLetter.size(), cleanIds.size(), rejected.size(),
                byReason, letters.size());

        assertThat(expectRejected.size() + expectDeadLetter.size()).isGreaterThanOrEqualTo(1000);
        assertThat(cleanIds).as("every good document exactly once, nothing else").hasSize(goodIds.size())
                .containsExactlyInAnyOrderElementsOf(goodIds);
        assertThat(rejected).extracting(CleanReject::getDocumentId)
                .containsExactlyInAnyOrderElementsOf(expectRejected);
        assertThat(letters).extracting(l -> new String(l.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(expectDeadLetter);
        assertThat(byReason).containsKeys("EMPTY", "TOO_LARGE", "INVALID_UTF8", "BINARY", "LANGUAGE",
                "QUALITY_MIN_LENGTH", "CONTAMINATED", "EXACT_DUPLICATE");

        Map<String, Long> metrics = CleaningMetrics.countsByReason(driver.metrics());
        assertThat(metrics.get(CleaningMetrics.CLEAN)).isEqualTo(goodIds.size());
        byReason.forEach((reason, count) ->
                assertThat(metrics.get(reason.toLowerCase(java.util.Locale.ROOT))).as(reason).isEqualTo(count));
    }

    @Test
    void givenTheTopology_whenDescribed_thenEveryProcessorAndStoreIsNamed() {
        String description = CleaningTopology.buildTopology(catalog, CleaningConfig.defaults()).describe().toString();
        assertThat(description).doesNotContain("KSTREAM-", "KTABLE-");
        assertThat(description).contains(CleaningTopology.PIPELINE, CleaningTopology.DEDUP, CleaningTopology.HASH_STORE,
                CleaningTopology.SIGNATURE_STORE, CleaningTopology.EVAL_STORE,
                "clean-dedup-repartition", "clean-sink-documents", "clean-sink-pipeline-rejects");
        String partitionScope = CleaningTopology.buildTopology(catalog, CleaningConfig.from(
                Settings.of(Map.of("medstream.cleaning.dedup.scope", "partition")))).describe().toString();
        assertThat(partitionScope).doesNotContain("repartition").doesNotContain("KSTREAM-");
    }

    @Test
    void givenTheStreamsConfig_whenRead_thenItIsExactlyOnceV2WithTheDeadLetterHandlers() throws Exception {
        Properties props = CleaningTopology.getStreamsConfig("b:9092", "app", Files.createTempDirectory(stateDir, "s"),
                catalog);
        assertThat(props.get("processing.guarantee")).isEqualTo("exactly_once_v2");
        assertThat(props.get("deserialization.exception.handler").toString()).contains("Dlq");
        assertThat(props.get("processing.exception.handler").toString()).contains("Dlq");
    }

    /** A valid RawDocument record whose body bytes are not UTF-8, as a foreign producer could write it. */
    private byte[] withInvalidUtf8Body(String id) {
        String marker = "MARKERMARKERMARKER";
        byte[] bytes = catalog.rawDocuments().valueSerde().serializer()
                .serialize(catalog.rawDocuments().name(), doc(id, marker));
        int at = indexOf(bytes, marker.getBytes(StandardCharsets.US_ASCII));
        for (int k = 0; k < marker.length(); k++) {
            bytes[at + k] = (byte) (k % 2 == 0 ? 0xFF : 0xC3);
        }
        return bytes;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("marker not found in serialized record");
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[1 + random.nextInt(200)];
        random.nextBytes(b);
        b[0] = (byte) (1 + random.nextInt(100)); // never the Avro magic byte 0
        return b;
    }

    private static String controlGarbage(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            s.append((char) random.nextInt(0x20));
        }
        return s.toString();
    }
}
