package medstream.cleaning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class CleaningConfigTest {

    @Test
    void givenNoOverrides_whenDefaultsAreRead_thenTheyAreTheDocumentedValues() {
        CleaningConfig c = CleaningConfig.defaults();
        assertThat(c.maxBodyBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(c.language().supported()).containsExactlyInAnyOrder("en", "zh");
        assertThat(c.dedup().permutations()).isEqualTo(128);
        assertThat(c.dedup().bands()).isEqualTo(32);
        assertThat(c.dedup().rows()).isEqualTo(4);
        assertThat(c.decontamination().ngramWords()).isEqualTo(13);
        assertThat(c.withOverrides(key -> null)).isEqualTo(c);
    }

    @Test
    void givenOverridesByKey_whenApplied_thenOnlyThoseValuesChange() {
        CleaningConfig c = CleaningConfig.defaults().withOverrides(Map.of(
                "max.body.bytes", "1024", "languages.supported", "en, ZH, fr", "dedup.bands", "16",
                "pii.enabled", "false")::get);
        assertThat(c.maxBodyBytes()).isEqualTo(1024);
        assertThat(c.language().supported()).containsExactlyInAnyOrder("en", "zh", "fr");
        assertThat(c.dedup().rows()).isEqualTo(8);
        assertThat(c.pii()).isFalse();
        assertThat(c.quality()).isEqualTo(CleaningConfig.QualityConfig.defaults());
    }

    @Test
    void givenBandsThatDoNotDividePermutations_whenConfigured_thenTheErrorSaysWhatToFix() {
        assertThatThrownBy(() -> CleaningConfig.defaults().withOverrides(Map.of("dedup.bands", "30")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must divide permutations");
    }
}
