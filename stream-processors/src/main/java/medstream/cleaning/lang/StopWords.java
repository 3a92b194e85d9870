package medstream.cleaning.lang;

import java.util.Set;

/** Stop-word lists shared by language identification and the quality filters. */
public final class StopWords {

    /** Gopher's stop-word filter: a document of running English text has at least two of these. */
    public static final Set<String> GOPHER_EN = Set.of("the", "be", "to", "of", "and", "that", "have", "with");

    /** Frequent English function words, used to recognise English without a statistical detector. */
    public static final Set<String> COMMON_EN = Set.of(
            "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "before",
            "between", "both", "but", "by", "can", "could", "did", "do", "does", "during", "each", "for", "from",
            "had", "has", "have", "he", "her", "his", "how", "if", "in", "into", "is", "it", "its", "may", "more",
            "most", "no", "not", "of", "on", "or", "other", "our", "over", "she", "should", "so", "some", "such",
            "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through",
            "to", "under", "up", "was", "we", "were", "what", "when", "where", "which", "while", "who", "will",
            "with", "within", "without", "would", "you", "your");

    /**
     * Chinese function characters (particles, prepositions, conjunctions, copula). Running Chinese prose has many;
     * lists of terms, tables and keyword spam have few.
     */
    public static final String ZH_FUNCTION_CHARS = "的了是在和与及或为有不也就都而等其于之被把从对以但并则";

    private StopWords() {
    }

    /** Whether a character is one of {@link #ZH_FUNCTION_CHARS}. */
    public static boolean isZhFunctionChar(char c) {
        return ZH_FUNCTION_CHARS.indexOf(c) >= 0;
    }
}
