package medstream.knowledge.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import medstream.contracts.Decision;
import medstream.contracts.EvalItem;
import medstream.contracts.LabelOrigin;
import medstream.contracts.LabelRequest;
import medstream.contracts.LabelResult;
import medstream.contracts.McqTask;
import medstream.ingest.Ingest;
import medstream.ingest.ProgressListener;
import medstream.knowledge.SharedData;
import medstream.knowledge.pubmedqa.PubMedQaConfig;
import medstream.topics.TopicCatalog;
import medstream.topics.testing.EmbeddedKafkaExtension;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The knowledge app against a real broker: slices of every shared data set are ingested by the real
 * ingesters, the app turns them into stage and evaluation records, and then
 * <ul>
 *   <li>no evaluation item's 13-gram occurs in any stage-1, stage-2 or stage-3 record (the one designed
 *       exception: a PSEUDO task carries the abstract of the unlabeled item it was labeled from, which is
 *       registered as a protection-only evaluation item of split test-unlabeled);</li>
 *   <li>ingesting the same slices a second time adds no distinct key to any output topic and no KG text
 *       at all.</li>
 * </ul>
 */
class KnowledgeAppIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    /** Records per data set: enough for every route, small enough for two cores. */
    private static final Map<String, Long> SLICES = new LinkedHashMap<>();

    static {
        SLICES.put("pubmedqa-pqal", 560L);          // the 500 labeled items (10 folds), then 60 unlabeled
        SLICES.put("pubmedqa-pqaa-sample", 100L);   // 50 items + their 50 abstracts as raw documents
        SLICES.put("medqa-usmle", 150L);
        SLICES.put("medmcqa", 150L);
        SLICES.put("mmlu-medical", 300L);
        SLICES.put("medquad", 300L);
        SLICES.put("huatuo-bentsao-cmekg-qa", 200L);
        SLICES.put("cmb-clin", 60L);
        SLICES.put("hetionet", 3000L);
        SLICES.put("disease-ontology", 1500L);
        SLICES.put("kbert-medical-spo", 500L);
    }

    private static final Duration WAIT = Duration.ofMinutes(4);

    @Test
    void givenSharedDataSlicesIngestedTwice_whenTheAppRuns_thenNoEvalNgramInAnyStageAndNoNewKeys() throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        KnowledgeConfig config = new KnowledgeConfig("knowledge-it-" + catalog.prefix().replaceAll("\\W", ""),
                KnowledgeConfig.defaults().sampler(), Duration.ofSeconds(2), Duration.ofMillis(500),
                PunctuationType.WALL_CLOCK_TIME, 256, KnowledgeConfig.defaults().splitPolicy(), 512, PubMedQaConfig.defaults());
        Properties props = KnowledgeApp.getStreamsConfig(KAFKA.bootstrapServers(), catalog, config);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("knowledge-it").toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);

        try (KafkaStreams streams = new KafkaStreams(KnowledgeApp.buildTopology(catalog, config), props)) {
            streams.start();
            await().atMost(WAIT).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            ingestSlices(catalog);
            awaitQuiet(streams, catalog, config);
            Map<String, StageSummary.TopicCounts> first = StageSummary.read(KAFKA.bootstrapServers(), catalog, WAIT);

            // A labeler's verdict on one unlabeled item joins back as a PSEUDO task.
            Map<String, LabelRequest> requests = StageSummary.readLatest(KAFKA.bootstrapServers(), catalog.labelRequests(), WAIT);
            assertThat(requests).isNotEmpty();
            String requestId = requests.keySet().iterator().next();
            KAFKA.produce(catalog.labelResults(), Map.of("any-key", acceptedLabel(requestId)));
            await().atMost(WAIT).until(() -> StageSummary.readLatest(KAFKA.bootstrapServers(), catalog.stage3Tasks(), WAIT)
                    .containsKey("mcq-pseudo:pubmedqa:" + requestId));

            assertNoEvaluationNgramInStages(catalog);

            ingestSlices(catalog);
            awaitQuiet(streams, catalog, config);
            Map<String, StageSummary.TopicCounts> second = StageSummary.read(KAFKA.bootstrapServers(), catalog, WAIT);

            assertEveryRouteFilled(first);
            for (String topic : first.keySet()) {
                Map<String, Long> before = new HashMap<>(first.get(topic).distinctKeys());
                if (topic.equals(catalog.stage3Tasks().logicalName())) {
                    before.merge("PUBMEDQA/PSEUDO/pubmedqa", 1L, Long::sum); // the joined label of this test
                }
                assertThat(second.get(topic).distinctKeys()).as(topic + ": distinct keys after the second pass")
                        .isEqualTo(before);
            }
            long kgBefore = kgRecords(first);
            assertThat(kgRecords(second)).as("KG texts are emitted once: a re-sent triplet changes nothing").isEqualTo(kgBefore);
        }
    }

    private static void ingestSlices(TopicCatalog catalog) throws Exception {
        Map<String, Object> producer = Ingest.producerConfig(KAFKA.bootstrapServers());
        for (Map.Entry<String, Long> slice : SLICES.entrySet()) {
            Path dir = SharedData.root().resolve(slice.getKey());
            Ingest.run(slice.getKey(), dir, catalog, producer, slice.getValue(), ProgressListener.none());
        }
    }

    /** Quiet: the app's backlog stayed empty for longer than the KG inactivity window. */
    private static void awaitQuiet(KafkaStreams streams, TopicCatalog catalog, KnowledgeConfig config) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).during(config.kgInactivity().plusSeconds(1))
                .until(() -> KnowledgeApp.backlog(streams, KAFKA.admin(), catalog, config).isEmpty());
    }

    private void assertNoEvaluationNgramInStages(TopicCatalog catalog) {
        String bootstrap = KAFKA.bootstrapServers();
        Map<String, EvalItem> eval = StageSummary.readLatest(bootstrap, catalog.evalItems(), WAIT);
        Map<String, String> ngramOwner = new HashMap<>();
        eval.values().forEach(e -> NGrams.of(e.getQuestion() + "\n" + (e.getContext() == null ? "" : e.getContext()))
                .forEach(g -> ngramOwner.put(g, e.getId())));
        assertThat(ngramOwner).as("evaluation 13-grams").hasSizeGreaterThan(10_000);

        List<String> leaks = new ArrayList<>();
        StageSummary.readLatest(bootstrap, catalog.stage1Corpus(), WAIT).values()
                .forEach(c -> check(c.getId(), c.getText(), null, ngramOwner, eval, leaks));
        StageSummary.readLatest(bootstrap, catalog.stage2Instructions(), WAIT).values()
                .forEach(i -> check(i.getId(), i.getInstruction() + "\n" + i.getInput() + "\n" + i.getOutput(), null,
                        ngramOwner, eval, leaks));
        Map<String, McqTask> tasks = StageSummary.readLatest(bootstrap, catalog.stage3Tasks(), WAIT);
        tasks.values().forEach(t -> check(t.getId(), t.getQuestion() + "\n" + (t.getContext() == null ? "" : t.getContext())
                + "\n" + (t.getExplanation() == null ? "" : t.getExplanation()), t, ngramOwner, eval, leaks));

        assertThat(leaks).as("stage records sharing a 13-gram with an evaluation item").isEmpty();
        assertThat(tasks.values()).anyMatch(t -> t.getLabelOrigin() == LabelOrigin.PSEUDO);
    }

    private static void check(String id, String text, McqTask task, Map<String, String> ngramOwner,
                              Map<String, EvalItem> eval, List<String> leaks) {
        for (String g : NGrams.of(text)) {
            String owner = ngramOwner.get(g);
            if (owner == null) {
                continue;
            }
            boolean designedException = task != null && task.getLabelOrigin() == LabelOrigin.PSEUDO
                    && owner.equals("pubmedqa:" + task.getId().substring(task.getId().lastIndexOf(':') + 1))
                    && PubMedQaConfig.UNLABELED_SPLIT.equals(eval.get(owner).getSplit());
            if (!designedException) {
                leaks.add(id + " ~ " + owner + ": \"" + g + "\"");
                return;
            }
        }
    }

    private static void assertEveryRouteFilled(Map<String, StageSummary.TopicCounts> counts) {
        Set<String> stage1Kinds = counts.get("stage1.corpus").distinctKeys().keySet().stream()
                .map(g -> g.substring(0, g.indexOf('/'))).collect(Collectors.toSet());
        assertThat(stage1Kinds).contains("KG_FACT", "KG_STAR", "KG_PATH", "QA");
        assertThat(counts.get("stage1.corpus").distinctKeys()).containsKeys("KG_STAR/hetionet", "KG_STAR/disease-ontology",
                "KG_STAR/kbert-medical-spo", "QA/medquad", "QA/cmb-clin");
        assertThat(counts.get("stage2.instructions").distinctKeys()).containsKeys("medquad", "cmb-clin");
        assertThat(counts.get("stage3.tasks").distinctKeys()).containsEntry("PUBMEDQA/GOLD/pubmedqa", 450L)
                .containsEntry("PUBMEDQA/ARTIFICIAL/pubmedqa", 50L);
        assertThat(counts.get("eval.items").distinctKeys()).containsEntry("pubmedqa/dev", 50L)
                .containsEntry("pubmedqa/test-unlabeled", 60L).containsEntry("medqa/test", 150L)
                .containsEntry("medmcqa/dev", 150L);
        assertThat(counts.get("label.requests").distinctKeys()).containsEntry("pubmedqa", 60L);
    }

    private static long kgRecords(Map<String, StageSummary.TopicCounts> counts) {
        return counts.get("stage1.corpus").recordsByGroup().entrySet().stream()
                .filter(e -> e.getKey().startsWith("KG_")).mapToLong(Map.Entry::getValue).sum();
    }

    private static LabelResult acceptedLabel(String requestId) {
        return LabelResult.newBuilder().setRequestId(requestId).setLabel("yes").setConfidence(0.91)
                .setDecision(Decision.ACCEPT).setStrategy("voc").setOptionScores(Map.of()).setExplanations(List.of())
                .setModelVersion("it").setLabeledAt(Instant.now()).build();
    }
}
