package medstream.labeler.lf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules' votes on real conclusions, the negated-question flip and the set's version hash. */
class LabelingFunctionsTest {
    private static final LabelingFunctions LFS = PubMedQaLfs.defaults();

    private static VoteSet votes(String question, String conclusion) {
        return LFS.apply(LfInput.of("t", question, "", conclusion));
    }

    @Test
    void givenAConclusionDenyingTheAskedEffect_whenVoted_thenTheNegationRulesVoteNo() {
        // PQA-L 'no' item of fold 0's training part
        VoteSet s = votes("Does ossification of the posterior longitudinal ligament affect the neurological outcome after "
                + "traumatic cervical cord injury?", "No evidence was found for OPLL to have any effect on the initial "
                + "neurologic status or recovery in motor function after traumatic cervical cord injury.");

        assertThat(s.vote("no_evidence").label()).isEqualTo("no");
        assertThat(s.vote("no_difference").label()).isEqualTo("no");
        assertThat(s.vote("topic_negated").label()).isEqualTo("no");
        assertThat(s.vote("no_negation").abstained()).isTrue();
        assertThat(s.vote("no_evidence").reason()).contains("no evidence");
    }

    @Test
    void givenAnAffirmingConclusion_whenVoted_thenYesRulesVoteAndNoNegationRuleVotes() {
        VoteSet s = votes("Does the treatment improve survival?",
                "The treatment significantly improves survival and is safe in elderly patients.");

        assertThat(s.vote("improves").label()).isEqualTo("yes");
        assertThat(s.vote("significant_effect").label()).isEqualTo("yes");
        assertThat(s.vote("positive_predicate").label()).isEqualTo("yes");
        assertThat(s.votes().stream().filter(v -> "no".equals(v.label())).toList()).isEmpty();
    }

    @Test
    void givenANegatedQuestion_whenVoted_thenAnswerRulesFlipYesAndNoButQuestionRulesDoNot() {
        String conclusion = "The treatment did not improve survival.";
        VoteSet plain = votes("Does the treatment improve survival?", conclusion);
        VoteSet negated = votes("Does the treatment not improve survival?", conclusion);

        assertThat(plain.vote("negated_verb").label()).isEqualTo("no");
        assertThat(negated.vote("negated_verb").label()).isEqualTo("yes");
        assertThat(negated.reasons()).contains(LabelingFunctions.QUESTION_NEGATED);
        assertThat(plain.reasons()).doesNotContain(LabelingFunctions.QUESTION_NEGATED);
    }

    @Test
    void givenANotInASubordinateClauseOfTheQuestion_whenChecked_thenTheQuestionIsNotNegated() {
        assertThat(LabelingFunctions.questionNegated("patient comprehension: are patients aware of when they do not understand?"))
                .isFalse();
        assertThat(LabelingFunctions.questionNegated("is it not time to stop screening?")).isTrue();
        assertThat(LabelingFunctions.questionNegated("doesn't the drug work?")).isTrue();
    }

    @Test
    void givenOneChangedDefinition_whenHashed_thenTheVersionChangesAndIsStableOtherwise() {
        List<LabelingFunction> changed = new ArrayList<>(LFS.functions());
        changed.set(0, CueFunction.of(changed.get(0).id(), CueFunction.Field.CONCLUSION, "no", "\\bnot\\b"));

        assertThat(PubMedQaLfs.defaults().hash()).isEqualTo(LFS.hash()).hasSize(LabelingFunctions.HASH_PREFIX);
        assertThat(new LabelingFunctions(changed).hash()).isNotEqualTo(LFS.hash());
    }

    @Test
    void givenTwoRulesWithOneId_whenBuilt_thenRefused() {
        CueFunction a = CueFunction.of("dup", CueFunction.Field.CONCLUSION, "no", "not");

        assertThatThrownBy(() -> new LabelingFunctions(List.of(a, a))).hasMessageContaining("dup");
    }

    @Test
    void givenAQuestionAskingSamenessAndAConclusionOfDifferences_whenVoted_thenNo() {
        VoteSet s = votes("Cold knife conization vs. LEEP. Are they the same procedure?",
                "Cold knife cone specimens were 50% longer and 100% heavier than LEEP specimens.");

        assertThat(s.vote("same_asked_differs").label()).isEqualTo("no");
        assertThat(s.vote("same_asked_differs").reason()).contains("same").contains("longer");
    }
}
