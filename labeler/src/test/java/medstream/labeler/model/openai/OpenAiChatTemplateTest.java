package medstream.labeler.model.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import medstream.labeler.model.DjlLabelingModel;
import medstream.labeler.model.OptionScores;
import medstream.labeler.model.PromptWithOptions;
import medstream.lm.hf.ChatFormat;
import medstream.lm.hf.DType;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.HfDirectory;
import medstream.lm.hf.TinyHfCheckpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat model served over HTTP is scored in its chat template, as in-process: a tiny Qwen2 directory behind the in-JVM
 * completions server (which, like vLLM, turns special-token text into special tokens and leaves them out of its text
 * offsets) gives the same option log-probabilities and token counts as {@link DjlLabelingModel} on that directory.
 */
class OpenAiChatTemplateTest {
    private static final String MODEL = "tiny-qwen";
    private static final List<PromptWithOptions> BATCH = List.of(
            new PromptWithOptions("Question: Does metformin lower glucose?\nContext: It did in most patients.\nOptions:\n"
                    + "yes\nno\nmaybe\nAnswer:", List.of(" yes", " no", " maybe")),
            new PromptWithOptions("Is this explanation supported by the context? Answer yes or no:", List.of(" yes", " no")));

    @TempDir
    static Path qwen;
    private static TinyCompletionsServer server;
    private static DjlLabelingModel local;

    @BeforeAll
    static void serveATinyQwen2() throws Exception {
        HfConfig config = HfConfig.qwen2(TinyHfCheckpoints.VOCAB, 32, 64, 2, 4, 2, 256, true);
        TinyHfCheckpoints.write(qwen, config, TinyHfCheckpoints.randomTensors(config, 17), DType.F32);
        server = new TinyCompletionsServer(qwen, MODEL);
        local = DjlLabelingModel.load(qwen, null, "cpu");
    }

    @AfterAll
    static void stop() {
        server.close();
        local.close();
    }

    private static OpenAiCompletionsModel remote(Path cache, String chatFormat) {
        OpenAiConfig c = new OpenAiConfig(URI.create(server.baseUrl()), MODEL, "", 4, Duration.ofSeconds(20), 0, cache, 0,
                qwen.resolve(HfDirectory.TOKENIZER), false, chatFormat);
        return OpenAiCompletionsModel.connect(c, null);
    }

    @Test
    void givenAQwen2TokenizerBesideTheSetting_whenScoredOverHttp_thenTheChatTemplateIsUsedAndScoresMatchInProcess(
            @TempDir Path cache) {
        try (OpenAiCompletionsModel remote = remote(cache, "auto")) {
            List<OptionScores> http = remote.scoreOptions(BATCH);
            List<OptionScores> inProcess = local.scoreOptions(BATCH);

            assertThat(remote.chat()).isEqualTo(ChatFormat.CHATML);
            assertThat(remote.framed("Q")).isEqualTo("<|im_start|>user\nQ<|im_end|>\n<|im_start|>assistant\n");
            for (int p = 0; p < BATCH.size(); p++) {
                assertThat(http.get(p).tokenCount()).as("prompt %d", p).containsExactly(inProcess.get(p).tokenCount());
                for (int o = 0; o < http.get(p).size(); o++) {
                    assertThat(http.get(p).total(o)).as("prompt %d option %d", p, o)
                            .isCloseTo(inProcess.get(p).total(o), within(1e-4));
                }
            }
            assertThat(remote.countTokens(BATCH.get(0).prompt())).isEqualTo(local.countTokens(BATCH.get(0).prompt()));
        }
    }

    @Test
    void givenPlainFramingForcedOnAChatModel_whenScoredOverHttp_thenTheScoresAreThoseOfAnotherPrompt(@TempDir Path cache) {
        try (OpenAiCompletionsModel remote = remote(cache, "plain")) {
            double plain = remote.scoreOptions(BATCH.subList(0, 1)).get(0).total(0);

            assertThat(remote.chat()).isEqualTo(ChatFormat.PLAIN);
            assertThat(plain).isNotCloseTo(local.scoreOptions(BATCH.subList(0, 1)).get(0).total(0), within(1e-3));
        }
    }
}
