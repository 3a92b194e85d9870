package medstream.cleaning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import medstream.topics.config.Setting;
import medstream.topics.config.Settings;

class CleaningConfigTest {

    @Test
    void givenNoOverrides_whenDefaultsAreRead_thenTheyAreTheDocumentedValues() {
        CleaningConfig c = CleaningConfig.defaults();
        assertThat(c.maxBodyBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(c.language().supported()).containsExactlyInAnyOrder("en", "zh");
        assertThat(c.dedup().permutations()).isEqualTo(128);
        assertThat(c.dedup().bands()).isEqualTo(32);
        assertThat(c.dedup().rows()).isEqualTo(4);
        assertThat(c.dedup().scope()).isEqualTo(CleaningConfig.DedupConfig.Scope.GLOBAL);
        assertThat(c.decontamination().ngramWords()).isEqualTo(13);
    }

    @Test
    void givenEmptySettings_whenResolved_thenTheConfigurationIsTheDefaults() {
        assertThat(CleaningConfig.from(Settings.of(Map.of()))).isEqualTo(CleaningConfig.defaults());
    }

    @Test
    void givenEachSettingItsDefault_whenResolved_thenTheDefaultsAgreeWithTheRecordDefaults() {
        // The keys' documented defaults and defaults() are written in two places; this keeps them from drifting.
        Map<String, String> explicit = new java.util.HashMap<>();
        for (Setting<?> s : CleaningConfig.SETTINGS) {
            explicit.put(s.key(), String.valueOf(s.defaultValue()));
        }
        assertThat(CleaningConfig.from(Settings.of(explicit))).isEqualTo(CleaningConfig.defaults());
        assertThat(CleaningConfig.SETTINGS).allSatisfy(s -> assertThat(s.key()).startsWith("medstream.cleaning."));
    }

    @Test
    void givenSettings_whenResolved_thenOnlyThoseValuesChange() {
        CleaningConfig c = CleaningConfig.from(Settings.of(Map.of(
                "medstream.cleaning.max-body-bytes", "1024",
                "medstream.cleaning.languages.supported", "en, ZH, fr",
                "medstream.cleaning.dedup.bands", "16",
                "medstream.cleaning.dedup.scope", "partition",
                "medstream.cleaning.quality.min-words", "7",
                "medstream.cleaning.decontamination.ngram-chars", "8",
                "medstream.cleaning.pii.enabled", "false")));
        assertThat(c.maxBodyBytes()).isEqualTo(1024);
        assertThat(c.language().supported()).containsExactlyInAnyOrder("en", "zh", "fr");
        assertThat(c.dedup().rows()).isEqualTo(8);
        assertThat(c.dedup().scope()).isEqualTo(CleaningConfig.DedupConfig.Scope.PARTITION);
        assertThat(c.quality().minWords()).isEqualTo(7);
        assertThat(c.quality().minChars()).isEqualTo(CleaningConfig.QualityConfig.defaults().minChars());
        assertThat(c.decontamination().ngramChars()).isEqualTo(8);
        assertThat(c.decontamination().ngramWords()).isEqualTo(13);
        assertThat(c.pii()).isFalse();
        assertThat(c.strip()).isEqualTo(CleaningConfig.StripConfig.defaults());
    }

    @Test
    void givenAnOverride_whenResolved_thenItWinsOverTheFileValue() {
        Settings settings = Settings.of(Map.of("medstream.cleaning.dedup.permutations", "64"))
                .override(CleaningConfig.DEDUP_PERMUTATIONS, 256);
        assertThat(CleaningConfig.from(settings).dedup().permutations()).isEqualTo(256);
        assertThat(CleaningConfig.DEDUP_PERMUTATIONS.envName()).isEqualTo("MEDSTREAM_CLEANING_DEDUP_PERMUTATIONS");
    }

    @Test
    void givenBandsThatDoNotDividePermutations_whenConfigured_thenTheErrorSaysWhatToFix() {
        assertThatThrownBy(() -> CleaningConfig.from(Settings.of(Map.of("medstream.cleaning.dedup.bands", "30"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must divide permutations");
    }

    @Test
    void givenBadValues_whenResolved_thenErrorsNameTheSettingAndTheFix() {
        assertThatThrownBy(() -> CleaningConfig.from(Settings.of(Map.of("medstream.cleaning.dedup.scope", "world"))))
                .hasMessageContaining("global or partition");
        assertThatThrownBy(() -> CleaningConfig.from(Settings.of(Map.of("medstream.cleaning.pii.enabled", "yes"))))
                .hasMessageContaining("medstream.cleaning.pii.enabled");
        assertThatThrownBy(() -> CleaningConfig.from(Settings.of(Map.of("medstream.cleaning.languages.supported", " , "))))
                .hasMessageContaining("at least one ISO 639-1 code");
        assertThatThrownBy(() -> CleaningConfig.from(Settings.of(Map.of("medstream.cleaning.pii.mode", "fake"))))
                .hasMessageContaining("mask or surrogate");
    }

    @Test
    void givenPiiModeSurrogate_whenResolved_thenTheModeIsSurrogateAndMaskIsTheDefault() {
        assertThat(CleaningConfig.defaults().piiMode()).isEqualTo(medstream.cleaning.pii.PiiScrubber.Mode.MASK);
        assertThat(CleaningConfig.from(Settings.of(Map.of("medstream.cleaning.pii.mode", "Surrogate"))).piiMode())
                .isEqualTo(medstream.cleaning.pii.PiiScrubber.Mode.SURROGATE);
    }
}
