package medstream.labeler.lf;

import static medstream.labeler.testing.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import medstream.contracts.Decision;
import medstream.contracts.LabelResult;
import medstream.labeler.LabelerConfig;
import medstream.labeler.core.LabelingOutcome;
import medstream.labeler.core.LabelingPipeline;
import medstream.labeler.strategy.Strategies;
import medstream.labeler.testing.LexicalCueTestModel;
import medstream.labeler.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Strategy weak in the labeler's own pipeline: labels that carry the votes that made them. */
class WeakSupervisionStrategyTest {
    private static WeakSupervisionStrategy weak;

    @BeforeAll
    static void fitOnTrainvalWithoutTheCalibrationFold() {
        weak = WeakStrategies.create(new LabelerConfig.Weak(SharedData.pqal().resolve("pqal_trainval.json").toString(),
                SharedData.pqal().resolve("pqal_cv_folds.json").toString(), 0, "discriminative"));
    }

    private static LabelResult labelOne(String question, String context, String conclusion) {
        LabelingPipeline p = new LabelingPipeline(weak, LabelerConfig.defaults(),
                Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC));
        List<LabelingOutcome> out = p.label(List.of(request("r1", question, List.of(context), conclusion,
                List.of("yes", "no", "maybe"))), new LexicalCueTestModel("s3-v0001"));
        return ((LabelingOutcome.Labeled) out.get(0)).result();
    }

    @Test
    void givenAConclusionThatDeniesTheEffect_whenLabeledWeak_thenNoWithEveryVoteAndTheSetHashInTheResult() {
        LabelResult r = labelOne("Does the drug reduce mortality in septic shock?", "We randomised 200 patients.",
                "The drug did not reduce mortality in septic shock; no significant difference was found.");

        assertThat(r.getStrategy()).isEqualTo("weak");
        assertThat(r.getLabel()).isEqualTo("no");
        assertThat(r.getLfSetHash()).isEqualTo(PubMedQaLfs.defaults().hash());
        assertThat(r.getVotes()).hasSize(PubMedQaLfs.defaults().functions().size());
        assertThat(r.getVotes()).anySatisfy(v -> {
            assertThat(v.getVoter()).isEqualTo("negated_verb");
            assertThat(v.getLabel()).isEqualTo("no");
            assertThat(v.getProbability()).isEqualTo(1.0);
        });
        assertThat(r.getOptionScores().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                within(1e-9));
    }

    @Test
    void givenAChineseConclusionAndNoEnglishCue_whenLabeledWeak_thenReviewBecauseNoRuleVoted() {
        LabelResult r = labelOne("Does the drug reduce mortality?", "患者随机分组。", "该药物未降低死亡率。");

        assertThat(r.getDecision()).isEqualTo(Decision.REVIEW);
        assertThat(r.getReason()).contains(WeakSupervisionStrategy.NO_VOTES).contains("CONCLUSION_NOT_ENGLISH");
        assertThat(r.getVotes()).allSatisfy(v -> assertThat(v.getLabel()).isNull());
    }

    @Test
    void givenNoGoldFile_whenStrategyWeakIsCreated_thenTheErrorNamesTheSetting() {
        assertThatThrownBy(() -> Strategies.create("weak", LabelerConfig.defaults()))
                .hasMessageContaining(LabelerConfig.WEAK_GOLD_FILE.key()).hasMessageContaining("pqal_trainval.json");
    }

    @Test
    void givenAFoldThatDoesNotExist_whenStrategyWeakIsCreated_thenTheErrorNamesTheSetting() {
        LabelerConfig c = LabelerConfig.of(Map.of(LabelerConfig.WEAK_GOLD_FILE.key(), SharedData.pqal().resolve("pqal_trainval.json").toString(),
                LabelerConfig.WEAK_FOLDS_FILE.key(), SharedData.pqal().resolve("pqal_cv_folds.json").toString(),
                LabelerConfig.WEAK_HELD_OUT_FOLD.key(), "12"));

        assertThatThrownBy(() -> Strategies.create("weak", c)).hasMessageContaining(LabelerConfig.WEAK_HELD_OUT_FOLD.key());
    }

    @Test
    void givenALabelModelFittedOnOtherVoters_whenTheStrategyIsBuilt_thenRefused() {
        LabelModel other = LabelModel.Kind.GENERATIVE.fit(List.of("someone-else"), List.of(), null, 0);

        assertThatThrownBy(() -> new WeakSupervisionStrategy(PubMedQaLfs.defaults(), other)).hasMessageContaining("someone-else");
    }
}
