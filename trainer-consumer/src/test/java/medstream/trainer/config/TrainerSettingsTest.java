package medstream.trainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import medstream.topics.config.Settings;
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

    @Test
    void givenABaseADeviceAndPerStageModes_whenBuildingTheHyperparameters_thenTheyReachEveryStage() {
        Settings settings = Settings.of(Map.of(TrainerSettings.PRESET.key(), "tiny", TrainerSettings.BASE.key(), "/models/qwen",
                TrainerSettings.DEVICE.key(), "cpu", TrainerSettings.MODE.get(0).key(), "lora",
                TrainerSettings.MODE.get(2).key(), "full", TrainerSettings.LORA_RANK.key(), "4",
                TrainerSettings.PEAK_LR.get(1).key(), "2e-5", TrainerSettings.BATCH_SIZE.get(1).key(), "2"));

        TrainingHyperparameters hyper = TrainerSettings.hyperparameters(settings);

        assertThat(hyper.preset()).isEqualTo("tiny");
        assertThat(hyper.base()).isEqualTo(java.nio.file.Path.of("/models/qwen"));
        assertThat(hyper.djlDevice()).isEqualTo(ai.djl.Device.cpu());
        assertThat(hyper.stage1().lora().rank()).isEqualTo(4);
        assertThat(hyper.stage1().lora().targets()).as("a base's adapters: attention").containsExactly("q", "k", "v", "o");
        assertThat(hyper.stage2().usesLora()).isFalse();
        assertThat(hyper.stage2().peakLr()).isEqualTo(2e-5);
        assertThat(hyper.stage2().batchSize()).isEqualTo(2);
        assertThat(hyper.stage3().usesLora()).isFalse();
        assertThat(hyper.stage3().peakLr()).isEqualTo(TrainingHyperparameters.forPreset("tiny").stage3().peakLr());
    }

    @Test
    void givenNoOverrides_whenBuildingTheHyperparameters_thenTheGptKeepsThePresetsStagesAndLoraOnEveryProjection() {
        TrainingHyperparameters preset = TrainingHyperparameters.forPreset("small");

        TrainingHyperparameters hyper = TrainerSettings.hyperparameters(Settings.of(Map.of()));

        assertThat(hyper.base()).isNull();
        for (int stage = 1; stage <= 3; stage++) {
            assertThat(hyper.stage(stage).withTriggers(preset.stage(stage).triggers())).isEqualTo(preset.stage(stage));
        }
        assertThat(TrainerSettings.ALL).filteredOn(s -> s.key().contains("preset")).hasSize(1);
    }

    @Test
    void givenAnUnknownModeOrDevice_whenBuildingTheHyperparameters_thenTheErrorNamesWhatIsAllowed() {
        assertThatThrownBy(() -> TrainerSettings.hyperparameters(Settings.of(Map.of(TrainerSettings.MODE.get(2).key(), "qlora"))))
                .hasMessageContaining(TrainerSettings.MODE.get(2).key()).hasMessageContaining("full or lora");
        assertThatThrownBy(() -> TrainerSettings.hyperparameters(Settings.of(Map.of(TrainerSettings.DEVICE.key(), "tpu"))))
                .hasMessageContaining("cpu, gpu0");
    }
}
