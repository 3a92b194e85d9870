package medstream.labeler.model.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import medstream.labeler.model.GenerationParams;
import org.junit.jupiter.api.Test;

/** The wire format: request shapes, answer parsing, and the option span found by text offsets. */
class OpenAiCompletionJsonTest {
    /** "Answer: yes" as BOS + "Answer" + ":" + " yes" + one generated "\n", offsets in code points. */
    private static final String ANSWER = """
            {"id":"cmpl-1","object":"text_completion","choices":[{"index":0,"text":"Answer: yes\\n","logprobs":{
              "tokens":["","Answer",":"," yes","\\n"],
              "token_logprobs":[null,-3.5,-0.25,-1.5,-0.75],
              "text_offset":[0,0,6,7,11],
              "top_logprobs":[null,{"Answer":-3.5},{":":-0.25},{" no":-1.0},{"\\n":-0.75}]}}]}""";

    @Test
    void givenAPromptAndAnOption_whenTheScoringRequestIsBuilt_thenItEchoesWithLogprobsAndOneGreedyToken() {
        ObjectNode r = CompletionJson.scoring("m", "Answer: yes");

        assertThat(r.toString()).isEqualTo(
                "{\"model\":\"m\",\"prompt\":\"Answer: yes\",\"max_tokens\":1,\"temperature\":0.0,\"echo\":true,\"logprobs\":1}");
        assertThat(CompletionJson.parameters(r)).isEqualTo("{\"max_tokens\":1,\"temperature\":0.0,\"echo\":true,\"logprobs\":1}");
    }

    @Test
    void givenSamplingParams_whenTheGenerationRequestIsBuilt_thenSeedAndTopKAreSentAndNoStop() {
        ObjectNode greedy = CompletionJson.generation("m", "p", GenerationParams.greedy(48), true);
        ObjectNode sampled = CompletionJson.generation("m", "p", GenerationParams.sampling(4, 0.8, 5, 17), true);

        assertThat(greedy.toString()).isEqualTo("{\"model\":\"m\",\"prompt\":\"p\",\"max_tokens\":48,\"temperature\":0.0}");
        assertThat(sampled.toString()).isEqualTo(
                "{\"model\":\"m\",\"prompt\":\"p\",\"max_tokens\":4,\"temperature\":0.8,\"seed\":17,\"top_k\":5}");
    }

    @Test
    void givenChoices_whenTheGenerationRequestIsBuilt_thenStructuredOutputsCarryThemOnlyWhenSwitchedOn() {
        GenerationParams vote = GenerationParams.sampling(2, 0.8, 0, 3).withChoices(java.util.List.of("yes", "no"));

        assertThat(CompletionJson.generation("m", "p", vote, true).toString()).endsWith(",\"structured_outputs\":{\"choice\":[\"yes\",\"no\"]}}");
        assertThat(CompletionJson.generation("m", "p", vote, false).has("structured_outputs")).isFalse();
    }

    @Test
    void givenAnEchoedAnswer_whenTheOptionSpanIsScored_thenOnlyTheOptionTokensAreSummedWithoutTheGeneratedOne() {
        Completion c = CompletionJson.parse(ANSWER);

        Completion.SpanLogProb option = c.span(7, 11);
        Completion.SpanLogProb twoTokens = c.span(6, 11);

        assertThat(c.text()).isEqualTo("Answer: yes\n");
        assertThat(option.tokens()).isEqualTo(1);
        assertThat(option.sum()).isCloseTo(-1.5, within(1e-12));
        assertThat(twoTokens.sum()).isCloseTo(-1.75, within(1e-12));
    }

    @Test
    void givenOffsetsThatCountARenderedBos_whenTheOptionSpanIsScored_thenTheShiftIsTakenFromTheGeneratedToken() {
        String shifted = ANSWER.replace("\"tokens\":[\"\",", "\"tokens\":[\"<s>\",").replace("[0,0,6,7,11]", "[0,3,9,10,14]");

        Completion.SpanLogProb option = CompletionJson.parse(shifted).span(7, 11);

        assertThat(option.tokens()).isEqualTo(1);
        assertThat(option.sum()).isCloseTo(-1.5, within(1e-12));
    }

    @Test
    void givenAnOptionMergedIntoThePromptsLastToken_whenScored_thenTheErrorSaysSo() {
        Completion c = CompletionJson.parse(ANSWER);

        assertThatThrownBy(() -> c.span(8, 11)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no token starts");
    }

    @Test
    void givenBodiesThatAreNotCompletions_whenParsed_thenTheyAreMalformedAnswersNamingTheProblem() {
        assertThatThrownBy(() -> CompletionJson.parse("{\"choices\": [")).isInstanceOf(CompletionJson.MalformedAnswer.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> CompletionJson.parse("{\"choices\": []}")).isInstanceOf(CompletionJson.MalformedAnswer.class)
                .hasMessageContaining("choices[0].text");
        assertThatThrownBy(() -> CompletionJson.parse(ANSWER.replace("[0,0,6,7,11]", "[0,0,6]")))
                .isInstanceOf(CompletionJson.MalformedAnswer.class).hasMessageContaining("of one length");
    }

    @Test
    void givenAGenerationAnswerWithoutLogprobs_whenScored_thenItIsRefusedAsMalformed() {
        Completion c = CompletionJson.parse("{\"choices\":[{\"text\":\" because\",\"logprobs\":null}]}");

        assertThat(c.text()).isEqualTo(" because");
        assertThatThrownBy(() -> c.span(0, 3)).isInstanceOf(CompletionJson.MalformedAnswer.class).hasMessageContaining("echo");
    }
}
