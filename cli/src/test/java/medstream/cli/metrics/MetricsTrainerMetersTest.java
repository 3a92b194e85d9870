package medstream.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import medstream.trainer.TrainerListener.StepEvent;
import medstream.trainer.checkpoint.VersionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTrainerMetersTest {
    @TempDir
    Path checkpoints;

    @Test
    void givenTwoStepsAndTwoCheckpointsOfStage1_whenScraped_thenLastLossTokensStepsAndNewestVersionShow() throws Exception {
        Files.createDirectories(checkpoints.resolve("stage1").resolve(VersionStore.name(1, 1)));
        Files.createDirectories(checkpoints.resolve("stage1").resolve(VersionStore.name(1, 2)));
        TrainerMeters trainer = new TrainerMeters();
        try (MetricsServer server = MetricsServer.start(-1)) {
            trainer.bind(server.service("trainer"), checkpoints, List.of(1, 2));

            trainer.onStep(new StepEvent(1, 1, 1, 2, 1, 4.5, 900.0));
            trainer.onStep(new StepEvent(1, 1, 2, 2, 2, 3.25, 1200.0));
            String body = server.scrape();

            assertThat(body).contains("medstream_trainer_loss{service=\"trainer\",stage=\"1\"} 3.25",
                    "medstream_trainer_tokens_per_second{service=\"trainer\",stage=\"1\"} 1200.0",
                    "medstream_trainer_steps_total{service=\"trainer\",stage=\"1\"} 2.0",
                    "medstream_trainer_loss{service=\"trainer\",stage=\"2\"} NaN",
                    "medstream_trainer_checkpoint_age_seconds{service=\"trainer\",stage=\"2\"} NaN",
                    "medstream_model_version{service=\"trainer\",version=\"s1-v0002\"} 1.0")
                    .doesNotContain("version=\"s1-v0001\"");
            assertThat(body).containsPattern("medstream_trainer_checkpoint_age_seconds\\{service=\"trainer\",stage=\"1\"} [0-9.]+\\n");
        }
    }

    @Test
    void givenDeadLettersOfTwoRounds_whenScraped_thenTheTotalAndEachErrorClassShow() throws Exception {
        TrainerMeters trainer = new TrainerMeters();
        try (MetricsServer server = MetricsServer.start(-1)) {
            trainer.bind(server.service("trainer"), checkpoints, List.of(2));

            trainer.onDeadLetters(2, java.util.Map.of("EMPTY", 2L, "UNREADABLE", 1L));
            trainer.onDeadLetters(2, java.util.Map.of("EMPTY", 1L));
            String body = server.scrape();

            assertThat(body).contains("medstream_dead_letters_total{service=\"trainer\"} 4.0",
                    "medstream_dead_letters_by_class_total{error_class=\"EMPTY\",service=\"trainer\"} 3.0",
                    "medstream_dead_letters_by_class_total{error_class=\"UNREADABLE\",service=\"trainer\"} 1.0");
        }
    }
}
