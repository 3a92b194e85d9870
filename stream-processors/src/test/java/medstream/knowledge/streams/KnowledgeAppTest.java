package medstream.knowledge.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import medstream.contracts.EvalItem;
import medstream.contracts.ExamQuestion;
import medstream.contracts.PubMedQaItem;
import medstream.contracts.PubMedQaSubset;
import medstream.topics.TopicCatalog;
import medstream.topics.registry.MockSchemaRegistry;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.processor.PunctuationType;
import org.junit.jupiter.api.Test;

class KnowledgeAppTest {
    @Test
    void givenDefaults_whenStreamsConfigBuilt_thenExactlyOnceV2AndDeadLetterHandlers() {
        TopicCatalog catalog = TopicCatalog.withRegistry(MockSchemaRegistry.SCHEME + "cfg");

        Properties p = KnowledgeApp.getStreamsConfig("localhost:9092", catalog, KnowledgeConfig.defaults());

        assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(p.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("medstream-knowledge");
        assertThat(p.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG)).isNotNull();
        assertThat(p.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG)).isNotNull();
    }

    @Test
    void givenCombinedTopology_whenDescribed_thenEveryPieceAndStoreIsNamed() {
        TopicCatalog catalog = TopicCatalog.withRegistry(MockSchemaRegistry.SCHEME + "describe");

        TopologyDescription d = KnowledgeApp.buildTopology(catalog, KnowledgeConfig.defaults()).describe();

        List<String> names = new ArrayList<>();
        List<String> stores = new ArrayList<>();
        d.subtopologies().forEach(s -> s.nodes().forEach(n -> {
            names.add(n.name());
            if (n instanceof TopologyDescription.Processor p) {
                stores.addAll(p.stores());
            }
        }));
        assertThat(names).contains("kg-source", "kg-entity-subgraphs", "kg-stage1-sink", "exam-source", "exam-rewrite",
                "exam-eval-items-sink", "qa-rewrite", "qa-skip-rejects-sink", "chunk-split", "pubmedqa-route",
                "pubmedqa-pseudo-join", "pubmedqa-pseudo-sink");
        // Kafka's generated names look like KSTREAM-MAPVALUES-0000000003; none may remain.
        assertThat(names).noneMatch(n -> n.matches(".*-\\d{10}$"));
        assertThat(stores).contains(KgTextTopology.FACTS_STORE, KgTextTopology.META_STORE, KgTextTopology.DUE_STORE,
                PubMedQaTopology.REQUESTS_STORE);
        assertThat(names).contains("kg-stage1-eval-guard", "exam-knowledge-eval-guard", "qa-text-eval-guard",
                "chunk-stage1-eval-guard", "pubmedqa-tasks-eval-guard", "exam-tasks-contaminated-rejects-sink");
        assertThat(d.globalStores()).anySatisfy(g -> assertThat(g.processor().stores())
                .contains(KnowledgeBuilder.EVAL_ITEMS_STORE));
    }

    @Test
    void givenEvaluationItemsOfEveryKind_whenTheWholeAppRuns_thenNoneOfTheirTextReachesAStageTopic() {
        KnowledgeConfig config = ExamTopologyTest.TRAIN_ON_MMLU_VAL
                .withKgTiming(Duration.ofSeconds(1), Duration.ofSeconds(1), PunctuationType.STREAM_TIME, 1000);
        try (DriverFixture f = new DriverFixture(KnowledgeApp::buildTopology, config)) {
            Instant t0 = Instant.parse("2026-11-25T03:00:00Z");
            ExamQuestion medqaTest = ExamTopologyTest.MEDQA_TEST;
            ExamQuestion mmluTest = ExamTopologyTest.question("mmlu-medical:test:anatomy:1", "mmlu-medical", "test",
                    "The pleura have no sensory innervation and extend into the root of the neck according to which option?",
                    "A", "true", "false");
            PubMedQaItem dev = PubMedQaTopologyTest.item("2001", PubMedQaSubset.PQA_L, "yes", 0);
            PubMedQaItem unlabeled = PubMedQaTopologyTest.item("2002", PubMedQaSubset.PQA_L, null, null);

            f.input(f.catalog.rawExamQuestions()).pipeInput("q1", medqaTest, t0);
            f.input(f.catalog.rawExamQuestions()).pipeInput("q2", mmluTest, t0);
            f.input(f.catalog.rawExamQuestions()).pipeInput("q3", ExamTopologyTest.MMLU_VAL, t0);
            f.input(f.catalog.rawPubMedQa()).pipeInput("p1", dev, t0);
            f.input(f.catalog.rawPubMedQa()).pipeInput("p2", unlabeled, t0);

            List<EvalItem> eval = f.eval.readValuesToList();
            List<String> stageTexts = new ArrayList<>();
            f.stage1.readValuesToList().forEach(c -> stageTexts.add(c.getText()));
            f.stage2.readValuesToList().forEach(i -> stageTexts.add(i.getInstruction() + "\n" + i.getInput() + "\n" + i.getOutput()));
            f.stage3.readValuesToList().forEach(t -> stageTexts.add(t.getQuestion() + "\n" + t.getContext()));

            assertThat(eval).extracting(EvalItem::getId).containsExactlyInAnyOrder("medqa-usmle:1",
                    "mmlu-medical:test:anatomy:1", "pubmedqa:2001", "pubmedqa:2002");
            assertThat(stageTexts).as("the training question does reach the stages").isNotEmpty();
            for (EvalItem e : eval) {
                for (String text : stageTexts) {
                    assertThat(text).doesNotContain(e.getQuestion());
                    if (e.getContext() != null) {
                        assertThat(text).doesNotContain(e.getContext());
                    }
                }
            }
        }
    }
}
