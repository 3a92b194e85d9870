package medstream.cleaning.lang;

/**
 * The language of a text and how it was decided.
 *
 * @param language ISO 639-1 code, {@code und} when undecidable, {@code und-<script>} for a non-Latin, non-Han
 *                 script outside the detector's languages
 * @param method   what decided
 * @param hanRatio share of Han characters among the letters of the inspected window
 */
public record LanguageResult(String language, Method method, double hanRatio) {

    /** What decided the language. */
    public enum Method {
        /** The script alone (Han, kana, Hangul, other non-Latin scripts), or no letters at all. */
        SCRIPT,
        /** Latin script with many English stop words. */
        STOP_WORDS,
        /** The statistical detector, on a bounded window. */
        DETECTOR
    }
}
