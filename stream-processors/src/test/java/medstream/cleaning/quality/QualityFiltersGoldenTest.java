package medstream.cleaning.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import medstream.cleaning.CleaningConfig;
import medstream.cleaning.GoldenFile;
import medstream.cleaning.MixedDocuments;
import medstream.cleaning.Rejection;
import medstream.cleaning.SharedData;
import medstream.cleaning.lang.LanguageIdentifier;
import medstream.cleaning.text.Normaliser;
import medstream.cleaning.text.Stripper;
import medstream.contracts.RawDocument;

/**
 * The quality filters' signals and verdicts on real documents from the shared data in both languages, and on
 * repetitive variants of them that exercise the repetition filters, against {@code golden/quality-filters.tsv}
 * (recorded from the implementation that the hashed n-gram counting had been proven equal to).
 */
class QualityFiltersGoldenTest {

    private static final int DOCUMENTS = 60;

    @Test
    void givenRealAndRepetitiveDocuments_whenEvaluated_thenSignalsAndVerdictsAreTheRecordedOnes() {
        CleaningConfig config = CleaningConfig.defaults();
        Stripper stripper = new Stripper(config.strip());
        LanguageIdentifier languages = new LanguageIdentifier(config.language());
        QualityFilters filters = new QualityFilters(config.quality());

        List<String> keys = new ArrayList<>();
        List<QualityReport> reports = new ArrayList<>();
        int repetitionFailures = 0;
        for (RawDocument doc : MixedDocuments.of(DOCUMENTS, 42L)) {
            String text = stripper.strip(Normaliser.normalise(doc.getBody())).text();
            String firstSentence = text.substring(0, Math.max(1, Math.min(text.length(), text.indexOf('.') + 1)));
            // Repetitive variants: a repeated opening sentence, a doubled document, a doubled first half.
            List<String> variants = List.of(text, firstSentence + " " + firstSentence + " " + text, text + "\n" + text,
                    text.substring(0, text.length() / 2) + " " + text);
            for (int v = 0; v < variants.size(); v++) {
                String language = languages.identify(variants.get(v)).language();
                for (String asLanguage : List.of(language, "zh".equals(language) ? "en" : "zh")) {
                    QualityReport report = filters.evaluate(variants.get(v), asLanguage);
                    keys.add(doc.getId() + "#" + v + " " + asLanguage);
                    reports.add(report);
                    if (report.failure() != null && report.failure().reason().name().endsWith("NGRAM")) {
                        repetitionFailures++;
                    }
                }
            }
        }
        assertThat(reports).hasSize(DOCUMENTS * 8);
        // The comparison must cover texts that the n-gram filters reject, not only clean prose.
        assertThat(repetitionFailures).isGreaterThan(DOCUMENTS / 2);
        GoldenFile.check("quality-filters.tsv", lines(keys, reports));
    }

    /** A header naming every signal, then per text its verdict and its signals' exact values ({@code -}: not measured). */
    private static List<String> lines(List<String> keys, List<QualityReport> reports) {
        Set<String> signals = new LinkedHashSet<>();
        reports.forEach(r -> signals.addAll(r.signals().keySet()));
        List<String> lines = new ArrayList<>();
        lines.add("# text\tverdict\t" + String.join(" ", signals));
        for (int i = 0; i < reports.size(); i++) {
            Map<String, Double> measured = reports.get(i).signals();
            lines.add(keys.get(i) + "\t" + verdict(reports.get(i).failure()) + "\t" + signals.stream()
                    .map(name -> measured.containsKey(name) ? shortest(measured.get(name)) : "-")
                    .collect(Collectors.joining(" ")));
        }
        return lines;
    }

    /** The exact value, without a trailing ".0" on whole numbers. */
    private static String shortest(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static String verdict(Rejection r) {
        return r == null ? "PASS" : String.format(Locale.ROOT, "%s %s %s %s %s", r.reason(), r.filterName(),
                r.measuredValue(), r.threshold(), r.detail());
    }
}
