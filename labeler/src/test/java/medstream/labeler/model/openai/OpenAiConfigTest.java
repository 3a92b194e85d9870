package medstream.labeler.model.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import medstream.labeler.LabelerConfig;
import medstream.labeler.model.Backend;
import medstream.labeler.model.DjlLabelingModel;
import medstream.topics.config.Settings;
import org.junit.jupiter.api.Test;

/** Settings of the openai backend: parsing, the key from the environment, never printed. */
class OpenAiConfigTest {
    private static final String SECRET = "sk-test-0123456789";

    @Test
    void givenOpenAiSettings_whenResolved_thenEveryValueIsReadAndTheKeyComesFromTheNamedVariable() {
        Settings s = Settings.of(Map.of("medstream.labeler.openai.base-url", "http://gpu-box:8000/v1/",
                "medstream.labeler.openai.model", "Qwen/Qwen2.5-7B-Instruct", "medstream.labeler.openai.api-key-env", "MY_KEY",
                "medstream.labeler.openai.max-in-flight", "16", "medstream.labeler.openai.timeout-ms", "1500",
                "medstream.labeler.openai.max-retries", "2", "medstream.labeler.openai.cache-dir", "",
                "medstream.labeler.openai.context-window", "32768"));

        OpenAiConfig c = OpenAiConfig.from(s, name -> name.equals("MY_KEY") ? SECRET : null);

        assertThat(c.endpoint("completions")).hasToString("http://gpu-box:8000/v1/completions");
        assertThat(c.model()).isEqualTo("Qwen/Qwen2.5-7B-Instruct");
        assertThat(c.apiKey()).isEqualTo(SECRET);
        assertThat(c.maxInFlight()).isEqualTo(16);
        assertThat(c.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.maxRetries()).isEqualTo(2);
        assertThat(c.cacheDir()).isNull();
        assertThat(c.contextWindow()).isEqualTo(32768);
    }

    @Test
    void givenAKeyInTheEnvironment_whenTheConfigIsPrinted_thenTheKeyIsMasked() {
        Settings s = Settings.of(Map.of("medstream.labeler.backend", "openai", "medstream.labeler.openai.model", "m"));

        OpenAiConfig c = OpenAiConfig.from(s, name -> SECRET);
        Map<String, String> effective = OpenAiConfig.effective(s, name -> SECRET);

        assertThat(c.toString()).doesNotContain(SECRET).contains("apiKey=****");
        assertThat(effective).containsEntry("medstream.labeler.openai.api-key", "****")
                .containsEntry("medstream.labeler.openai.api-key-env", "OPENAI_API_KEY");
        assertThat(effective.values()).noneMatch(v -> v.contains(SECRET));
        assertThat(OpenAiConfig.effective(s, name -> null)).containsEntry("medstream.labeler.openai.api-key", "(none)");
    }

    @Test
    void givenBackendOpenai_whenTheLabelerConfigIsBuilt_thenItsLoaderConnectsInsteadOfLoadingCheckpoints() {
        LabelerConfig openai = LabelerConfig.of(Map.of("medstream.labeler.backend", "OpenAI"));
        LabelerConfig djl = LabelerConfig.defaults();

        assertThat(openai.backend()).isEqualTo(Backend.OPENAI);
        assertThat(openai.loader(DjlLabelingModel::load)).isInstanceOf(OpenAiModelLoader.class);
        assertThat(djl.backend()).isEqualTo(Backend.DJL);
        assertThat(djl.openai().cacheDir()).isEqualTo(Path.of("state/labeler/openai-cache"));
        assertThat(LabelerConfig.effective(Settings.of(Map.of("medstream.labeler.backend", "openai"))))
                .containsKeys("medstream.labeler.backend", "medstream.labeler.openai.base-url", "medstream.labeler.openai.api-key");
    }

    @Test
    void givenInvalidSettings_whenResolved_thenTheErrorNamesTheKeyAndTheFix() {
        assertThatThrownBy(() -> LabelerConfig.of(Map.of("medstream.labeler.backend", "torch")))
                .hasMessageContaining("use djl or openai");
        assertThatThrownBy(() -> OpenAiConfig.from(Settings.of(Map.of("medstream.labeler.openai.base-url", "gpu-box:8000")), n -> null))
                .hasMessageContaining("medstream.labeler.openai.base-url");
        assertThatThrownBy(() -> OpenAiConfig.from(Settings.of(Map.of()), n -> null).requireModel())
                .hasMessageContaining("medstream.labeler.openai.model is empty");
        assertThatThrownBy(() -> OpenAiConfig.from(Settings.of(Map.of("medstream.labeler.openai.chat-format", "alpaca")),
                n -> null)).hasMessageContaining("medstream.labeler.openai.chat-format must be auto, plain, chatml or llama3");
        assertThat(OpenAiConfig.from(Settings.of(Map.of("medstream.labeler.openai.chat-format", " ChatML ")), n -> null)
                .chatFormat()).isEqualTo("chatml");
        assertThat(OpenAiConfig.from(Settings.of(Map.of()), n -> null).chatFormat()).isEqualTo("auto");
    }
}
