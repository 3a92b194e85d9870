package medstream.labeler.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import medstream.labeler.core.LabelInput;
import medstream.labeler.strategy.PerplexityStrategy;
import medstream.labeler.strategy.StrategyResult;
import medstream.lm.ModelDirectory;
import medstream.lm.Score;
import medstream.lm.hf.DType;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.TinyHfCheckpoints;
import medstream.lm.tokenizer.TextTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Hugging Face model with a chat template is labeled through it: the prompt is the user turn, the options are the
 * assistant's reply, and the scores are those of the model run directly on that ChatML text.
 */
class ChatTemplateLabelingTest {
    /** The ppl prompt of the item below, written out as Qwen's ChatML template renders a single user turn. */
    private static final String CHAT_ML = "<|im_start|>user\nQuestion: Does metformin lower glucose?\n"
            + "Context: It did in most patients.\nOptions:\nyes\nno\nmaybe\nAnswer:<|im_end|>\n<|im_start|>assistant\n";
    private static final LabelInput ITEM = new LabelInput("1", "Does metformin lower glucose?",
            "It did in most patients.", null, List.of("yes", "no", "maybe"));

    @TempDir
    static Path qwen;

    @BeforeAll
    static void writeATinyQwen2WithRoomForThePrompt() throws Exception {
        HfConfig config = HfConfig.qwen2(TinyHfCheckpoints.VOCAB, 32, 64, 2, 4, 2, 256, true);
        TinyHfCheckpoints.write(qwen, config, TinyHfCheckpoints.randomTensors(config, 17), DType.F32);
    }

    @Test
    void givenAQwen2Directory_whenPplLabelsAnItem_thenThePromptIsChatMlAndTheOptionsAreTheAssistantsReply() {
        try (DjlLabelingModel model = DjlLabelingModel.load(qwen, null, "cpu")) {
            TextTokenizer tokenizer = model.encoder().tokenizer();
            Recording recording = new Recording(model, new ArrayList<>());
            new PerplexityStrategy("v2").label(List.of(ITEM), recording);
            String prompt = recording.prompts().get(0);

            assertThat(tokenizer.decode(model.encoder().prompt(prompt), false)).isEqualTo(CHAT_ML);
            assertThat(model.encoder().continuation(" yes")).containsExactly(tokenizer.encode("yes"));
            assertThat(model.countTokens(prompt)).isEqualTo(model.encoder().prompt(prompt).length);
        }
    }

    @Test
    void givenAQwen2Directory_whenPplLabelsAnItem_thenItsProbabilitiesAreTheDirectScoresOfTheChatMlText() throws Exception {
        StrategyResult labeled;
        try (DjlLabelingModel model = DjlLabelingModel.load(qwen, null, "cpu")) {
            labeled = new PerplexityStrategy("v2").label(List.of(ITEM), model).get(0);
        }
        double[] means = new double[3];
        try (ModelDirectory.Loaded direct = ModelDirectory.open(qwen, Device.cpu())) {
            int[] prompt = direct.tokenizer().encode(CHAT_ML, true);
            List<int[]> replies = ITEM.options().stream().map(o -> direct.tokenizer().encode(o)).toList();
            List<Score> scores = direct.model().scorer().score(List.of(prompt, prompt, prompt), replies);
            for (int i = 0; i < 3; i++) means[i] = scores.get(i).meanLogProb();
        }
        double max = Math.max(means[0], Math.max(means[1], means[2]));
        double z = 0;
        for (double m : means) z += Math.exp(m - max);
        for (int i = 0; i < 3; i++) {
            assertThat(labeled.probabilities()[i]).as(ITEM.options().get(i)).isCloseTo(Math.exp(means[i] - max) / z,
                    within(1e-5));
        }
    }

    /** The model, keeping the prompts a strategy has it score, so a test can read what the model was given. */
    private record Recording(DjlLabelingModel model, List<String> prompts) implements LabelingModel {
        @Override public String version() { return model.version(); }
        @Override public String device() { return model.device(); }
        @Override public int contextWindow() { return model.contextWindow(); }
        @Override public int countTokens(String text) { return model.countTokens(text); }
        @Override public List<String> generate(List<String> texts, GenerationParams params) {
            return model.generate(texts, params);
        }
        @Override public void close() { }

        @Override
        public List<OptionScores> scoreOptions(List<PromptWithOptions> batch, ScoringMode mode) {
            batch.forEach(p -> prompts.add(p.prompt()));
            return model.scoreOptions(batch, mode);
        }
    }
}
