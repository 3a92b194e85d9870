package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import medstream.topics.config.Settings;
import medstream.trainer.config.TrainingHyperparameters;
import medstream.trainer.config.TriggerPolicy;
import org.junit.jupiter.api.Test;

/** The trainer service's round thresholds: the preset's unless set, and set on every stage. */
class TrainerSettingsTest {

    @Test
    void givenNoRoundSettings_whenBuildingTheHyperparameters_thenEachStageKeepsThePresetsTokensAndTheHalfHourAge() {
        TrainingHyperparameters hyper = TrainerSettings.hyperparameters(Settings.of(Map.of(TrainerSettings.PRESET.key(), "tiny")));
        TriggerPolicy preset = TrainingHyperparameters.forPreset("tiny").stage1().triggers();

        assertThat(hyper.stage1().triggers().maxTokens()).isEqualTo(preset.maxTokens());
        assertThat(hyper.stage3().triggers().maxAge()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void givenSmallRoundThresholds_whenBuildingTheHyperparameters_thenEveryStageFiresOnThemAndAgeZeroDisablesTheAgeTrigger() {
        TrainingHyperparameters hyper = TrainerSettings.hyperparameters(Settings.of(Map.of(TrainerSettings.PRESET.key(), "tiny",
                TrainerSettings.ROUND_TOKENS.key(), "2000", TrainerSettings.ROUND_RECORDS.key(), "50",
                TrainerSettings.ROUND_MAX_AGE_S.key(), "0")));

        for (int stage = 1; stage <= 3; stage++) {
            TriggerPolicy t = hyper.stage(stage).triggers();
            assertThat(t.maxTokens()).isEqualTo(2000);
            assertThat(t.maxRecords()).isEqualTo(50);
            assertThat(t.maxAge()).isNull();
        }
    }

    @Test
    void givenANegativeRoundTokenCount_whenBuildingTheHyperparameters_thenTheErrorNamesTheKey() {
        Settings settings = Settings.of(Map.of(TrainerSettings.ROUND_TOKENS.key(), "-1"));

        assertThatThrownBy(() -> TrainerSettings.hyperparameters(settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(TrainerSettings.ROUND_TOKENS.key());
    }
}
