package medstream.cleaning.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import medstream.cleaning.CleaningConfig;
import medstream.cleaning.ReasonCode;
import medstream.cleaning.SharedData;
import medstream.cleaning.bench.BenchCorpus;
import medstream.cleaning.lang.LanguageIdentifier;
import medstream.cleaning.text.Normaliser;
import medstream.cleaning.text.Stripper;
import medstream.contracts.RawDocument;

/**
 * The hashed n-gram counting (no sorting, early stop once n-grams are all distinct) must give exactly the signals and
 * verdicts of the implementation it replaced ({@link LegacyQualityFilters}), on real documents from the shared data
 * in both languages and on repetitive variants of them that exercise the repetition filters.
 */
class QualityFiltersEquivalenceTest {

    private static final int DOCUMENTS = 1_500;

    @Test
    void givenRealAndRepetitiveDocuments_whenEvaluatedByBothImplementations_thenSignalsAndVerdictsAreIdentical() {
        CleaningConfig config = CleaningConfig.defaults();
        Stripper stripper = new Stripper(config.strip());
        LanguageIdentifier languages = new LanguageIdentifier(config.language());
        QualityFilters current = new QualityFilters(config.quality());
        LegacyQualityFilters legacy = new LegacyQualityFilters(config.quality());

        List<String> texts = new ArrayList<>();
        for (RawDocument doc : BenchCorpus.load(SharedData.root()).documents(DOCUMENTS, 42L)) {
            String text = stripper.strip(Normaliser.normalise(doc.getBody())).text();
            texts.add(text);
            String firstSentence = text.substring(0, Math.max(1, Math.min(text.length(), text.indexOf('.') + 1)));
            // Repetitive variants: a repeated opening sentence, a doubled document, a doubled first half.
            texts.add(firstSentence + " " + firstSentence + " " + text);
            texts.add(text + "\n" + text);
            texts.add(text.substring(0, text.length() / 2) + " " + text);
        }
        int compared = 0;
        int repetitionFailures = 0;
        for (String text : texts) {
            String language = languages.identify(text).language();
            for (String asLanguage : List.of(language, "zh".equals(language) ? "en" : "zh")) {
                QualityReport expected = legacy.evaluate(text, asLanguage);
                QualityReport actual = current.evaluate(text, asLanguage);
                assertThat(actual.signals()).as("signals of %s text %s", asLanguage, abbreviate(text))
                        .containsExactlyEntriesOf(expected.signals());
                assertThat(actual.failure()).as("verdict of %s text %s", asLanguage, abbreviate(text))
                        .isEqualTo(expected.failure());
                compared++;
                if (expected.failure() != null && (expected.failure().reason() == ReasonCode.QUALITY_TOP_NGRAM
                        || expected.failure().reason() == ReasonCode.QUALITY_DUPLICATE_NGRAM)) {
                    repetitionFailures++;
                }
            }
        }
        assertThat(compared).isEqualTo(texts.size() * 2);
        // The comparison must have covered texts that the n-gram filters reject, not only clean prose.
        assertThat(repetitionFailures).isGreaterThan(DOCUMENTS / 2);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
