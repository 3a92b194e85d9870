package medstream.trainer.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import medstream.contracts.CorpusText;
import medstream.contracts.Instruction;
import medstream.contracts.LabelOrigin;
import medstream.contracts.McqTask;
import medstream.contracts.Option;
import medstream.contracts.TaskFamily;
import medstream.lm.hf.ChatFormat;
import medstream.lm.hf.HfDirectory;
import medstream.lm.hf.TinyHfCheckpoints;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.hf.HfTokenizer;
import medstream.lm.train.TrainBatch;
import medstream.trainer.config.TruncationPolicy;
import medstream.trainer.testing.TestTokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageFormattersTest {

    private static final int CONTEXT = 64;
    private final BpeTokenizer tok = TestTokenizers.tiny();

    // ---- stage 1 -------------------------------------------------------------------------------------------

    @Test
    void givenCorpusText_whenFormatted_thenIdsDecodeToTheTextFollowedByEos() {
        Example e = new CorpusFormatter(tok, CONTEXT, TruncationPolicy.defaults()).format(corpus("c1", "Aspirin 阿司匹林."));
        assertThat(e.tokens()[e.length() - 1]).isEqualTo(tok.eosId());
        assertThat(tok.decode(Arrays.copyOf(e.tokens(), e.length() - 1))).isEqualTo("Aspirin 阿司匹林.");
    }

    @Test
    void givenBlankOrHugeCorpusText_whenFormatted_thenRefusedWithReason() {
        CorpusFormatter f = new CorpusFormatter(tok, 8, new TruncationPolicy(2, 8, 4));
        assertThatThrownBy(() -> f.format(corpus("blank", "  \n ")))
                .isInstanceOfSatisfying(UnformattableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnformattableRecordException.EMPTY));
        assertThatThrownBy(() -> f.format(corpus("huge", String.join(" ", TestTokenizers.TEXTS))))
                .isInstanceOfSatisfying(UnformattableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnformattableRecordException.OVER_LONG));
    }

    @Test
    void givenDocuments_whenPacked_thenRowsCoverTheStreamWithEveryTokenATargetOnce() {
        CorpusFormatter f = new CorpusFormatter(tok, CONTEXT, TruncationPolicy.defaults());
        List<Example> docs = TestTokenizers.TEXTS.stream().map(t -> f.format(corpus("x", t))).toList();
        List<Integer> stream = new ArrayList<>();
        docs.forEach(d -> Arrays.stream(d.tokens()).forEach(stream::add));

        List<Example> rows = Packing.pack(docs, CONTEXT, tok.padId());

        List<Integer> targets = new ArrayList<>();
        for (Example row : rows) {
            assertThat(row.length()).isEqualTo(CONTEXT + 1);
            for (int i = 0; i < CONTEXT; i++) {
                if (row.lossMask()[i] > 0) {
                    targets.add(row.tokens()[i + 1]);
                }
            }
        }
        assertThat(targets).isEqualTo(stream.subList(1, stream.size()));
        assertThat(rows.get(0).tokens()[0]).isEqualTo(stream.get(0));
        Example last = rows.get(rows.size() - 1);
        int padded = CONTEXT - last.targetTokens();
        assertThat(padded).isPositive(); // the fixture does not fill its last row exactly
        assertThat(last.tokens()[CONTEXT]).isEqualTo(tok.padId());
    }

    // ---- stage 2 -------------------------------------------------------------------------------------------

    @Test
    void givenInstruction_whenFormatted_thenLossIsMaskedOnThePromptAndCoversTheResponse() {
        Example e = new InstructionFormatter(tok, CONTEXT, TruncationPolicy.defaults())
                .format(instruction("i1", "Explain metformin.", "", "It lowers glucose."));
        int firstTarget = firstMasked(e);
        int[] prompt = Arrays.copyOf(e.tokens(), firstTarget + 1);
        int[] response = Arrays.copyOfRange(e.tokens(), firstTarget + 1, e.length());
        assertThat(prompt[0]).isEqualTo(tok.bosId());
        assertThat(tok.decode(prompt, true)).isEqualTo("Instruction: Explain metformin." + medstream.lm.prompt.InstructionPrompt.RESPONSE_CUE);
        assertThat(tok.decode(response)).isEqualTo(" It lowers glucose.<|eos|>");
        assertThat(e.targetTokens()).isEqualTo(response.length);
        assertThat(e.weight()).isEqualTo(1f);
    }

    @Test
    void givenOverLongInstructionWithinOverflow_whenFormatted_thenPromptBodyIsCutAndCueAndResponseKept() {
        String longInput = String.join(" ", TestTokenizers.TEXTS.subList(0, 6));
        Example e = new InstructionFormatter(tok, CONTEXT, new TruncationPolicy(64, 8.0, 8))
                .format(instruction("i2", "Summarise.", longInput, "Short."));
        assertThat(e.length()).isLessThanOrEqualTo(CONTEXT + 1);
        String text = tok.decode(e.tokens(), true);
        assertThat(text).startsWith("Instruction: Summarise.").endsWith(medstream.lm.prompt.InstructionPrompt.RESPONSE_CUE + " Short.");
    }

    @Test
    void givenInstructionBeyondOverflowOrEmpty_whenFormatted_thenRefusedWithReason() {
        InstructionFormatter f = new InstructionFormatter(tok, 16, new TruncationPolicy(64, 2.0, 4));
        assertThatThrownBy(() -> f.format(instruction("i3", "Summarise.", String.join(" ", TestTokenizers.TEXTS), "ok")))
                .isInstanceOfSatisfying(UnformattableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnformattableRecordException.OVER_LONG));
        assertThatThrownBy(() -> f.format(instruction("i4", "Summarise.", "", " ")))
                .isInstanceOfSatisfying(UnformattableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnformattableRecordException.EMPTY));
    }

    // ---- stage 3 -------------------------------------------------------------------------------------------

    @Test
    void givenMcqTask_whenFormatted_thenAnswerAndExplanationAreTheResponseWithTheRecordsWeight() {
        McqTask t = task("t1", "Which drug inhibits platelets?", null, "B", "It blocks cyclooxygenase.", 0.5);
        Example e = new McqFormatter(tok, 128, TruncationPolicy.defaults()).format(t);
        int firstTarget = firstMasked(e);
        String prompt = tok.decode(Arrays.copyOf(e.tokens(), firstTarget + 1), true);
        String response = tok.decode(Arrays.copyOfRange(e.tokens(), firstTarget + 1, e.length()));
        assertThat(prompt).isEqualTo("Question: Which drug inhibits platelets?\nOptions:\nA. Metformin\nB. Aspirin\n"
                + "Answer:");
        assertThat(response).isEqualTo(" B. Aspirin\nExplanation: It blocks cyclooxygenase.<|eos|>");
        assertThat(e.weight()).isEqualTo(0.5f);
    }

    @Test
    void givenMcqTask_whenEvalPromptIsBuilt_thenItEqualsTheTrainingPrompt() {
        McqTask t = task("t2", "Does aspirin help?", "Aspirin reduces platelet aggregation.", "A", null, 1.0);
        Example e = new McqFormatter(tok, 128, TruncationPolicy.defaults()).format(t);
        int[] evalPrompt = PromptFormats.mcqPrompt(tok, t.getQuestion(), t.getContext(), t.getOptions(), 100);
        assertThat(Arrays.copyOf(e.tokens(), firstMasked(e) + 1)).isEqualTo(evalPrompt);
    }

    @Test
    void givenLongContext_whenFormatted_thenContextIsCutAndTheAnswerKept() {
        McqTask t = task("t3", "Is it true?", String.join(" ", TestTokenizers.TEXTS.subList(0, 5)), "A", "Because.", 1.0);
        Example e = new McqFormatter(tok, CONTEXT, TruncationPolicy.defaults()).format(t);
        assertThat(e.length()).isLessThanOrEqualTo(CONTEXT + 1);
        String text = tok.decode(e.tokens(), true);
        assertThat(text).startsWith("Question: Is it true?\nContext: Aspirin").contains("Options:\nA. Metformin")
                .contains("Answer: A. Metformin");
    }

    @Test
    void givenBadAnswerOrWeight_whenFormatted_thenRefusedWithReason() {
        McqFormatter f = new McqFormatter(tok, CONTEXT, TruncationPolicy.defaults());
        assertThatThrownBy(() -> f.format(task("t4", "Q?", null, "E", null, 1.0)))
                .isInstanceOfSatisfying(UnformattableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnformattableRecordException.BAD_OPTIONS));
        assertThatThrownBy(() -> f.format(task("t5", "Q?", null, "A", null, Double.NaN)))
                .isInstanceOfSatisfying(UnformattableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnformattableRecordException.BAD_WEIGHT));
    }

    @Test
    void givenRowsOfDifferentLengths_whenBatched_thenPaddingIsMaskedAndWeightsKept() {
        Example a = new Example(new int[] {1, 2, 3}, new float[] {0, 1}, 2f);
        Example b = new Example(new int[] {4, 5, 6, 7, 8}, new float[] {1, 1, 1, 1}, 1f);
        List<TrainBatch> batches = Batches.of(List.of(a, b, a), 2, 0);
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).tokens()[0]).containsExactly(1, 2, 3, 0, 0);
        assertThat(batches.get(0).lossMask()[0]).containsExactly(0f, 1f, 0f, 0f);
        assertThat(batches.get(0).weights()).containsExactly(2f, 1f);
        assertThat(batches.get(1).rows()).isEqualTo(1);
    }

    private static int firstMasked(Example e) {
        for (int i = 0; i < e.lossMask().length; i++) {
            if (e.lossMask()[i] > 0) {
                return i;
            }
        }
        throw new AssertionError("no target in " + e);
    }

    static CorpusText corpus(String id, String text) {
        return CorpusText.newBuilder().setId(id).setText(text).setLanguage("en").setSourceKind("DOCUMENT")
                .setOriginIds(List.of(id)).setApproxTokens(text.length() / 4).build();
    }

    @Test
    void givenAQwenTokenizerWithChatMl_whenAnInstructionIsFormatted_thenItIsTheTemplatesTurnsWithOnlyTheAnswerLearned(
            @TempDir Path dir) throws Exception {
        TinyHfCheckpoints.writeTokenizer(dir, true);
        HfTokenizer qwen = HfTokenizer.load(dir.resolve(HfDirectory.TOKENIZER));
        ChatFormat chat = ChatFormat.detect(new ObjectMapper().readTree(dir.resolve(HfDirectory.TOKENIZER_CONFIG).toFile()),
                qwen);
        String prompt = "<|im_start|>user\nName a statin.<|im_end|>\n<|im_start|>assistant\n";

        Example e = new InstructionFormatter(qwen, chat, 128, TruncationPolicy.defaults())
                .format(instruction("i1", "Name a statin.", "", "atorvastatin"));

        assertThat(chat).isEqualTo(ChatFormat.CHATML);
        assertThat(qwen.decode(e.tokens())).isEqualTo(prompt + "atorvastatin<|im_end|>");
        int promptLength = qwen.encode(prompt, true).length;
        for (int i = 0; i < e.lossMask().length; i++) {
            assertThat(e.lossMask()[i]).as("target %d", i).isEqualTo(i >= promptLength - 1 ? 1f : 0f);
        }
        assertThat(qwen.decode(Arrays.copyOfRange(e.tokens(), promptLength, e.length())))
                .isEqualTo("atorvastatin<|im_end|>");
    }

    static Instruction instruction(String id, String instruction, String input, String output) {
        return Instruction.newBuilder().setId(id).setInstruction(instruction).setInput(input).setOutput(output)
                .setLanguage("en").setSource("test").build();
    }

    static McqTask task(String id, String question, String context, String answer, String explanation, double weight) {
        return McqTask.newBuilder().setId(id).setFamily(TaskFamily.MEDQA).setQuestion(question).setContext(context)
                .setOptions(List.of(new Option("A", "Metformin"), new Option("B", "Aspirin"))).setAnswer(answer)
                .setExplanation(explanation).setLabelOrigin(LabelOrigin.GOLD).setSampleWeight(weight).build();
    }
}
