package medstream.cleaning;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import medstream.cleaning.dedup.Hashing;
import medstream.cleaning.lang.LanguageIdentifier;
import medstream.cleaning.lang.LanguageResult;
import medstream.cleaning.pii.PiiScrubber;
import medstream.cleaning.pii.ScrubResult;
import medstream.cleaning.quality.QualityFilters;
import medstream.cleaning.quality.QualityReport;
import medstream.cleaning.text.Normaliser;
import medstream.cleaning.text.StripKind;
import medstream.cleaning.text.StripResult;
import medstream.cleaning.text.Stripper;

/**
 * The stateless part of cleaning as one pure function: input checks, normalise, strip, identify the language,
 * quality filters, PII scrubbing. Dedup and decontamination need state and live in the topology.
 *
 * <p>Input checks, in order: size (UTF-8 bytes over {@code maxBodyBytes}: {@code TOO_LARGE}, never truncated),
 * empty or blank ({@code EMPTY}), invalid UTF-8, binary content. Invalid UTF-8 cannot reach us as bytes: the Avro
 * deserializer decodes a string field's bytes with replacement, so malformed sequences arrive as U+FFFD. A share of
 * U+FFFD above {@code maxReplacementRatio} rejects the document as {@code INVALID_UTF8}; a few stray ones (text that
 * went through a lossy conversion upstream) are removed by the normaliser. Raw C0 control characters (other than tab,
 * newline, carriage return, form feed) and DEL above {@code maxControlRatio} mean binary content ({@code BINARY}).
 * Bytes that are not Avro at all never get here: they go to the dead-letter topic. Thread-safe.
 */
public final class CleaningPipeline {

    private final CleaningConfig config;
    private final Stripper stripper;
    private final LanguageIdentifier languageIdentifier;
    private final QualityFilters qualityFilters;
    private final PiiScrubber scrubber;

    /** A pipeline with the given configuration. */
    public CleaningPipeline(CleaningConfig config) {
        this.config = config;
        this.stripper = new Stripper(config.strip());
        this.languageIdentifier = new LanguageIdentifier(config.language());
        this.qualityFilters = new QualityFilters(config.quality());
        this.scrubber = new PiiScrubber(config.piiMode());
    }

    /** The configuration. */
    public CleaningConfig config() {
        return config;
    }

    /**
     * Cleans a document body.
     *
     * @param body             the raw body, as decoded by Avro
     * @param declaredLanguage the language the source declares, or {@code null} to detect it
     * @return the cleaned text with its signals, or the first rejection
     */
    public CleaningOutcome clean(String body, String declaredLanguage) {
        return clean(body, declaredLanguage, null);
    }

    /**
     * Cleans a document body.
     *
     * @param body             the raw body, as decoded by Avro
     * @param declaredLanguage the language the source declares, or {@code null} to detect it
     * @param documentId       seeds PII surrogates, so a document gets the same fakes on every run; {@code null}: the
     *                         text seeds them
     * @return the cleaned text with its signals, or the first rejection
     */
    public CleaningOutcome clean(String body, String declaredLanguage, String documentId) {
        Rejection inputProblem = checkInput(body);
        if (inputProblem != null) {
            return new CleaningOutcome.Rejected(inputProblem);
        }
        String normalised = Normaliser.normalise(body);
        StripResult stripped = stripper.strip(normalised);
        if (stripped.text().isBlank()) {
            return new CleaningOutcome.Rejected(new Rejection(ReasonCode.EMPTY, "strip", 0.0, null,
                    "nothing left after stripping " + stripped.removed()));
        }
        String language = declaredLanguage == null || declaredLanguage.isBlank()
                ? identify(stripped.text()).language() : declaredLanguage.toLowerCase(Locale.ROOT);
        if (!config.language().supported().contains(language)) {
            return new CleaningOutcome.Rejected(Rejection.withDetail(ReasonCode.LANGUAGE, "language", language));
        }
        QualityReport quality = qualityFilters.evaluate(stripped.text(), language);
        if (!quality.passed()) {
            return new CleaningOutcome.Rejected(quality.failure());
        }
        ScrubResult scrubbed = config.pii() ? scrubber.scrub(stripped.text(), documentId)
                : new ScrubResult(stripped.text(), Map.of());
        Map<String, Double> signals = new LinkedHashMap<>(quality.signals());
        for (Map.Entry<StripKind, Integer> removed : stripped.removed().entrySet()) {
            signals.put("stripped_" + removed.getKey().name().toLowerCase(Locale.ROOT),
                    removed.getValue().doubleValue());
        }
        signals.put("stripped_chars", (double) (normalised.length() - stripped.text().length()));
        return new CleaningOutcome.Cleaned(scrubbed.text(), language, signals, scrubbed.counts(),
                Hashing.contentHash(scrubbed.text()));
    }

    /** Language identification alone (exposed for the benchmark's per-stage costs). */
    public LanguageResult identify(String text) {
        return languageIdentifier.identify(text);
    }

    /**
     * The input checks alone: size, empty, invalid UTF-8, binary.
     *
     * @param body the raw body
     * @return the rejection, or {@code null} when the body may be cleaned
     */
    public Rejection checkInput(String body) {
        long bytes = utf8Length(body);
        if (bytes > config.maxBodyBytes()) {
            return Rejection.measured(ReasonCode.TOO_LARGE, "input.max_body_bytes", bytes, config.maxBodyBytes());
        }
        if (body.isBlank()) {
            return Rejection.measured(ReasonCode.EMPTY, "input.empty", body.length(), 0);
        }
        int replacement = 0;
        int control = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\uFFFD') {
                replacement++;
            } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) {
                control++;
            }
        }
        double replacementRatio = replacement / (double) body.length();
        if (replacement > 0 && replacementRatio > config.maxReplacementRatio()) {
            return Rejection.measured(ReasonCode.INVALID_UTF8, "input.replacement_ratio", replacementRatio,
                    config.maxReplacementRatio());
        }
        double controlRatio = control / (double) body.length();
        if (control > 0 && controlRatio > config.maxControlRatio()) {
            return Rejection.measured(ReasonCode.BINARY, "input.control_ratio", controlRatio,
                    config.maxControlRatio());
        }
        return null;
    }

    /** UTF-8 length without encoding the string. */
    static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
