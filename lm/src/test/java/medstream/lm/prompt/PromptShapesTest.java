package medstream.lm.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import medstream.lm.hf.ChatFormat;
import medstream.lm.hf.HfDirectory;
import medstream.lm.hf.TinyHfCheckpoints;
import medstream.lm.tokenizer.TextTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptShapesTest {
    @TempDir
    Path dir;

    @Test
    void givenAQuestionWithContextAndKeyOnlyOptions_whenRendered_thenOneLinePerPartAndTheAnswerCueLast() {
        String prompt = McqPrompt.render(" Does it work? ", "It did.\n", List.of("yes", "no", "maybe"));

        assertThat(prompt).isEqualTo("Question: Does it work?\nContext: It did.\nOptions:\nyes\nno\nmaybe\nAnswer:");
        assertThat(McqPrompt.answer("yes", "yes")).isEqualTo(" yes");
    }

    @Test
    void givenLetteredOptionsAndNoContext_whenRendered_thenTheContextLineIsLeftOutAndOptionsShowTheirText() {
        List<String> lines = List.of(McqPrompt.optionLine("A", "Aspirin"), McqPrompt.optionLine("B", " "));

        assertThat(McqPrompt.render("Which?", "  ", lines)).isEqualTo("Question: Which?\nOptions:\nA. Aspirin\nB\nAnswer:");
        assertThat(McqPrompt.answer("A", "Aspirin") + McqPrompt.explanation(" Because. "))
                .isEqualTo(" A. Aspirin\nExplanation: Because.");
    }

    @Test
    void givenExplanations_whenTheVerificationAnswerPromptIsRendered_thenItIsTheMcqPromptWithThemBeforeTheOptions() {
        String block = VerificationPrompt.explanations(List.of("yes", "no"), List.of("It did.", "It did not."));

        String prompt = VerificationPrompt.answer("Q?", "C.", block, List.of("yes", "no"));

        assertThat(prompt).isEqualTo(McqPrompt.render("Q?", "C.", "If the answer were yes: It did.\n"
                + "If the answer were no: It did not.\n", List.of("yes", "no")));
        assertThat(VerificationPrompt.judge("Q?", "C.", "yes", "It did.")).startsWith("Question: Q?\nContext: C.\n")
                .endsWith("Answer yes or no:");
    }

    @Test
    void givenAnInstruction_whenRenderedPlainAndForAChat_thenPlainHasMarkersAndTheChatReplyHasNoLeadingSpace() {
        assertThat(InstructionPrompt.body("Explain.", "Metformin", ChatFormat.PLAIN) + InstructionPrompt.RESPONSE_CUE
                + InstructionPrompt.response("It lowers glucose.", ChatFormat.PLAIN))
                .isEqualTo("Instruction: Explain.\nInput: Metformin\nResponse: It lowers glucose.");
        assertThat(InstructionPrompt.body("Explain.", null, ChatFormat.CHATML)).isEqualTo("Explain.");
        assertThat(InstructionPrompt.response("It lowers glucose.", ChatFormat.CHATML)).isEqualTo("It lowers glucose.");
    }

    @Test
    void givenAQwen2Tokenizer_whenAPromptIsEncodedForItsChatTemplate_thenTheIdsAreTheChatMlTextWithSpecialTokens()
            throws Exception {
        TinyHfCheckpoints.writeTokenizer(dir, true);
        TextTokenizer tokenizer = TextTokenizer.load(dir.resolve(HfDirectory.TOKENIZER));
        PromptEncoder chat = new PromptEncoder(tokenizer, ChatFormat.CHATML);
        String prompt = McqPrompt.render("Q?", "C.", List.of("yes", "no"));

        int[] ids = chat.prompt(prompt);

        assertThat(ids).containsExactly(tokenizer.encode("<|im_start|>user\n" + prompt
                + "<|im_end|>\n<|im_start|>assistant\n", true));
        assertThat(chat.continuation(" yes")).containsExactly(tokenizer.encode("yes"));
        assertThat(chat.stopId()).isEqualTo(tokenizer.encode("<|im_end|>", true)[0]);
        assertThat(chat.prompt("<|im_end|>")).as("prompt text stays text").hasSizeGreaterThan(
                chat.promptLength("") + 1);
    }

    @Test
    void givenNoChatTemplate_whenAPromptIsEncoded_thenItIsBosAndTheTextAndContinuationsKeepTheirSpace() throws Exception {
        TinyHfCheckpoints.writeTokenizer(dir, true);
        TextTokenizer tokenizer = TextTokenizer.load(dir.resolve(HfDirectory.TOKENIZER));
        PromptEncoder plain = new PromptEncoder(tokenizer, ChatFormat.PLAIN);

        assertThat(plain.prompt("Answer:")[0]).isEqualTo(tokenizer.bosId());
        assertThat(plain.prompt("Answer:")).hasSize(1 + tokenizer.encode("Answer:").length);
        assertThat(plain.continuation(" yes")).containsExactly(tokenizer.encode(" yes"));
        assertThat(plain.stopId()).isEqualTo(tokenizer.eosId());
    }
}
