package medstream.labeler.lf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import medstream.labeler.testing.Requests;
import org.junit.jupiter.api.Test;

/** Input the cues cannot read gets a vote set and a reason, never an exception. */
class LabelingFunctionsBadInputTest {
    private static final LabelingFunctions LFS = PubMedQaLfs.defaults();
    private static final String QUESTION = "Does early mobilisation reduce the length of hospital stay?";
    private static final List<String> CONTEXT = List.of("We compared 120 patients mobilised early with 118 controls.");

    private static VoteSet votes(String question, List<String> contexts, String conclusion) {
        return LFS.apply(LfInput.of(Requests.request("bad", question, contexts, conclusion, List.of("yes", "no", "maybe"))));
    }

    @Test
    void givenNoConclusion_whenVoted_thenEveryConclusionRuleAbstainsAndTheReasonSaysSo() {
        VoteSet s = votes(QUESTION, CONTEXT, null);

        assertThat(s.reasons()).contains("NO_CONCLUSION");
        assertThat(s.votes()).hasSize(LFS.functions().size());
        assertThat(s.vote("no_negation").abstained()).isTrue();
        assertThat(s.vote("no_negation").reason()).isEqualTo("EMPTY_CONCLUSION");
        assertThat(s.vote("topic_negated").abstained()).isTrue();
    }

    @Test
    void givenAnEmptyContext_whenVoted_thenContextRulesAbstainAndConclusionRulesStillVote() {
        VoteSet s = votes(QUESTION, List.of(), "Early mobilisation did not reduce the length of stay.");

        assertThat(s.reasons()).containsExactly("NO_CONTEXT");
        assertThat(s.vote("results_significant").reason()).isEqualTo("EMPTY_CONTEXT");
        assertThat(s.vote("negated_verb").label()).isEqualTo("no");
    }

    @Test
    void givenAChineseConclusion_whenVoted_thenItIsNotReadAsEnglishAndEveryConclusionRuleAbstains() {
        VoteSet s = votes(QUESTION, CONTEXT, "早期活动并未缩短住院时间，但患者满意度有所提高。");

        assertThat(s.reasons()).containsExactly("CONCLUSION_NOT_ENGLISH");
        // "no_negation" would otherwise vote yes on any text without an English negation
        assertThat(s.vote("no_negation").abstained()).isTrue();
        assertThat(s.votes().stream().filter(v -> !v.abstained()).map(Vote::voter).toList())
                .allSatisfy(id -> assertThat(id).isIn("sceptical_question", "results_significant", "results_no_difference"));
    }

    @Test
    void givenATenThousandWordConclusion_whenVoted_thenItIsCutToTheHeadWithAReasonAndVotedQuickly() {
        String head = "Early mobilisation did not reduce the length of stay. ";
        String filler = IntStream.range(0, 10_000).mapToObj(i -> "word" + (i % 7)).collect(Collectors.joining(" "));

        long t0 = System.nanoTime();
        VoteSet s = votes(QUESTION, CONTEXT, head + filler);
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertThat(s.reasons()).containsExactly(String.format(Locale.ROOT, "CONCLUSION_TRUNCATED(%d>%d words)", 10_000 + 9,
                LfInput.MAX_WORDS));
        assertThat(s.vote("negated_verb").label()).isEqualTo("no");
        assertThat(seconds).isLessThan(2.0);
    }

    @Test
    void givenNoQuestionAndNoConclusion_whenVoted_thenTheSetStillHasOneVotePerRule() {
        VoteSet s = votes("", List.of(""), "   ");

        assertThat(s.reasons()).containsExactly("NO_QUESTION", "NO_CONTEXT", "NO_CONCLUSION");
        assertThat(s.votes()).hasSize(LFS.functions().size()).allSatisfy(v -> assertThat(v.abstained()).isTrue());
    }
}
