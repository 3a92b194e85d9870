package medstream.trainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import medstream.lm.train.LrSchedule;
import medstream.trainer.Budget;
import medstream.trainer.StagedTraining;
import org.junit.jupiter.api.Test;

class TrainingHyperparametersTest {

    @Test
    void givenThePresets_whenRead_thenStagesOneAndTwoUseThePapersOptimizerAndCosineToTenPercent() {
        for (String preset : new String[] {"tiny", "small", "base"}) {
            TrainingHyperparameters h = TrainingHyperparameters.forPreset(preset);
            for (StageConfig c : new StageConfig[] {h.stage1(), h.stage2()}) {
                assertThat(c.optimizer().beta1()).isEqualTo(0.9);
                assertThat(c.optimizer().beta2()).isEqualTo(0.95);
                assertThat(c.optimizer().weightDecay()).isEqualTo(0.1);
                assertThat(c.optimizer().gradClip()).isEqualTo(1.0);
                assertThat(c.scheduleKind()).isEqualTo(LrSchedule.Kind.COSINE);
                assertThat(c.minLrRatio()).isEqualTo(0.1);
                assertThat(c.usesLora()).isFalse();
            }
        }
    }

    @Test
    void givenStageThree_whenRead_thenLinearDecaySixPercentWarmupDecayPointZeroOneAndLoraRankEight() {
        TrainingHyperparameters h = TrainingHyperparameters.forPreset("small");
        StageConfig s3 = h.stage3();
        assertThat(s3.scheduleKind()).isEqualTo(LrSchedule.Kind.LINEAR);
        assertThat(s3.warmupFraction()).isEqualTo(0.06);
        assertThat(s3.optimizer().weightDecay()).isEqualTo(0.01);
        assertThat(s3.lora().rank()).isEqualTo(8);
        assertThat(h.paperStage3().peakLr()).isEqualTo(5e-5);
        assertThat(s3.withLora(null).usesLora()).as("full fine-tuning is an option").isFalse();
    }

    @Test
    void givenAStage_whenItsScheduleIsBuilt_thenWarmupAndDecaySpanThePlannedTokens() {
        StageConfig s3 = TrainingHyperparameters.forPreset("small").stage3().withPlannedTokens(8 * 257 * 100L);
        LrSchedule schedule = s3.schedule(257);
        assertThat(schedule.totalSteps()).isEqualTo(100);
        assertThat(schedule.warmupSteps()).isEqualTo(6);
        assertThat(schedule.lr(5)).isEqualTo(s3.peakLr(), within(1e-12));
        assertThat(schedule.lr(53)).isEqualTo(s3.peakLr() / 2, within(1e-12));
        assertThat(schedule.lr(100)).isZero();
    }

    @Test
    void givenLocalBudgets_whenFitted_thenRoundsAreAThirdOfTheBudgetAndTheScheduleCoversIt() {
        Map<Integer, Budget> budgets = Map.of(1, new Budget(300_000, Duration.ofMinutes(5)),
                2, new Budget(90_000, Duration.ofMinutes(2)), 3, new Budget(90_000, Duration.ofMinutes(2)));
        TrainingHyperparameters h = StagedTraining.localHyperparameters("small", budgets);
        assertThat(h.stage1().triggers().maxTokens()).isEqualTo(100_000);
        assertThat(h.stage1().triggers().fireWhenCaughtUp()).isTrue();
        assertThat(h.stage1().triggers().maxAge()).isNull();
        assertThat(h.stage2().plannedTokens()).isEqualTo((long) (90_000 * (1 + h.stage2().replayFraction())));
    }
}
