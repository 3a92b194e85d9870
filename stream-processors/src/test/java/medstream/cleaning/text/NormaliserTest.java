package medstream.cleaning.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NormaliserTest {

    @Test
    void givenFullWidthCharactersAndLigatures_whenNormalised_thenNfkcFormsAreUsed() {
        assertThat(Normaliser.normalise("ＷＢＣ　５．０，ﬁbrosis")).isEqualTo("WBC 5.0,fibrosis");
        assertThat(Normaliser.normalise("体温：37.8，血压（BP）")).isEqualTo("体温:37.8,血压(BP)");
    }

    @Test
    void givenControlAndInvisibleCharacters_whenNormalised_thenTheyAreRemoved() {
        assertThat(Normaliser.normalise("a\u0000b\u0007c\u200Bd\uFEFFe\u00ADf")).isEqualTo("abcdef");
    }

    @Test
    void givenRaggedWhitespace_whenNormalised_thenSpacesCollapseLinesAreTrimmedAndBlankRunsShrink() {
        assertThat(Normaliser.normalise("  The   patient \u00A0 was\r\nseen.  \r\n\r\n\r\n\r\nPlan:\tnone \n\n"))
                .isEqualTo("The patient was\nseen.\n\nPlan:\tnone");
    }

    @Test
    void givenAWordHyphenatedAcrossALineBreak_whenNormalised_thenItIsJoinedButCodesAreNot() {
        assertThat(Normaliser.normalise("chronic inflam-\nmation of the liver")).isEqualTo("chronic inflammation of the liver");
        assertThat(Normaliser.normalise("COVID-\n19 cases")).isEqualTo("COVID-\n19 cases");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "cafÃ© au lait spots | café au lait spots",
            "the patientâ€™s history | the patient’s history",
            "â€œquotedâ€\u009d | “quoted”",
            "SjÃ¶gren syndrome | Sjögren syndrome",
            "temperature 37 Â°C | temperature 37 °C",
            "Ã¤rztliche Ã¼berweisung | ärztliche überweisung"})
    void givenUtf8ReadAsCp1252_whenRepaired_thenTheOriginalCharactersReturn(String broken, String expected) {
        assertThat(Normaliser.repairMojibake(broken)).isEqualTo(expected);
    }

    @Test
    void givenGenuineLatin1Text_whenRepaired_thenItIsUnchanged() {
        String latin = "café naïve Sjögren façade ½ dose °C Ä";
        assertThat(Normaliser.repairMojibake(latin)).isEqualTo(latin);
    }

    @Test
    void givenChineseText_whenNormalised_thenHanCharactersAreUntouched() {
        assertThat(Normaliser.normalise("患者男，49岁。\n\n\n右下腹痛3小时。")).isEqualTo("患者男,49岁。\n\n右下腹痛3小时。");
    }

    @Test
    void givenMojibakeBeforeNfkc_whenNormalised_thenTheTrademarkSignIsNotTurnedIntoLetters() {
        // NFKC would map the ™ of "â€™" to "TM" if it ran before the repair.
        assertThat(Normaliser.normalise("Crohnâ€™s disease")).isEqualTo("Crohn’s disease");
    }
}
