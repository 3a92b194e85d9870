package medstream.labeler.lf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import medstream.contracts.LabelRequest;
import medstream.labeler.core.LabelInput;

/**
 * What labeling functions read of a request, normalised once (lower case with {@link Locale#ROOT}, single spaces,
 * straight apostrophes) so that every function matches the same text. Input the cues cannot read becomes empty text
 * plus a reason, never an exception: functions over an empty field abstain, and the reasons travel with the votes.
 *
 * @param id         the request's id
 * @param question   the question, normalised ("" when missing or not English)
 * @param context    the context passages joined, normalised ("" when missing or not English)
 * @param conclusion the long answer, normalised, at most {@value #MAX_WORDS} words ("" when missing or not English)
 * @param reasons    what was missing or changed, as reason codes (e.g. {@code NO_CONCLUSION},
 *                   {@code CONCLUSION_NOT_ENGLISH}, {@code CONCLUSION_TRUNCATED(10000>300 words)})
 */
public record LfInput(String id, String question, String context, String conclusion, List<String> reasons) {
    /**
     * Words of the conclusion kept. PQA-L conclusions run 10-150 words and state their verdict first, so the head
     * keeps the verdict, and the cap bounds the time of every cue on a pathological input.
     */
    public static final int MAX_WORDS = 300;
    /** Below this share of Latin letters among all letters a field is treated as not English. */
    static final double MIN_LATIN_SHARE = 0.5;

    /** Copies. */
    public LfInput {
        reasons = List.copyOf(reasons);
    }

    /** From a Kafka request (contexts as passages). */
    public static LfInput of(LabelRequest r) {
        List<String> contexts = r.getContexts() == null ? List.of() : r.getContexts().stream().map(CharSequence::toString).toList();
        return of(r.getId(), r.getQuestion(), String.join(" ", contexts), r.getLongAnswer());
    }

    /** From the pipeline's validated input. */
    public static LfInput of(LabelInput in) {
        return of(in.id(), in.question(), in.context(), in.longAnswer());
    }

    /** From raw fields; any of them may be null. */
    public static LfInput of(CharSequence id, CharSequence question, CharSequence context, CharSequence conclusion) {
        List<String> reasons = new ArrayList<>();
        String q = field("QUESTION", question, reasons);
        String c = field("CONTEXT", context, reasons);
        String a = field("CONCLUSION", conclusion, reasons);
        String[] words = a.isEmpty() ? new String[0] : a.split(" ");
        if (words.length > MAX_WORDS) {
            a = String.join(" ", List.of(words).subList(0, MAX_WORDS));
            reasons.add(String.format(Locale.ROOT, "CONCLUSION_TRUNCATED(%d>%d words)", words.length, MAX_WORDS));
        }
        return new LfInput(id == null ? "" : id.toString(), q, c, a, reasons);
    }

    private static String field(String name, CharSequence raw, List<String> reasons) {
        String s = raw == null ? "" : raw.toString().strip();
        if (s.isEmpty()) {
            reasons.add("NO_" + name);
            return "";
        }
        if (latinShare(s) < MIN_LATIN_SHARE) {
            reasons.add(name + "_NOT_ENGLISH");
            return "";
        }
        return s.replace('\u2019', '\'').replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Share of Latin letters among the letters of {@code s} (1 when it has no letters: digits alone are not foreign). */
    static double latinShare(String s) {
        int letters = 0;
        int latin = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isLetter(cp)) {
                letters++;
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) latin++;
            }
            i += Character.charCount(cp);
        }
        return letters == 0 ? 1 : (double) latin / letters;
    }
}
