package medstream.labeler.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;
import medstream.topics.serde.AvroSerdes;
import medstream.topics.service.ClientConfig;
import org.junit.jupiter.api.Test;

/** {@link LabelerService#create}: the labeler built as every service is, from its settings, the catalog and client settings. */
class LabelerServiceShapeTest {
    private static final TopicCatalog CATALOG = new TopicCatalog("shape.", 1, AvroSerdes.config("mock://labeler-shape-test"));
    private static final ClientConfig CLIENT = new ClientConfig("127.0.0.1:1", Map.of(), null);

    @Test
    void givenLabelerAndCalibrationSettings_whenCreated_thenItsEffectiveSettingsHoldBothAndItsGroupIsTheConfiguredOne() {
        Settings settings = Settings.of(Map.of("medstream.labeler.strategy", "ppl", "medstream.labeler.group-id", "g-shape",
                "medstream.labeler.calibration.target-accuracy", "0.9"));

        try (LabelerService labeler = LabelerService.create(settings, CATALOG, CLIENT)) {
            assertThat(labeler.name()).isEqualTo("labeler");
            assertThat(labeler.effectiveSettings()).containsEntry("medstream.labeler.strategy", "ppl")
                    .containsEntry("medstream.labeler.calibration.target-accuracy", "0.9");
            assertThat(labeler.consumerGroups()).containsExactly("g-shape");
            assertThat(labeler.describe()).isEqualTo("strategy ppl, group g-shape, stage 3 model versions followed");
        }
    }

    @Test
    void givenTheOpenAiBackendWithAKeyInTheEnvironment_whenCreated_thenTheKeyIsMaskedInItsEffectiveSettings() {
        // PATH is set in every environment: the key the settings name is found, and must not be printed.
        String key = System.getenv("PATH");
        Settings settings = Settings.of(Map.of("medstream.labeler.backend", "openai", "medstream.labeler.openai.model", "m",
                "medstream.labeler.openai.api-key-env", "PATH"));

        try (LabelerService labeler = LabelerService.create(settings, CATALOG, CLIENT)) {
            assertThat(labeler.effectiveSettings()).containsEntry("medstream.labeler.openai.api-key", "****");
            assertThat(labeler.effectiveSettings().values()).doesNotContain(key);
        }
    }

    @Test
    void givenACreatedLabeler_whenAskedForStatsBeforeStart_thenTheStatusLineSaysNoModelAndNoLabels() {
        try (LabelerService labeler = LabelerService.create(Settings.of(Map.of()), CATALOG, CLIENT)) {
            assertThat(labeler.stats().describe()).isEqualTo("model [], labels accepted 0 / review 0, dead letters 0, model swaps 0");
        }
    }
}
