package medstream.cleaning.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import medstream.cleaning.CleaningConfig.LanguageConfig;
import medstream.cleaning.SharedData;

class LanguageIdentifierTest {

    private final LanguageIdentifier identifier = new LanguageIdentifier(LanguageConfig.defaults());

    @Test
    void givenEnglishProse_whenIdentified_thenStopWordsDecideWithoutTheDetector() {
        LanguageResult r = identifier.identify("The patient was admitted with chest pain and was treated with aspirin.");
        assertThat(r.language()).isEqualTo("en");
        assertThat(r.method()).isEqualTo(LanguageResult.Method.STOP_WORDS);
    }

    @Test
    void givenChineseWithLatinAbbreviations_whenIdentified_thenTheHanShareDecides() {
        LanguageResult r = identifier.identify("血常规:WBC 5.0×10^9/L,N 78%。患者右下腹痛3小时,BP 100/60mmHg。");
        assertThat(r.language()).isEqualTo("zh");
        assertThat(r.method()).isEqualTo(LanguageResult.Method.SCRIPT);
        assertThat(r.hanRatio()).isGreaterThan(0.3);
    }

    @Test
    void givenOtherLatinScriptLanguages_whenIdentified_thenTheDetectorNamesThem() {
        LanguageResult fr = identifier.identify("Le patient présente une douleur thoracique depuis trois jours, "
                + "sans fièvre ni toux. L'électrocardiogramme est normal.");
        LanguageResult de = identifier.identify("Der Patient klagt seit drei Tagen über Brustschmerzen ohne Fieber. "
                + "Das Elektrokardiogramm ist unauffällig.");
        assertThat(fr.language()).isEqualTo("fr");
        assertThat(de.language()).isEqualTo("de");
        assertThat(fr.method()).isEqualTo(LanguageResult.Method.DETECTOR);
    }

    @Test
    void givenNonLatinNonHanScripts_whenIdentified_thenTheScriptDecides() {
        assertThat(identifier.identify("患者は胸痛を訴えています。").language()).isEqualTo("ja");
        assertThat(identifier.identify("환자는 흉통을 호소합니다.").language()).isEqualTo("ko");
        assertThat(identifier.identify("Пациент жалуется на боль в груди.").language()).isEqualTo("und-cyrillic");
        assertThat(identifier.identify("12345 ... !!!").language()).isEqualTo(LanguageIdentifier.UNDETERMINED);
    }

    @Test
    void givenALongText_whenIdentified_thenOnlyTheWindowIsRead() {
        String english = "The patient was seen in clinic and the plan was discussed with the family. ".repeat(40);
        String chineseTail = "患者右下腹痛三小时。".repeat(2000);
        assertThat(identifier.identify(english + chineseTail).language()).isEqualTo("en");
    }

    @Test
    void givenRealSamples_whenIdentified_thenPubMedQaIsEnglishAndCmbClinIsChinese() {
        List<String> abstracts = List.copyOf(SharedData.pubmedQaAbstracts().values());
        long english = abstracts.stream().filter(a -> identifier.identify(a).language().equals("en")).count();
        long byStopWords = abstracts.stream()
                .filter(a -> identifier.identify(a).method() == LanguageResult.Method.STOP_WORDS).count();
        assertThat(english).isEqualTo(abstracts.size());
        // The detector is the expensive path: real English abstracts almost never need it.
        assertThat(byStopWords / (double) abstracts.size()).isGreaterThan(0.95);
        assertThat(SharedData.cmbClinCases()).allSatisfy(c -> assertThat(identifier.identify(c).language()).isEqualTo("zh"));
    }
}
