package medstream.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import medstream.trainer.Budget;
import medstream.trainer.StagedTraining;
import org.junit.jupiter.api.Test;

/** The annotation loop's stage-3 rounds get the token budget to get past the first training's backlog. */
class LabelLoopStepTest {

    @Test
    void givenTheFirstTrainingsBudgets_whenALoopRoundIsPlanned_thenOnlyStageThreeGetsMoreTokensAndItsTimeBudgetStays() {
        StagedTraining.LocalRunParams first = new StagedTraining.LocalRunParams(null, "localhost:9092", Path.of("out"), "tiny",
                StagedTraining.defaultBudgets("tiny"), true, null);

        StagedTraining.LocalRunParams round = LabelLoopStep.loopParams(first);

        Budget before = first.budgets().get(3);
        Budget after = round.budgets().get(3);
        assertThat(after.maxNewTokens()).isEqualTo(before.maxNewTokens() * LabelLoopStep.ROUND_TOKEN_FACTOR);
        assertThat(after.maxDuration()).isEqualTo(before.maxDuration());
        assertThat(round.budgets().get(1)).isEqualTo(first.budgets().get(1));
        assertThat(round.budgets().get(2)).isEqualTo(first.budgets().get(2));
        assertThat(round.preset()).isEqualTo("tiny");
    }
}
