package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import medstream.lm.ModelDirectory;
import medstream.lm.hf.DType;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.TinyHfCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./medstream local --base DIR --limit 50} end to end in this JVM with a tiny seeded Qwen2 directory as the
 * user's checkpoint: every step succeeds, every stage's versions are Hugging Face directories continued from the base,
 * and the labeler labels with the stage-3 one.
 */
class LocalBaseRunIT {

    @TempDir
    Path tmp;

    @Test
    void givenAQwen2Base_whenRunLocally_thenEveryStepSucceedsAndTheVersionsAreHfDirectoriesTheLabelerLoads()
            throws Exception {
        Path base = Files.createDirectories(tmp.resolve("tiny-qwen2"));
        HfConfig config = HfConfig.qwen2(TinyHfCheckpoints.VOCAB, 32, 64, 2, 4, 2, 256, false);
        TinyHfCheckpoints.write(base, config, TinyHfCheckpoints.randomTensors(config, 9), DType.BF16);
        Path out = tmp.resolve("out");

        int exit = Main.run("local", "--base", base.toString(), "--limit", "50", "--label-rounds", "0",
                "--out", out.toString(), "--data", LocalRunIT.sharedData().toString());

        assertThat(exit).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        summary.get("steps").forEach(step -> assertThat(step.get("status").asText()).isEqualTo("ok"));
        assertThat(summary.get("configuration").get("medstream.trainer.base").asText())
                .isEqualTo(base.toAbsolutePath().normalize().toString());
        JsonNode versions = summary.get("training").get("versions");
        assertThat(versions.findValuesAsText("stage")).contains("1", "2", "3");
        for (JsonNode v : versions) {
            Path dir = Path.of(v.get("checkpoint").asText());
            assertThat(ModelDirectory.kindOf(dir)).as(v.get("version").asText()).isEqualTo(ModelDirectory.Kind.HUGGING_FACE);
            try (ModelDirectory.Loaded m = ModelDirectory.open(dir, Device.cpu())) {
                assertThat(m.model().vocabSize()).isEqualTo(TinyHfCheckpoints.VOCAB);
            }
        }
        assertThat(summary.get("labels").get("rounds").get(0).get("model_version").asText()).startsWith("s3-");
    }
}
