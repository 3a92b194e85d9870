package medstream.knowledge.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import medstream.contracts.CleanDocument;
import medstream.contracts.CorpusText;
import medstream.contracts.CleanReject;
import medstream.contracts.Lineage;
import medstream.contracts.QaPair;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;

class QaAndCorpusTopologyTest {
    private static QaPair qa(String id, String source, String language, String q, String a, String context) {
        return QaPair.newBuilder().setId(id).setSource(source).setLanguage(language).setQuestion(q).setAnswer(a)
                .setContext(context).build();
    }

    @Test
    void givenQaPairs_whenProcessed_thenStage1TextAndStage2InstructionPerAnsweredPairAndEmptyAnswersRejected() {
        try (DriverFixture f = new DriverFixture(QaTopology::buildTopology, KnowledgeConfig.defaults())) {
            TestInputTopic<String, QaPair> in = f.input(f.catalog.rawQaPairs());

            in.pipeInput("a", qa("medquad:0000001-1", "medquad", "en", "What is Aarskog-Scott syndrome ?",
                    "Aarskog-Scott syndrome is a genetic disorder that affects stature and facial features.", null));
            in.pipeInput("b", qa("medquad:mplus-7", "medquad", "en", "What is acne ?", "", null));
            in.pipeInput("c", qa("huatuo-cmekg:4", "huatuo-cmekg", "zh", "反应性关节炎如何治疗？", "可使用非甾体抗炎药治疗。", null));

            Map<String, CorpusText> stage1 = f.stage1.readKeyValuesToMap();
            assertThat(stage1).containsOnlyKeys("qa-text:medquad:0000001-1", "qa-text:huatuo-cmekg:4");
            assertThat(stage1.get("qa-text:huatuo-cmekg:4").getText()).isEqualTo("反应性关节炎如何治疗？\n可使用非甾体抗炎药治疗。");
            assertThat(f.stage2.readKeyValuesToMap()).containsOnlyKeys("qa-instruction:medquad:0000001-1",
                    "qa-instruction:huatuo-cmekg:4");
            assertThat(f.dlq.isEmpty()).as("a pair read and not kept is no dead letter").isTrue();
            List<CleanReject> rejects = f.rejects.readValuesToList();
            assertThat(rejects).hasSize(1);
            CleanReject reject = rejects.get(0);
            assertThat(reject.getReasonCode()).isEqualTo("EMPTY_ANSWER");
            assertThat(reject.getFilterName()).isEqualTo(QaTopology.QA_FILTER);
            assertThat(reject.getDocumentId()).isEqualTo("medquad:mplus-7");
            assertThat(reject.getSource()).isEqualTo("medquad");
            assertThat(reject.getDetail()).contains("medquad:mplus-7", "expected a non-empty answer");
            assertThat(reject.getLineage().getTopic()).isEqualTo(f.catalog.rawQaPairs().name());
            assertThat(reject.getLineage().getOffset()).isEqualTo(1L);
        }
    }

    @Test
    void givenAPairWithoutAKey_whenProcessed_thenItIsNotCuratedAndTheNextPairIs() {
        try (DriverFixture f = new DriverFixture(QaTopology::buildTopology, KnowledgeConfig.defaults())) {
            TestInputTopic<String, QaPair> in = f.input(f.catalog.rawQaPairs());

            in.pipeInput(null, qa("medquad:keyless", "medquad", "en", "What is acne ?", "A skin condition.", null));
            in.pipeInput("medquad:keyed", qa("medquad:keyed", "medquad", "en", "What is gout ?", "A form of arthritis.", null));

            // The dead letter itself (returned by the deserialization handler) is checked on a real broker by
            // cli's BadInputCampaignIT: the test driver does not produce a deserialization handler's records.
            assertThat(f.stage1.readKeyValuesToMap()).containsOnlyKeys("qa-text:medquad:keyed");
        }
    }

    @Test
    void givenAPairWithoutAValue_whenProcessed_thenOneDeadLetterNamesTheRecordAndTheExpectedTypeAndTheNextPairIsCurated() {
        try (DriverFixture f = new DriverFixture(QaTopology::buildTopology, KnowledgeConfig.defaults())) {
            TestInputTopic<String, QaPair> in = f.input(f.catalog.rawQaPairs());

            in.pipeInput("medquad:tombstone", null);
            in.pipeInput("medquad:keyed", qa("medquad:keyed", "medquad", "en", "What is gout ?", "A form of arthritis.", null));

            assertThat(f.stage1.readKeyValuesToMap()).containsOnlyKeys("qa-text:medquad:keyed");
            List<medstream.contracts.DeadLetter> letters = f.dlq.readValuesToList();
            assertThat(letters).singleElement().satisfies(l -> {
                assertThat(l.getErrorClass()).isEqualTo("MissingValueException");
                assertThat(l.getDescription()).contains("record " + f.catalog.rawQaPairs().name() + "-0@0",
                        "has a null value", "expected a QaPair");
            });
        }
    }

    @Test
    void givenSamePairTwice_whenProcessed_thenSameKeys() {
        try (DriverFixture f = new DriverFixture(QaTopology::buildTopology, KnowledgeConfig.defaults())) {
            TestInputTopic<String, QaPair> in = f.input(f.catalog.rawQaPairs());
            QaPair p = qa("cmb-clin:0:0", "cmb-clin", "zh", "简述该病人的诊断。", "嵌顿性腹股沟斜疝合并肠梗阻。", "病人，男，49岁，右下腹痛。");

            in.pipeInput("x", p);
            var first = f.stage1.readKeyValuesToList();
            in.pipeInput("y", p);
            var second = f.stage1.readKeyValuesToList();

            assertThat(second).isEqualTo(first).hasSize(1);
        }
    }

    @Test
    void givenCleanDocument_whenChunked_thenStage1ChunksWithinBudgetKeyedByDocumentAndIndex() {
        KnowledgeConfig config = KnowledgeConfig.defaults().withChunkTokens(12);
        try (DriverFixture f = new DriverFixture(CorpusChunkTopology::buildTopology, config)) {
            TestInputTopic<String, CleanDocument> in = f.input(f.catalog.cleanDocuments());
            CleanDocument doc = CleanDocument.newBuilder().setId("disease-ontology:DOID:8736").setSource("disease-ontology")
                    .setKind("definition").setTitle(null)
                    .setText("Smallpox is a viral infectious disease caused by the variola virus.\n\n"
                            + "It results in a characteristic rash that spreads over the body.")
                    .setLanguage("en").setSignals(Map.of()).setPiiReplacements(Map.of()).setContentHash("0")
                    .setLineage(new Lineage("disease-ontology:DOID:8736", "medstream.raw.documents", 0, 3L)).build();

            in.pipeInput("d", doc);

            Map<String, CorpusText> chunks = f.stage1.readKeyValuesToMap();
            assertThat(chunks).containsOnlyKeys("doc-chunk:disease-ontology:DOID:8736#0", "doc-chunk:disease-ontology:DOID:8736#1");
            assertThat(chunks.values()).allMatch(c -> c.getApproxTokens() <= 12 && c.getSourceKind().equals("DOCUMENT"));
        }
    }
}
