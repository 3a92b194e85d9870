package medstream.labeler.lf;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Votes no when a sentence of the conclusion is negated and speaks of what the question asks: at least
 * {@code minShared} of the question's content words (4+ letters, not a stop word) occur in that sentence. A
 * negation elsewhere ("no complications occurred") says nothing about the question's claim; one in the sentence
 * that restates it usually answers it.
 *
 * @param id        the rule's id
 * @param negation  what counts as a negation
 * @param minShared content words the sentence must share with the question
 */
public record TopicNegationFunction(String id, Pattern negation, int minShared) implements LabelingFunction {
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{N}-]{3,}");
    private static final Set<String> STOP = Set.of("does", "with", "that", "this", "there", "their", "than", "from",
            "have", "after", "before", "between", "patients", "study", "more", "less", "what", "which", "when", "into",
            "during", "should", "would", "could", "being", "been", "were", "they", "them", "other", "about");

    /** Validates. */
    public TopicNegationFunction {
        if (minShared < 1) throw new IllegalArgumentException(id + ": minShared must be >= 1, got " + minShared);
    }

    @Override
    public String definition() {
        return String.format(Locale.ROOT, "%s CONCLUSION sentence -> no: +/%s/ and >= %d question words", id,
                negation.pattern(), minShared);
    }

    @Override
    public Vote vote(LfInput input) {
        if (input.conclusion().isEmpty() || input.question().isEmpty()) return Vote.abstain(id, "EMPTY_QUESTION_OR_CONCLUSION");
        Set<String> asked = contentWords(input.question());
        for (String sentence : input.conclusion().split("(?<=[.;!?])\\s+")) {
            Matcher neg = negation.matcher(sentence);
            if (!neg.find()) continue;
            // sorted, so the reason reads the same on every run
            TreeSet<String> shared = new TreeSet<>(contentWords(sentence));
            shared.retainAll(asked);
            if (shared.size() >= minShared) {
                return Vote.of(id, "no", "'" + neg.group() + "' with " + List.copyOf(shared).subList(0, minShared));
            }
        }
        return Vote.abstain(id, "");
    }

    /** Words of 4+ characters minus stop words, with a plural 's' dropped so "scores" meets "score". */
    static Set<String> contentWords(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String w = m.group();
            if (STOP.contains(w)) continue;
            out.add(w.endsWith("s") && w.length() > 4 ? w.substring(0, w.length() - 1) : w);
        }
        return out;
    }
}
