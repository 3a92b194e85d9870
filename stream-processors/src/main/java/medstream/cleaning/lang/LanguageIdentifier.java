package medstream.cleaning.lang;

import java.lang.Character.UnicodeScript;
import java.util.Locale;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import medstream.cleaning.CleaningConfig.LanguageConfig;

/**
 * Language identification that pays for a statistical detector only when the script does not decide.
 *
 * <p>Lingua costs ~0.9 ms per KB even restricted to five languages (docs BASELINES), which would cap cleaning near
 * 1k documents/s per core. So only the first {@code windowChars} characters are inspected; a Han share above
 * {@code hanRatio} means Chinese, kana/Hangul/other scripts are decided by script, and a Latin-script window with
 * many English stop words is English. Lingua, restricted to {@code detectorLanguages} and built once on first use,
 * sees only what is left (other Latin-script languages, mixed scripts). Thread-safe.
 */
public final class LanguageIdentifier {

    /** Code returned when a text has no letters or the detector cannot decide. */
    public static final String UNDETERMINED = "und";

    private final LanguageConfig config;
    private volatile LanguageDetector detector;

    /** An identifier with the given settings; the detector's models load on first use. */
    public LanguageIdentifier(LanguageConfig config) {
        this.config = config;
    }

    /**
     * Identifies the language of a normalised text.
     *
     * @param text the text; only its first {@code windowChars} characters are read
     * @return the language and how it was decided
     */
    public LanguageResult identify(String text) {
        int end = Math.min(text.length(), config.windowChars());
        int letters = 0;
        int han = 0;
        int latin = 0;
        int kana = 0;
        int hangul = 0;
        UnicodeScript otherScript = null;
        int other = 0;
        for (int i = 0; i < end; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            letters++;
            if (cp < 0x250) {
                latin += cp < 0x80 || cp >= 0xC0 ? 1 : 0;
                continue;
            }
            UnicodeScript script = UnicodeScript.of(cp);
            switch (script) {
                case HAN -> han++;
                case LATIN -> latin++;
                case HIRAGANA, KATAKANA -> kana++;
                case HANGUL -> hangul++;
                default -> {
                    other++;
                    otherScript = script;
                }
            }
        }
        if (letters == 0) {
            return new LanguageResult(UNDETERMINED, LanguageResult.Method.SCRIPT, 0);
        }
        double hanRatio = han / (double) letters;
        if (kana >= 0.1 * letters) {
            return new LanguageResult("ja", LanguageResult.Method.SCRIPT, hanRatio);
        }
        if (hangul >= 0.3 * letters) {
            return new LanguageResult("ko", LanguageResult.Method.SCRIPT, hanRatio);
        }
        if (hanRatio >= config.hanRatio()) {
            return new LanguageResult("zh", LanguageResult.Method.SCRIPT, hanRatio);
        }
        if (other >= 0.5 * letters) {
            return new LanguageResult(UNDETERMINED + "-" + otherScript.name().toLowerCase(Locale.ROOT),
                    LanguageResult.Method.SCRIPT, hanRatio);
        }
        String window = text.substring(0, end);
        if (latin >= config.latinRatio() * letters
                && englishStopWordRatio(window) >= config.englishStopRatio()) {
            return new LanguageResult("en", LanguageResult.Method.STOP_WORDS, hanRatio);
        }
        Language detected = detector().detectLanguageOf(window);
        String code = detected == Language.UNKNOWN ? UNDETERMINED
                : detected.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
        return new LanguageResult(code, LanguageResult.Method.DETECTOR, hanRatio);
    }

    /**
     * Share of ASCII words in the window that are frequent English function words. Words are hashed lower-cased as
     * they are read (String.hashCode's formula) and looked up by hash, then confirmed, so no string is built per
     * word: this runs on every English document.
     */
    static double englishStopWordRatio(String window) {
        int words = 0;
        int stop = 0;
        int start = -1;
        int hash = 0;
        for (int i = 0; i <= window.length(); i++) {
            char c = i < window.length() ? window.charAt(i) : ' ';
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (letter) {
                if (start < 0) {
                    start = i;
                    hash = 0;
                }
                hash = 31 * hash + (c | 0x20);
                continue;
            }
            if (start >= 0) {
                words++;
                if (i - start <= MAX_STOP_WORD_LENGTH && isStopWord(window, start, i, hash)) {
                    stop++;
                }
                start = -1;
            }
        }
        return words == 0 ? 0 : stop / (double) words;
    }

    private static final int MAX_STOP_WORD_LENGTH = 7;
    private static final int[] STOP_HASHES;
    private static final String[] STOP_WORDS_BY_HASH;

    static {
        String[] words = StopWords.COMMON_EN.stream()
                .sorted(java.util.Comparator.comparingInt(String::hashCode)).toArray(String[]::new);
        STOP_HASHES = java.util.Arrays.stream(words).mapToInt(String::hashCode).toArray();
        STOP_WORDS_BY_HASH = words;
    }

    private static boolean isStopWord(String text, int start, int end, int hash) {
        int at = java.util.Arrays.binarySearch(STOP_HASHES, hash);
        if (at < 0) {
            return false;
        }
        String candidate = STOP_WORDS_BY_HASH[at];
        return candidate.length() == end - start && text.regionMatches(true, start, candidate, 0, end - start);
    }

    private LanguageDetector detector() {
        LanguageDetector d = detector;
        if (d == null) {
            synchronized (this) {
                d = detector;
                if (d == null) {
                    IsoCode639_1[] codes = config.detectorLanguages().stream()
                            .map(code -> IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT)))
                            .toArray(IsoCode639_1[]::new);
                    d = LanguageDetectorBuilder.fromIsoCodes639_1(codes).build();
                    detector = d;
                }
            }
        }
        return d;
    }
}
