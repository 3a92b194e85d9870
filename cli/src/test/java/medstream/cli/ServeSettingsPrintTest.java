package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import medstream.labeler.service.LabelerService;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;
import medstream.topics.serde.AvroSerdes;
import medstream.topics.service.ClientConfig;
import org.junit.jupiter.api.Test;

/** What {@code serve} prints of a service's own settings before starting it. */
class ServeSettingsPrintTest {
    @Test
    void givenALabelerWithAServerUrlHoldingCredentialsAndAnApiKey_whenItsSettingsArePrinted_thenNeitherSecretAppears() {
        String key = System.getenv("PATH"); // set everywhere: the key the settings name is found
        Settings settings = Settings.of(Map.of("medstream.labeler.backend", "openai", "medstream.labeler.openai.model", "m",
                "medstream.labeler.openai.base-url", "https://alice:s3cret@llm.example.org/v1",
                "medstream.labeler.openai.api-key-env", "PATH", "medstream.labeler.strategy", "ppl"));
        TopicCatalog catalog = new TopicCatalog("print.", 1, AvroSerdes.config("mock://serve-print-test"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        try (LabelerService labeler = LabelerService.create(settings, catalog, new ClientConfig("127.0.0.1:1", Map.of(), null))) {
            ServeCommand.printSettings(labeler, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).startsWith("Effective configuration of the labeler service:")
                .containsPattern("medstream.labeler.strategy +\\= ppl")
                .containsPattern("medstream.labeler.openai.base-url +\\= https://\\*\\*\\*\\*@llm.example.org/v1")
                .containsPattern("medstream.labeler.openai.api-key +\\= \\*\\*\\*\\*")
                .doesNotContain("s3cret", "alice", key);
    }
}
