package medstream.trainer.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import medstream.contracts.EvalItem;
import medstream.contracts.EvalResult;
import medstream.contracts.LabelOrigin;
import medstream.contracts.McqTask;
import medstream.contracts.Option;
import medstream.contracts.TaskFamily;
import medstream.lm.Score;
import medstream.lm.Scorer;
import medstream.lm.hf.ChatFormat;
import medstream.lm.hf.HfDirectory;
import medstream.lm.hf.TinyHfCheckpoints;
import medstream.lm.prompt.McqPrompt;
import medstream.lm.prompt.PromptEncoder;
import medstream.lm.tokenizer.hf.HfTokenizer;
import medstream.trainer.config.TruncationPolicy;
import medstream.trainer.eval.Evaluator;
import medstream.trainer.testing.SharedData;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Qwen2 / Llama base is tuned on stage 3 and scored through its own chat template: for real PubMedQA and MedQA
 * items, the stage-3 row's prompt and answer, the evaluator's prompt and options, and what the labeler feeds the
 * model ({@link PromptEncoder#prompt} of the rendered {@link McqPrompt}, {@link PromptEncoder#continuation} of an
 * option) are the same ids, and the trained reply ends with the template's end of turn.
 */
class ChatMcqFormatTest {
    private static final int CONTEXT = 16_384;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void givenAChatTemplate_whenStage3RowsAreFormatted_thenPromptAndAnswerAreWhatTheLabelerScores(boolean qwen)
            throws Exception {
        PromptEncoder labeler = encoder(qwen);
        McqFormatter formatter = new McqFormatter(labeler.tokenizer(), labeler.chat(), CONTEXT, TruncationPolicy.defaults());
        List<McqTask> tasks = new ArrayList<>(SharedData.pubmedqaTasks(0, 30));
        SharedData.evalItems(0, 10).stream().filter(i -> i.getBenchmark().equals("medqa")).map(ChatMcqFormatTest::task)
                .forEach(tasks::add);

        for (McqTask t : tasks) {
            Example row = formatter.format(t);
            int[] prompt = labeler.prompt(McqPrompt.render(t.getQuestion(), t.getContext(), lines(t.getOptions())));
            Option gold = PromptFormats.findOption(t.getOptions(), t.getAnswer());
            int[] answer = labeler.continuation(PromptFormats.optionContinuation(gold));
            int firstTarget = firstTarget(row);

            assertThat(firstTarget).as(t.getId()).isEqualTo(prompt.length);
            assertThat(Arrays.copyOf(row.tokens(), prompt.length)).as(t.getId()).containsExactly(prompt);
            assertThat(PromptFormats.mcqPrompt(labeler, t.getQuestion(), t.getContext(), t.getOptions(), CONTEXT))
                    .as(t.getId()).containsExactly(prompt);
            assertThat(Arrays.copyOfRange(row.tokens(), prompt.length, prompt.length + answer.length)).as(t.getId())
                    .containsExactly(answer);
            int[] end = labeler.end();
            assertThat(Arrays.copyOfRange(row.tokens(), row.length() - end.length, row.length())).containsExactly(end);
            assertThat(end).containsExactly(labeler.stopId());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void givenAChatTemplate_whenARowIsDecoded_thenItIsTheUserTurnAndTheAssistantsReply(boolean qwen) throws Exception {
        PromptEncoder enc = encoder(qwen);
        McqTask t = task(EvalItem.newBuilder().setId("q1").setBenchmark("medqa").setSplit("test")
                .setQuestion("Which drug inhibits platelets?").setOptions(List.of(new Option("A", "Metformin"),
                        new Option("B", "Aspirin"))).setAnswer("B").build());
        t.setExplanation("It blocks cyclooxygenase.");

        Example row = new McqFormatter(enc.tokenizer(), enc.chat(), 256, TruncationPolicy.defaults()).format(t);

        String user = "Question: Which drug inhibits platelets?\nOptions:\nA. Metformin\nB. Aspirin\nAnswer:";
        String reply = "B. Aspirin\nExplanation: It blocks cyclooxygenase.";
        assertThat(enc.tokenizer().decode(row.tokens())).isEqualTo(qwen
                ? "<|im_start|>user\n" + user + "<|im_end|>\n<|im_start|>assistant\n" + reply + "<|im_end|>"
                : "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n" + user
                        + "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n" + reply + "<|eot_id|>");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void givenAChatTemplate_whenTheEvaluatorScores_thenItFeedsTheTrainedPromptAndReplies(boolean qwen) throws Exception {
        PromptEncoder enc = encoder(qwen);
        List<EvalItem> items = SharedData.evalItems(0, 6);
        List<int[]> prompts = new ArrayList<>();
        List<int[]> options = new ArrayList<>();
        Scorer recording = new Scorer() {
            @Override
            public List<Score> score(List<int[]> p, List<int[]> o) {
                throw new UnsupportedOperationException("the evaluator ranks options with scoreOptions");
            }

            @Override
            public List<Score> scoreOptions(int[] prompt, List<int[]> opts) {
                prompts.add(prompt);
                options.addAll(opts);
                return opts.stream().map(o -> new Score(-o.length, o.length)).toList();
            }
        };

        EvalResult r = Evaluator.evaluate(recording, enc, CONTEXT, "mixed", items, "s3-v0001", 3, 1);

        assertThat(r.getN()).isEqualTo(items.size());
        int k = 0;
        for (int i = 0; i < items.size(); i++) {
            McqTask t = task(items.get(i));
            Example row = new McqFormatter(enc.tokenizer(), enc.chat(), CONTEXT, TruncationPolicy.defaults()).format(t);
            assertThat(prompts.get(i)).as(t.getId()).containsExactly(Arrays.copyOf(row.tokens(), firstTarget(row)));
            for (Option o : t.getOptions()) {
                assertThat(options.get(k++)).isEqualTo(enc.continuation(PromptFormats.optionContinuation(o)));
            }
        }
    }

    private PromptEncoder encoder(boolean qwen) throws Exception {
        Path d = dir.resolve(qwen ? "qwen" : "llama");
        java.nio.file.Files.createDirectories(d);
        TinyHfCheckpoints.writeTokenizer(d, qwen);
        HfTokenizer tokenizer = HfTokenizer.load(d.resolve(HfDirectory.TOKENIZER));
        ChatFormat chat = ChatFormat.detect(new ObjectMapper().readTree(d.resolve(HfDirectory.TOKENIZER_CONFIG).toFile()),
                tokenizer);
        assertThat(chat).isEqualTo(qwen ? ChatFormat.CHATML : ChatFormat.LLAMA3);
        return new PromptEncoder(tokenizer, chat);
    }

    private static McqTask task(EvalItem i) {
        return McqTask.newBuilder().setId(i.getId()).setFamily(TaskFamily.MEDQA).setQuestion(i.getQuestion())
                .setContext(i.getContext()).setOptions(i.getOptions()).setAnswer(i.getAnswer())
                .setLabelOrigin(LabelOrigin.GOLD).setSampleWeight(1.0).setSource("test").build();
    }

    private static List<String> lines(List<Option> options) {
        return options.stream().map(o -> McqPrompt.optionLine(o.getKey(), o.getText())).toList();
    }

    private static int firstTarget(Example row) {
        float[] mask = row.lossMask();
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] > 0) return i + 1; // target i is token i + 1
        }
        throw new AssertionError("row without a target");
    }
}
