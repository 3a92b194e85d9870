package medstream.labeler.lf;

import static medstream.labeler.testing.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import medstream.contracts.Decision;
import medstream.contracts.LabelRequest;
import medstream.contracts.LabelResult;
import medstream.labeler.LabelerConfig;
import medstream.labeler.core.LabelingOutcome;
import medstream.labeler.core.LabelingPipeline;
import medstream.labeler.testing.LexicalCueTestModel;
import medstream.labeler.testing.SharedData;
import medstream.topics.config.Settings;
import org.junit.jupiter.api.Test;

/**
 * The default path's strategy (weak, with ppl and long-answer voting) on the bad inputs of issue 13, through the
 * labeler's whole pipeline in one batch: each request comes out labeled, with its votes and a reason, and none throws.
 */
class WeakBadInputPipelineTest {
    private static final List<String> OPTIONS = List.of("yes", "no", "maybe");
    private static final String QUESTION = "Does early mobilisation shorten the hospital stay?";

    @Test
    void givenNoConclusionEmptyContextChineseAndTenThousandWordConclusions_whenLabeledInOneBatch_thenEachGetsVotesAndAReason() {
        LabelerConfig config = LabelerConfig.from(Settings.of(Map.of(
                LabelerConfig.STRATEGY.key(), "weak",
                LabelerConfig.BAD_INPUT.key(), "review",
                LabelerConfig.WEAK_GOLD_FILE.key(), SharedData.pqal().resolve("pqal_trainval.json").toString(),
                LabelerConfig.WEAK_FOLDS_FILE.key(), SharedData.pqal().resolve("pqal_cv_folds.json").toString(),
                LabelerConfig.WEAK_MODEL_VOTERS.key(), "ppl,long-answer")));
        LabelingPipeline pipeline = new LabelingPipeline(WeakStrategies.create(config), config, Clock.systemUTC());
        List<LabelRequest> bad = List.of(
                request("no-conclusion", QUESTION, List.of("Patients were mobilised on day one."), null, OPTIONS),
                request("empty-context", QUESTION, List.of(), "Early mobilisation did not shorten the stay.", OPTIONS),
                request("chinese", QUESTION, List.of("Patients were mobilised on day one."), "早期活动缩短了住院时间。", OPTIONS),
                request("ten-thousand-words", QUESTION, List.of("Patients were mobilised on day one."),
                        "Early mobilisation did not shorten the stay. " + "word ".repeat(10_000), OPTIONS));

        List<LabelingOutcome> out = pipeline.label(bad, new LexicalCueTestModel("s3-v0001"));

        assertThat(out).hasSize(4).allSatisfy(o -> assertThat(o).isInstanceOf(LabelingOutcome.Labeled.class));
        Map<String, LabelResult> byId = new java.util.HashMap<>();
        out.forEach(o -> byId.put(((LabelingOutcome.Labeled) o).result().getRequestId(), ((LabelingOutcome.Labeled) o).result()));
        // The empty context fails validation: REVIEW with the reason code (bad-input=review), no strategy run.
        assertThat(byId.get("empty-context").getDecision()).isEqualTo(Decision.REVIEW);
        assertThat(byId.get("empty-context").getReason()).isNotBlank();
        for (String id : List.of("no-conclusion", "chinese", "ten-thousand-words")) {
            LabelResult r = byId.get(id);
            assertThat(r.getStrategy()).as(id).isEqualTo("weak");
            assertThat(r.getVotes()).as(id).hasSize(PubMedQaLfs.defaults().functions().size() + 2);
            assertThat(r.getVotes()).as(id).anySatisfy(v -> assertThat(v.getReason()).isNotBlank());
        }
        // long-answer has no conclusion to read, or one too long for the window: it abstains, saying why.
        assertThat(vote(byId.get("no-conclusion"), "long-answer").getLabel()).isNull();
        assertThat(vote(byId.get("ten-thousand-words"), "long-answer").getReason()).isEqualTo(ModelVotes.PROMPT_OVER_WINDOW);
        assertThat(byId.get("ten-thousand-words").getLabel()).isEqualTo("no");
        assertThat(byId.get("chinese").getReason()).contains("CONCLUSION_NOT_ENGLISH");
    }

    private static medstream.contracts.LabelVote vote(LabelResult r, String voter) {
        return r.getVotes().stream().filter(v -> v.getVoter().equals(voter)).findFirst().orElseThrow();
    }
}
