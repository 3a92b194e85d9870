package medstream.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import medstream.topics.TopicCatalog;
import medstream.topics.serde.AvroSerdes;
import medstream.trainer.StageSpec;
import medstream.trainer.TrainerContext;
import medstream.trainer.config.TrainingHyperparameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TrainerService}: the stage threads of the trainer behind the one service shape, before any of them runs. */
class TrainerServiceTest {
    @TempDir
    Path dir;

    private TrainerContext context() {
        TopicCatalog catalog = new TopicCatalog("shape.", 1, AvroSerdes.config("mock://trainer-shape-test"));
        return TrainerContext.of(catalog, "127.0.0.1:1", dir, TrainingHyperparameters.forPreset("tiny")).withGroupIdSuffix("-x");
    }

    @Test
    void givenAStageThatDoesNotExist_whenTheServiceIsBuilt_thenItFailsBeforeAnyThreadStarts() {
        assertThatThrownBy(() -> new TrainerService(context(), List.of(1, 7), Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenStages1And3_whenBuilt_thenItNamesOneGroupPerStageAndItsPresetAndNoVersionsYet() {
        try (TrainerService trainer = new TrainerService(context(), List.of(1, 3), Map.of("medstream.trainer.stages", "1,3"))) {
            assertThat(trainer.name()).isEqualTo("trainer");
            assertThat(trainer.isHealthy()).isTrue();
            assertThat(trainer.consumerGroups()).containsExactly(StageSpec.of(1).groupId() + "-x", StageSpec.of(3).groupId() + "-x");
            assertThat(trainer.describe()).startsWith("preset tiny, stages [1, 3], checkpoints " + dir + ", evaluation ");
            assertThat(trainer.stats().describe()).isEqualTo("stages {}, last versions {1=-, 3=-}");
            assertThat(trainer.effectiveSettings()).containsEntry("medstream.trainer.stages", "1,3");
        }
    }
}
