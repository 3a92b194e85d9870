package medstream.knowledge.pubmedqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import medstream.contracts.TaskFamily;
import medstream.knowledge.InvalidRecordException;
import org.junit.jupiter.api.Test;

class PubMedQaRouterTest {
    private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");
    private final PubMedQaRouter router = new PubMedQaRouter(PubMedQaConfig.defaults());

    /** Shaped like pqal_trainval.json "10808977" (mammography tailored interventions). */
    static PubMedQaItem item(String pmid, PubMedQaSubset subset, String decision, Integer fold) {
        return PubMedQaItem.newBuilder().setPmid(pmid)
                .setQuestion("Can tailored interventions increase mammography use among HMO women?")
                .setContexts(List.of("Telephone counseling and tailored print communications are promising methods.",
                        "Three-year randomized field trial."))
                .setContextLabels(List.of("BACKGROUND", "DESIGN"))
                .setLongAnswer("Telephone counseling seemed particularly effective among nonadherent women.")
                .setFinalDecision(decision).setSubset(subset).setFold(fold).build();
    }

    @Test
    void givenLabeledPqalInTrainingFold_whenRouted_thenGoldTaskOnly() {
        PubMedQaRouter.Routing r = router.route(item("10808977", PubMedQaSubset.PQA_L, "yes", 3), T0);

        McqTask t = r.task().orElseThrow();
        assertThat(r.eval()).isEmpty();
        assertThat(r.request()).isEmpty();
        assertThat(t.getId()).isEqualTo("mcq:pubmedqa:10808977");
        assertThat(t.getFamily()).isEqualTo(TaskFamily.PUBMEDQA);
        assertThat(t.getLabelOrigin()).isEqualTo(LabelOrigin.GOLD);
        assertThat(t.getAnswer()).isEqualTo("yes");
        assertThat(t.getOptions()).extracting(o -> o.getKey()).containsExactly("yes", "no", "maybe");
        assertThat(t.getContext()).isEqualTo("BACKGROUND: Telephone counseling and tailored print communications are "
                + "promising methods.\nDESIGN: Three-year randomized field trial.");
        assertThat(t.getExplanation()).startsWith("Telephone counseling seemed");
    }

    @Test
    void givenLabeledPqalInDevFold_whenRouted_thenEvaluationItemOnly() {
        PubMedQaRouter.Routing r = router.route(item("10808977", PubMedQaSubset.PQA_L, "Yes", 0), T0);

        assertThat(r.task()).isEmpty();
        assertThat(r.request()).isEmpty();
        EvalItem e = r.eval().orElseThrow();
        assertThat(e.getId()).isEqualTo("pubmedqa:10808977");
        assertThat(e.getBenchmark()).isEqualTo("pubmedqa");
        assertThat(e.getSplit()).isEqualTo("dev");
        assertThat(e.getAnswer()).isEqualTo("yes");
    }

    @Test
    void givenOtherDevFoldConfigured_whenRouted_thenThatFoldIsHeldOut() {
        PubMedQaRouter fold3 = new PubMedQaRouter(new PubMedQaConfig(3, 1.0, true));

        assertThat(fold3.route(item("1", PubMedQaSubset.PQA_L, "no", 3), T0).eval()).isPresent();
        assertThat(fold3.route(item("1", PubMedQaSubset.PQA_L, "no", 0), T0).task()).isPresent();
    }

    @Test
    void givenLabeledPqalWithoutFold_whenRouted_thenHeldOutRatherThanTrained() {
        PubMedQaRouter.Routing r = router.route(item("2", PubMedQaSubset.PQA_L, "maybe", null), T0);

        assertThat(r.task()).isEmpty();
        assertThat(r.eval()).isPresent();
    }

    @Test
    void givenUnlabeledPqalItem_whenRouted_thenLabelRequestAndProtectionEvalItemButNoTask() {
        PubMedQaRouter.Routing r = router.route(item("12345678", PubMedQaSubset.PQA_L, null, null), T0);

        assertThat(r.task()).isEmpty();
        LabelRequest req = r.request().orElseThrow();
        assertThat(req.getId()).isEqualTo("12345678");
        assertThat(req.getOptions()).containsExactly("yes", "no", "maybe");
        assertThat(req.getRequestedAt()).isEqualTo(T0);
        assertThat(req.getLongAnswer()).startsWith("Telephone counseling");
        EvalItem e = r.eval().orElseThrow();
        assertThat(e.getSplit()).isEqualTo(PubMedQaConfig.UNLABELED_SPLIT);
        assertThat(e.getAnswer()).isNull();
        assertThat(e.getContext()).contains("Three-year randomized field trial.");
    }

    @Test
    void givenProtectionOff_whenUnlabeledRouted_thenOnlyTheRequest() {
        PubMedQaRouter r = new PubMedQaRouter(new PubMedQaConfig(0, 1.0, false));

        PubMedQaRouter.Routing routing = r.route(item("9", PubMedQaSubset.PQA_U, null, null), T0);

        assertThat(routing.request()).isPresent();
        assertThat(routing.eval()).isEmpty();
    }

    @Test
    void givenPqaaItem_whenRouted_thenArtificialTaskWithConfiguredWeight() {
        PubMedQaRouter half = new PubMedQaRouter(new PubMedQaConfig(0, 0.5, true));

        McqTask t = half.route(item("pqaa-0001", PubMedQaSubset.PQA_A, "no", null), T0).task().orElseThrow();

        assertThat(t.getLabelOrigin()).isEqualTo(LabelOrigin.ARTIFICIAL);
        assertThat(t.getSampleWeight()).isEqualTo(0.5);
        assertThat(t.getAnswer()).isEqualTo("no");
    }

    @Test
    void givenBadItems_whenRouted_thenInvalidRecordsNamingTheItem() {
        assertThatThrownBy(() -> router.route(item("7", PubMedQaSubset.PQA_A, null, null), T0))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("pubmedqa:7");
        assertThatThrownBy(() -> router.route(item("8", PubMedQaSubset.PQA_L, "probably", 2), T0))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("'probably'");
    }

    private static LabelResult result(String requestId, String label, double confidence, Decision decision) {
        return LabelResult.newBuilder().setRequestId(requestId).setLabel(label).setConfidence(confidence)
                .setDecision(decision).setStrategy("voc").setOptionScores(Map.of()).setExplanations(List.of())
                .setModelVersion("v3").setLabeledAt(T0).build();
    }

    @Test
    void givenAcceptedLabelAndItsRequest_whenJoined_thenPseudoTaskWeightedByConfidence() {
        LabelRequest req = router.route(item("12345678", PubMedQaSubset.PQA_L, null, null), T0).request().orElseThrow();

        McqTask t = router.pseudoTask(req, result("12345678", "maybe", 0.83, Decision.ACCEPT)).orElseThrow();

        assertThat(t.getId()).isEqualTo("mcq-pseudo:pubmedqa:12345678");
        assertThat(t.getLabelOrigin()).isEqualTo(LabelOrigin.PSEUDO);
        assertThat(t.getAnswer()).isEqualTo("maybe");
        assertThat(t.getConfidence()).isEqualTo(0.83);
        assertThat(t.getSampleWeight()).isEqualTo(0.83);
        assertThat(t.getLabelId()).isEqualTo("12345678@v3/voc");
        assertThat(t.getContext()).contains("Three-year randomized field trial.");
    }

    @Test
    void givenReviewOrUnknownLabel_whenJoined_thenNoTaskOrInvalid() {
        LabelRequest req = router.route(item("1", PubMedQaSubset.PQA_L, null, null), T0).request().orElseThrow();

        assertThat(router.pseudoTask(req, result("1", "yes", 0.4, Decision.REVIEW))).isEmpty();
        assertThatThrownBy(() -> router.pseudoTask(req, result("1", "perhaps", 0.9, Decision.ACCEPT)))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("'perhaps'");
    }
}
