package medstream.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import medstream.contracts.ExamQuestion;
import medstream.contracts.KgTriplet;
import medstream.contracts.PubMedQaItem;
import medstream.contracts.QaPair;
import medstream.ingest.Entry;
import medstream.ingest.Sources;
import medstream.knowledge.exam.ExamRewriter;
import medstream.knowledge.exam.SplitPolicy;
import medstream.knowledge.kg.Fact;
import medstream.knowledge.kg.TemplateRegistry;
import medstream.knowledge.pubmedqa.PubMedQaConfig;
import medstream.knowledge.pubmedqa.PubMedQaRouter;
import medstream.knowledge.qa.QaRewriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The rewriting functions over every record the ingest adapters make of the shared data: every KG
 * relation has a template, every exam question and PubMedQA item routes as the policies say, and
 * nothing throws. Counts come from SOURCE.txt of each data set.
 */
class SharedDataRewritingTest {
    private final Sources sources = Sources.defaults();

    private <T extends SpecificRecord> void forEach(String source, Class<T> type, Consumer<T> action) throws IOException {
        try (Stream<Entry> entries = sources.get(source).read(SharedData.root().resolve(source))) {
            entries.forEach(e -> {
                if (e instanceof Entry.Produce p && type.isInstance(p.value())) {
                    action.accept(type.cast(p.value()));
                }
            });
        }
    }

    @Test
    void givenEveryTripletOfTheSharedKnowledgeGraphs_whenResolved_thenEveryRelationHasATemplate() throws IOException {
        TemplateRegistry registry = new TemplateRegistry();
        Map<String, Long> generic = new TreeMap<>();
        Map<String, Long> triplets = new TreeMap<>();
        for (String source : List.of("hetionet", "disease-ontology", "kbert-medical-spo")) {
            forEach(source, KgTriplet.class, t -> {
                triplets.merge(source, 1L, Long::sum);
                if (registry.resolve(Fact.of(t)).generic()) {
                    generic.merge(source + ":" + t.getRelation(), 1L, Long::sum);
                }
            });
        }

        assertThat(triplets.get("hetionet")).isEqualTo(93_647L);
        assertThat(triplets.get("kbert-medical-spo")).isEqualTo(13_864L);
        assertThat(triplets.get("disease-ontology")).isGreaterThan(15_000L);
        assertThat(generic).as("relations without a template").isEmpty();
    }

    @Test
    void givenEveryExamQuestionOfTheSharedData_whenRewritten_thenAllAreHeldOutForEvaluation() throws IOException {
        ExamRewriter rewriter = new ExamRewriter(SplitPolicy.defaults());
        Map<String, Long> routes = new TreeMap<>();
        for (String source : List.of("medqa-usmle", "medmcqa", "mmlu-medical")) {
            forEach(source, ExamQuestion.class, q -> {
                ExamRewriter.ExamOutputs out = rewriter.rewrite(q);
                routes.merge(source + "/" + q.getSplit() + "/" + (out.eval().isPresent() ? "EVAL" : "TRAIN"), 1L, Long::sum);
                assertThat(out.eval().isPresent()).isNotEqualTo(out.task().isPresent());
            });
        }

        assertThat(routes).containsEntry("medqa-usmle/test/EVAL", 1_273L)
                .containsEntry("medmcqa/dev/EVAL", 2_816L)
                .containsEntry("mmlu-medical/test/EVAL", 1_089L)
                .containsEntry("mmlu-medical/dev/EVAL", 30L)
                .containsEntry("mmlu-medical/val/EVAL", 123L)
                .hasSize(5);
    }

    @Test
    void givenEveryPubMedQaItem_whenRouted_thenFoldZeroEvaluatesTheRestTrainsAndTheUnlabeledHalfIsRequested() throws IOException {
        PubMedQaRouter router = new PubMedQaRouter(PubMedQaConfig.defaults());
        Map<String, Long> routes = new TreeMap<>();
        for (String source : List.of("pubmedqa-pqal", "pubmedqa-pqaa-sample")) {
            forEach(source, PubMedQaItem.class, item -> {
                PubMedQaRouter.Routing r = router.route(item, Instant.EPOCH);
                String route = r.task().map(t -> "task-" + t.getLabelOrigin()).orElse("")
                        + r.eval().map(e -> "eval-" + e.getSplit()).orElse("")
                        + r.request().map(x -> "+request").orElse("");
                routes.merge(item.getSubset() + ":" + route, 1L, Long::sum);
            });
        }

        assertThat(routes).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PQA_L:task-GOLD", 450L,
                "PQA_L:eval-dev", 50L,
                "PQA_U:eval-test-unlabeled+request", 500L,
                "PQA_A:task-ARTIFICIAL", 500L));
    }

    @Test
    void givenEveryQaPair_whenRewritten_thenEachAnsweredPairGivesTextAndInstruction() throws IOException {
        QaRewriter rewriter = new QaRewriter();
        Map<String, Long> made = new TreeMap<>();
        List<String> empty = new ArrayList<>();
        for (String source : List.of("medquad", "huatuo-bentsao-cmekg-qa", "cmb-clin")) {
            forEach(source, QaPair.class, p -> {
                QaRewriter.QaOutputs out = rewriter.rewrite(p);
                out.text().ifPresent(t -> made.merge(p.getSource() + ":" + t.getLanguage(), 1L, Long::sum));
                out.skipReason().ifPresent(r -> empty.add(p.getId()));
            });
        }

        assertThat(made).containsEntry("cmb-clin:zh", 208L);
        assertThat(made.get("medquad:en")).isEqualTo(16_407L);
        assertThat(made.keySet()).anyMatch(k -> k.startsWith("huatuo"));
        assertThat(empty).as("the adapter already skips unanswered pairs").isEmpty();
    }
}
