package medstream.labeler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import medstream.labeler.core.BadInputPolicy;
import medstream.labeler.core.ContextOverflowPolicy;
import medstream.labeler.strategy.JudgeMode;
import org.junit.jupiter.api.Test;

class LabelerConfigTest {

    @Test
    void givenNoSettings_whenResolved_thenTheDocumentedDefaultsApply() {
        LabelerConfig c = LabelerConfig.defaults();

        assertThat(c.strategy()).isEqualTo("voc");
        assertThat(c.threshold()).isEqualTo(0.6);
        assertThat(c.groupId()).isEqualTo("medstream-labeler");
        assertThat(c.stage()).isEqualTo(3);
        assertThat(c.contextOverflow()).isEqualTo(ContextOverflowPolicy.TRUNCATE_MIDDLE);
        assertThat(c.badInput()).isEqualTo(BadInputPolicy.DLQ);
        assertThat(c.judgeMode()).isEqualTo(JudgeMode.PROMPT);
        assertThat(c.ensembleMembers()).containsExactly("voc", "ppl", "long-answer");
    }

    @Test
    void givenValues_whenResolved_thenTheyAreParsedAndCanonical() {
        LabelerConfig c = LabelerConfig.of(Map.of("medstream.labeler.strategy", " Ensemble ", "medstream.labeler.context-overflow",
                "truncate-end", "medstream.labeler.ensemble.members", "PPL, long-answer"));

        assertThat(c.strategy()).isEqualTo("ensemble");
        assertThat(c.contextOverflow()).isEqualTo(ContextOverflowPolicy.TRUNCATE_END);
        assertThat(c.ensembleMembers()).containsExactly("ppl", "long-answer");
    }

    @Test
    void givenInvalidValues_whenResolved_thenTheErrorNamesTheKeyAndTheChoices() {
        assertThatThrownBy(() -> LabelerConfig.of(Map.of("medstream.labeler.threshold", "1.5")))
                .hasMessageContaining("medstream.labeler.threshold");
        assertThatThrownBy(() -> LabelerConfig.of(Map.of("medstream.labeler.context-overflow", "drop")))
                .hasMessageContaining("truncate-middle, truncate-end, review or dlq");
        assertThatThrownBy(() -> LabelerConfig.of(Map.of("medstream.labeler.batch-size", "x")))
                .hasMessageContaining("medstream.labeler.batch-size");
    }
}
