package medstream.experiments.bench.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import medstream.cleaning.CleaningConfig;
import medstream.cleaning.CleaningTopology;
import medstream.contracts.CleanDocument;
import medstream.contracts.CleanReject;
import medstream.contracts.RawDocument;
import medstream.topics.TopicCatalog;
import medstream.topics.registry.MockSchemaRegistry;

/** The benchmark's structure run: the cleaning topology's Kafka and store work with no text processing. */
class StructureOnlyWorkTest {

    @TempDir
    Path stateDir;

    private final String scope = "structure-" + UUID.randomUUID();

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.dropScope(scope);
    }

    @Test
    void givenDocumentsTheRealCleaningWouldReject_whenRunWithoutTextWork_thenEveryOneIsEmittedOnceAsIs() {
        CleaningConfig config = CleaningConfig.defaults();
        TopicCatalog catalog = TopicCatalog.withRegistry(MockSchemaRegistry.SCHEME + scope);
        Properties props = CleaningTopology.getStreamsConfig("unused:9092", "structure-test", stateDir, catalog);
        props.put("processing.guarantee", "at_least_once");
        try (TopologyTestDriver driver = new TopologyTestDriver(CleaningTopology.buildTopology(catalog, config,
                (index, hasher) -> new StructureOnlyWork(config.dedup().permutations())), props)) {
            TestInputTopic<String, RawDocument> raw = driver.createInputTopic(catalog.rawDocuments().name(),
                    new StringSerializer(), catalog.rawDocuments().valueSerde().serializer());
            TestOutputTopic<String, CleanDocument> clean = driver.createOutputTopic(catalog.cleanDocuments().name(),
                    new StringDeserializer(), catalog.cleanDocuments().valueSerde().deserializer());
            TestOutputTopic<String, CleanReject> rejects = driver.createOutputTopic(catalog.cleanRejects().name(),
                    new StringDeserializer(), catalog.cleanRejects().valueSerde().deserializer());

            // Two identical bodies (an exact duplicate for real cleaning) and one too short for the quality filters.
            raw.pipeInput("a", doc("a", "Same body, twice."));
            raw.pipeInput("b", doc("b", "Same body, twice."));
            raw.pipeInput("c", doc("c", "x"));

            List<CleanDocument> out = clean.readValuesToList();
            assertThat(out).extracting(CleanDocument::getId).containsExactly("a", "b", "c");
            assertThat(out).extracting(CleanDocument::getText)
                    .containsExactly("Same body, twice.", "Same body, twice.", "x");
            assertThat(out).extracting(CleanDocument::getContentHash).doesNotHaveDuplicates();
            assertThat(rejects.isEmpty()).isTrue();
        }
    }

    @Test
    void givenDocumentIds_whenSigned_thenEachIdHasItsOwnRepeatableSignatureOfTheConfiguredLength() {
        StructureOnlyWork work = new StructureOnlyWork(128);
        CleanDocument a = CleanDocument.newBuilder().setId("a").setSource("s").setKind("TEXT").setText("t")
                .setLanguage("en").setContentHash("h").setSignals(Map.of()).setPiiReplacements(Map.of())
                .setLineage(medstream.contracts.Lineage.newBuilder().setSourceId("a").setTopic("t").setPartition(0)
                        .setOffset(0).build()).build();
        CleanDocument b = CleanDocument.newBuilder(a).setId("b").build();

        assertThat(work.signature(a)).hasSize(128).isEqualTo(work.signature(a));
        assertThat(work.signature(a)).isNotEqualTo(work.signature(b));
    }

    private static RawDocument doc(String id, String body) {
        return RawDocument.newBuilder().setId(id).setSource("test").setKind("TEXT").setTitle("Title of " + id)
                .setBody(body).setIngestedAt(Instant.ofEpochMilli(0)).build();
    }
}
