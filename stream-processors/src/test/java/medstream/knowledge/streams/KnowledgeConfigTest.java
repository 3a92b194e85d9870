package medstream.knowledge.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import medstream.knowledge.exam.SplitPolicy.Route;
import medstream.knowledge.kg.Scale;
import medstream.topics.config.Settings;
import org.apache.kafka.streams.processor.PunctuationType;
import org.junit.jupiter.api.Test;

class KnowledgeConfigTest {
    @Test
    void givenNoSettings_whenResolved_thenDocumentedDefaults() {
        KnowledgeConfig c = KnowledgeConfig.defaults();

        assertThat(c.applicationId()).isEqualTo("medstream-knowledge");
        assertThat(c.sampler().scales()).containsExactlyInAnyOrder(Scale.FACT, Scale.STAR, Scale.PATH);
        assertThat(c.kgPunctuation()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
        assertThat(c.kgInactivity()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.chunkTokens()).isEqualTo(512);
        assertThat(c.pubMedQa().devFold()).isZero();
        assertThat(c.splitPolicy().decide("mmlu-medical", "val").route()).isEqualTo(Route.EVAL);
    }

    @Test
    void givenSettings_whenResolved_thenEveryKeyApplies() {
        KnowledgeConfig c = KnowledgeConfig.from(Settings.of(Map.of(
                "medstream.knowledge.kg.scales", "star, path",
                "medstream.knowledge.kg.punctuation", "stream-time",
                "medstream.knowledge.kg.inactivity-ms", "250",
                "medstream.knowledge.kg.path-rate", "0.5",
                "medstream.knowledge.exam.split-overrides", "mmlu-medical/val=TRAIN, medqa-usmle/train=EVAL",
                "medstream.knowledge.pubmedqa.dev-fold", "7",
                "medstream.knowledge.corpus.chunk-tokens", "64")));

        assertThat(c.sampler().scales()).containsExactlyInAnyOrder(Scale.STAR, Scale.PATH);
        assertThat(c.kgPunctuation()).isEqualTo(PunctuationType.STREAM_TIME);
        assertThat(c.kgInactivity()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.sampler().pathRate()).isEqualTo(0.5);
        assertThat(c.splitPolicy().decide("mmlu-medical", "val").route()).isEqualTo(Route.TRAIN);
        assertThat(c.splitPolicy().decide("medqa-usmle", "train").route()).isEqualTo(Route.EVAL);
        assertThat(c.pubMedQa().devFold()).isEqualTo(7);
        assertThat(c.chunkTokens()).isEqualTo(64);
    }

    @Test
    void givenBadValues_whenResolved_thenErrorsNameTheSettingAndTheFix() {
        assertThatThrownBy(() -> KnowledgeConfig.from(Settings.of(Map.of("medstream.knowledge.kg.punctuation", "hourly"))))
                .hasMessageContaining("wall-clock or stream-time");
        assertThatThrownBy(() -> KnowledgeConfig.from(Settings.of(Map.of("medstream.knowledge.exam.split-overrides", "medmcqa=TRAIN"))))
                .hasMessageContaining("source/split=TRAIN");
        assertThatThrownBy(() -> KnowledgeConfig.from(Settings.of(Map.of("medstream.knowledge.pubmedqa.dev-fold", "12"))))
                .hasMessageContaining("devFold");
        assertThatThrownBy(() -> KnowledgeConfig.from(Settings.of(Map.of("medstream.knowledge.kg.fact-rate", "1.5"))))
                .hasMessageContaining("factRate");
    }
}
