package medstream.experiments.bench.labeler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import medstream.contracts.LabelRequest;
import medstream.labeler.LabelerConfig;
import medstream.labeler.offline.PubMedQaFile;
import medstream.labeler.testing.LexicalCueTestModel;
import medstream.labeler.testing.SharedData;
import medstream.topics.config.Settings;
import org.junit.jupiter.api.Test;

class WeakOverheadBenchmarkTest {
    private static LabelerConfig weakWith(String voters) {
        return LabelerConfig.from(Settings.of(Map.of(
                LabelerConfig.STRATEGY.key(), "weak",
                LabelerConfig.MAX_BATCH.key(), "4",
                LabelerConfig.WEAK_GOLD_FILE.key(), SharedData.pqal().resolve("pqal_trainval.json").toString(),
                LabelerConfig.WEAK_FOLDS_FILE.key(), SharedData.pqal().resolve("pqal_cv_folds.json").toString(),
                LabelerConfig.WEAK_MODEL_VOTERS.key(), voters)));
    }

    private static List<LabelRequest> requests(int n) {
        return PubMedQaFile.read(SharedData.pqal().resolve("pqal_trainval.json")).stream().limit(n)
                .map(PubMedQaFile.Item::request).toList();
    }

    @Test
    void givenWeakWithTwoModelVoters_whenBenchmarked_thenBothPathsRunEveryRoundAndTheFitIsTimedApart() {
        LexicalCueTestModel model = new LexicalCueTestModel("s3-bench");

        WeakOverheadBenchmark.Result r = WeakOverheadBenchmark.run(model, weakWith("ppl,long-answer"), requests(8), 1, 3, null);

        assertThat(r.weak().seconds()).hasSize(3);
        assertThat(r.ensemble().seconds()).hasSize(3);
        assertThat(r.rules().seconds()).hasSize(3);
        assertThat(r.labelModelShare()).isEqualTo(r.rules().median() / r.ensemble().median());
        assertThat(r.fitSeconds()).isPositive();
        assertThat(r.modelVoters()).containsExactly("ppl", "long-answer");
        assertThat(r.ratio()).isEqualTo(r.ensemble().median() / r.weak().median());
        assertThat(r.toMap()).containsKeys("weak_rps", "ensemble_rps", "ratio", "overhead", "fit_seconds",
                "fit_equivalent_requests", "label_model_share", "rules").containsEntry("rounds", 3);
    }

    @Test
    void givenWeakWithoutModelVoters_whenBenchmarked_thenItSaysWhatToSet() {
        assertThatThrownBy(() -> WeakOverheadBenchmark.run(new LexicalCueTestModel("s3-bench"), weakWith(""), requests(2), 0, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(LabelerConfig.WEAK_MODEL_VOTERS.key());
    }
}
