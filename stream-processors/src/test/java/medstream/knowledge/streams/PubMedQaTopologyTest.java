package medstream.knowledge.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import medstream.contracts.Decision;
import medstream.contracts.EvalItem;
import medstream.contracts.LabelOrigin;
import medstream.contracts.LabelRequest;
import medstream.contracts.LabelResult;
import medstream.contracts.McqTask;
import medstream.contracts.PubMedQaItem;
import medstream.contracts.PubMedQaSubset;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PubMedQaTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");
    private DriverFixture f;
    private TestInputTopic<String, PubMedQaItem> items;
    private TestInputTopic<String, LabelResult> results;

    /**
     * Short on purpose: every 13-word window of an item's text contains its PMID, so items of a test never
     * share a 13-gram and the evaluation guard leaves them alone.
     */
    static PubMedQaItem item(String pmid, PubMedQaSubset subset, String decision, Integer fold) {
        return PubMedQaItem.newBuilder().setPmid(pmid)
                .setQuestion("Does intervention " + pmid + " increase screening?")
                .setContexts(List.of("Counseling trial " + pmid + ".", "Randomized design."))
                .setContextLabels(List.of("BACKGROUND", "DESIGN")).setLongAnswer("Counseling was effective.")
                .setFinalDecision(decision).setSubset(subset).setFold(fold).build();
    }

    static LabelResult result(String requestId, String label, double confidence, Decision decision) {
        return LabelResult.newBuilder().setRequestId(requestId).setLabel(label).setConfidence(confidence)
                .setDecision(decision).setStrategy("voc").setOptionScores(Map.of()).setExplanations(List.of())
                .setModelVersion("v1").setLabeledAt(T0).build();
    }

    @BeforeEach
    void start() {
        f = new DriverFixture(PubMedQaTopology::buildTopology, KnowledgeConfig.defaults());
        items = f.input(f.catalog.rawPubMedQa());
        results = f.input(f.catalog.labelResults());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void givenEveryKindOfItem_whenRouted_thenEachReachesOnlyItsTopics() {
        items.pipeInput("a", item("1001", PubMedQaSubset.PQA_L, "yes", 4), T0);   // training fold
        items.pipeInput("b", item("1002", PubMedQaSubset.PQA_L, "no", 0), T0);    // dev fold (default 0)
        items.pipeInput("c", item("1003", PubMedQaSubset.PQA_L, null, null), T0); // unlabeled test half
        items.pipeInput("d", item("pqaa-0001", PubMedQaSubset.PQA_A, "yes", null), T0);

        Map<String, McqTask> tasks = f.stage3.readKeyValuesToMap();
        assertThat(tasks).containsOnlyKeys("mcq:pubmedqa:1001", "mcq:pubmedqa:pqaa-0001");
        assertThat(tasks.get("mcq:pubmedqa:1001").getLabelOrigin()).isEqualTo(LabelOrigin.GOLD);
        assertThat(tasks.get("mcq:pubmedqa:pqaa-0001").getLabelOrigin()).isEqualTo(LabelOrigin.ARTIFICIAL);
        Map<String, EvalItem> eval = f.eval.readKeyValuesToMap();
        assertThat(eval).containsOnlyKeys("pubmedqa:1002", "pubmedqa:1003");
        assertThat(eval.get("pubmedqa:1002").getSplit()).isEqualTo("dev");
        assertThat(eval.get("pubmedqa:1003").getAnswer()).isNull();
        Map<String, LabelRequest> requests = f.requests.readKeyValuesToMap();
        assertThat(requests).containsOnlyKeys("1003");
        assertThat(requests.get("1003").getRequestedAt()).isEqualTo(T0);
        assertThat(f.stage1.isEmpty()).isTrue();
        assertThat(f.stage2.isEmpty()).isTrue();
    }

    @Test
    void givenAcceptedResultForARequest_whenJoined_thenPseudoTaskWeightedByConfidenceEvenIfKeyedOtherwise() {
        items.pipeInput("c", item("1003", PubMedQaSubset.PQA_L, null, null), T0);
        f.stage3.readKeyValuesToList();

        results.pipeInput("labeler-key-17", result("1003", "maybe", 0.9, Decision.ACCEPT), T0.plusSeconds(5));

        List<McqTask> tasks = f.stage3.readValuesToList();
        assertThat(tasks).hasSize(1);
        McqTask t = tasks.get(0);
        assertThat(t.getId()).isEqualTo("mcq-pseudo:pubmedqa:1003");
        assertThat(t.getLabelOrigin()).isEqualTo(LabelOrigin.PSEUDO);
        assertThat(t.getAnswer()).isEqualTo("maybe");
        assertThat(t.getSampleWeight()).isEqualTo(0.9);
        assertThat(t.getLabelId()).isEqualTo("1003@v1/voc");
        assertThat(t.getContext()).contains("trial 1003");
    }

    @Test
    void givenAWeakLabelAcceptedThenRelabeledByTheNextVersion_whenJoined_thenTheSecondPseudoTaskIsANewVersionOfTheSameKey() {
        items.pipeInput("c", item("1003", PubMedQaSubset.PQA_L, null, null), T0);
        f.stage3.readKeyValuesToList();
        LabelResult first = LabelResult.newBuilder(result("1003", "no", 0.81, Decision.ACCEPT)).setStrategy("weak")
                .setModelVersion("s3-v0003").build();
        LabelResult again = LabelResult.newBuilder(result("1003", "yes", 0.86, Decision.ACCEPT)).setStrategy("weak")
                .setModelVersion("s3-v0004").build();

        // The labeler keys its results by request id: the loop's second labeling is a new value of the same key.
        results.pipeInput("1003", first, T0.plusSeconds(1));
        results.pipeInput("1003", again, T0.plusSeconds(2));

        var tasks = f.stage3.readKeyValuesToList();
        assertThat(tasks).extracting(kv -> kv.key).containsExactly("mcq-pseudo:pubmedqa:1003", "mcq-pseudo:pubmedqa:1003");
        assertThat(tasks).extracting(kv -> kv.value.getLabelId()).containsExactly("1003@s3-v0003/weak", "1003@s3-v0004/weak");
        assertThat(tasks.get(1).value.getAnswer()).isEqualTo("yes");
        assertThat(tasks.get(1).value.getLabelOrigin()).isEqualTo(LabelOrigin.PSEUDO);
    }

    @Test
    void givenAnAcceptedLabelRelabeledToReview_whenJoined_thenItsPseudoTaskIsWithdrawnByATombstoneOnce() {
        labelUnlabeledItem1003(result("1003", "no", 0.9, Decision.ACCEPT), result("1003", "no", 0.5, Decision.REVIEW),
                result("1003", "yes", 0.4, Decision.REVIEW));

        var tasks = f.stage3.readKeyValuesToList();
        assertThat(tasks).extracting(kv -> kv.key).containsExactly("mcq-pseudo:pubmedqa:1003", "mcq-pseudo:pubmedqa:1003");
        assertThat(tasks.get(0).value.getAnswer()).isEqualTo("no");
        assertThat(tasks.get(1).value).as("the withdrawal is a tombstone of the task's key").isNull();
    }

    @Test
    void givenAWithdrawnTaskAcceptedAgain_whenJoined_thenTheTaskIsIssuedAgainAndCanBeWithdrawnAgain() {
        labelUnlabeledItem1003(result("1003", "no", 0.9, Decision.ACCEPT), result("1003", "no", 0.5, Decision.REVIEW),
                result("1003", "yes", 0.95, Decision.ACCEPT), result("1003", "yes", 0.3, Decision.REVIEW));

        assertThat(f.stage3.readValuesToList()).extracting(t -> t == null ? "withdrawn" : t.getAnswer())
                .containsExactly("no", "withdrawn", "yes", "withdrawn");
    }

    /** Routes unlabeled item 1003 (its request), then labels it with {@code labelings} in order, a second apart. */
    private void labelUnlabeledItem1003(LabelResult... labelings) {
        items.pipeInput("c", item("1003", PubMedQaSubset.PQA_L, null, null), T0);
        f.stage3.readKeyValuesToList();
        for (int i = 0; i < labelings.length; i++) results.pipeInput("1003", labelings[i], T0.plusSeconds(i + 1));
    }

    @Test
    void givenReviewResultOrResultWithoutRequest_whenJoined_thenNoTask() {
        items.pipeInput("c", item("1003", PubMedQaSubset.PQA_L, null, null), T0);

        results.pipeInput("1003", result("1003", "yes", 0.4, Decision.REVIEW), T0.plusSeconds(5));
        results.pipeInput("9999", result("9999", "yes", 0.95, Decision.ACCEPT), T0.plusSeconds(6));

        assertThat(f.stage3.isEmpty()).isTrue();
    }

    @Test
    void givenDevFoldItem_whenRouted_thenItsTextReachesNoStageTopic() {
        PubMedQaItem dev = item("2001", PubMedQaSubset.PQA_L, "yes", 0);

        items.pipeInput("x", dev, T0);

        assertThat(f.stage3.isEmpty()).isTrue();
        assertThat(f.stage1.isEmpty()).isTrue();
        assertThat(f.stage2.isEmpty()).isTrue();
        assertThat(f.eval.readValuesToList()).extracting(EvalItem::getQuestion).containsExactly(dev.getQuestion());
    }

    @Test
    void givenSameItemsAndResultsTwice_whenProcessed_thenSameOutputKeys() {
        Runnable send = () -> {
            items.pipeInput("a", item("1001", PubMedQaSubset.PQA_L, "yes", 4), T0);
            items.pipeInput("c", item("1003", PubMedQaSubset.PQA_L, null, null), T0);
            results.pipeInput("1003", result("1003", "no", 0.8, Decision.ACCEPT), T0.plusSeconds(1));
        };
        send.run();
        List<String> firstTasks = f.stage3.readKeyValuesToList().stream().map(kv -> kv.key).toList();
        List<String> firstEval = f.eval.readKeyValuesToList().stream().map(kv -> kv.key).toList();

        send.run();

        assertThat(f.stage3.readKeyValuesToList().stream().map(kv -> kv.key).toList()).isEqualTo(firstTasks)
                .containsExactly("mcq:pubmedqa:1001", "mcq-pseudo:pubmedqa:1003");
        assertThat(f.eval.readKeyValuesToList().stream().map(kv -> kv.key).toList()).isEqualTo(firstEval);
    }
}
