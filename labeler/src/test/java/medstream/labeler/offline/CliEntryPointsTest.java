package medstream.labeler.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import medstream.labeler.testing.TinyCheckpoints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entry points the CLI calls, on a real (untrained, tiny) checkpoint directory. The benchmark's entry point is
 * tested beside the benchmark, in the experiments module.
 */
class CliEntryPointsTest {
    @TempDir
    static Path root;
    static Path checkpoint;

    @BeforeAll
    static void write() throws Exception {
        checkpoint = TinyCheckpoints.write(root, "s3-cli", 3);
    }

    private static Path sample() throws Exception {
        return Path.of(CliEntryPointsTest.class.getClassLoader().getResource("pubmedqa-sample.json").toURI());
    }

    @Test
    void givenACheckpointDirectory_whenTheLabelCommandRuns_thenEveryItemGetsALineNamingTheCheckpointVersion() throws Exception {
        Path out = root.resolve("labels.jsonl");
        List<String> progress = new ArrayList<>();

        OfflineSummary summary = OfflineLabeler.run(checkpoint, sample(), out, "ppl", progress::add);

        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(4);
        ObjectMapper json = new ObjectMapper();
        for (String l : lines) {
            assertThat(json.readTree(l).path("model_version").asText()).isEqualTo(summary.modelVersion()).isNotBlank();
            assertThat(json.readTree(l).path("strategy").asText()).isEqualTo("ppl");
        }
        assertThat(summary.device()).isNotBlank();
        assertThat(progress).isNotEmpty();
    }
}
