package medstream.cleaning.pii;

import java.util.List;

/**
 * One scan of the text: digit runs, '@' and '?' positions; label words are found by comparing the text
 * lower-cased character by character, which is what {@code String.toLowerCase(Locale.ROOT)} does whenever it keeps
 * the length (final sigma aside, which no label word contains; the length changes only for U+0130, where the
 * rules search the whole text instead, as before), without building the lower-cased copy.
 */
final class Gates {
    private static final int[] NONE = new int[0];
    private final String text;
    private final TextScans scans;
    private final List<String> urlWords;
    /** Whether lower-casing changes the text's length, so that offsets of a lower-cased copy would not line up. */
    private final boolean lengthChanges;
    private final int[] digitRuns;
    private final int[] digitRunEnds;
    private final int[] ats;
    private final boolean query;

    private Gates(String text, TextScans scans, List<String> urlWords, boolean lengthChanges, int[] digitRuns, int[] digitRunEnds, int[] ats,
                  boolean query) {
        this.text = text;
        this.scans = scans;
        this.urlWords = urlWords;
        this.lengthChanges = lengthChanges;
        this.digitRuns = digitRuns;
        this.digitRunEnds = digitRunEnds;
        this.ats = ats;
        this.query = query;
    }

    /**
     * Scans a text once.
     *
     * @param text     the text
     * @param urlWords the URL prefixes, one of the lists {@link TextScans} looks for
     */
    static Gates of(String text, List<String> urlWords) {
        int[] runs = new int[16];
        int[] runEnds = new int[16];
        int nRuns = 0;
        int[] ats = new int[4];
        int nAts = 0;
        boolean query = false;
        boolean previousDigit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (digit && !previousDigit) {
                if (nRuns == runs.length) {
                    runs = java.util.Arrays.copyOf(runs, nRuns * 2);
                    runEnds = java.util.Arrays.copyOf(runEnds, nRuns * 2);
                }
                runs[nRuns++] = i;
            } else if (!digit && previousDigit) {
                runEnds[nRuns - 1] = i;
            }
            if (digit) {
                runEnds[nRuns - 1] = i + 1;
            } else if (c == '@') {
                if (nAts == ats.length) {
                    ats = java.util.Arrays.copyOf(ats, nAts * 2);
                }
                ats[nAts++] = i;
            } else if (c == '?') {
                query = true;
            }
            previousDigit = digit;
        }
        // U+0130 is the only character whose Locale.ROOT lower case is longer (it becomes "i" + U+0307).
        boolean lengthChanges = text.indexOf('\u0130') >= 0;
        return new Gates(text, TextScans.of(text), urlWords, lengthChanges, java.util.Arrays.copyOf(runs, nRuns),
                java.util.Arrays.copyOf(runEnds, nRuns), java.util.Arrays.copyOf(ats, nAts), query);
    }

    boolean digit() {
        return digitRuns.length > 0;
    }

    boolean at() {
        return ats.length > 0;
    }

    /** Sorted anchor positions of a rule; {@code null} means "search the whole text". */
    int[] anchors(Anchor anchor, List<String> keywords) {
        if (lengthChanges) {
            // Lower-casing changed the length (rare letters such as U+0130): offsets would not line up, so try
            // the whole text.
            return null;
        }
        return switch (anchor) {
            case URL -> query ? occurrences(urlWords) : NONE;
            case AT -> ats;
            case SSN_DIGITS, PHONE_DIGITS, ADDRESS_DIGITS -> runs(anchor);
            case KEYWORDS -> digit() ? occurrences(keywords) : NONE;
        };
    }

    private int[] runs(Anchor anchor) {
        int[] out = new int[digitRuns.length];
        int n = 0;
        for (int r = 0; r < digitRuns.length; r++) {
            int start = digitRuns[r];
            int end = digitRunEnds[r];
            int length = end - start;
            char before = start > 0 ? text.charAt(start - 1) : ' ';
            char after = end < text.length() ? text.charAt(end) : ' ';
            boolean keep = switch (anchor) {
                case SSN_DIGITS -> (length == 3 && after == '-') || length >= 17;
                case PHONE_DIGITS -> ((length == 3 || length == 4) && (after == ' ' || after == '.'
                        || after == '-' || after == ')')) || before == '(' || before == '+' || length == 11;
                case ADDRESS_DIGITS -> length <= 5 && after == ' ' && end + 1 < text.length()
                        && Character.isUpperCase(text.charAt(end + 1));
                default -> true;
            };
            if (keep) {
                out[n++] = start;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * Sorted positions where one of the words (lower case) occurs in the lower-cased text, one entry per word
     * that occurs there. Every word list of every rule is searched in one pass over the text, on the first call.
     */
    int[] occurrences(List<String> words) {
        return scans.labels(words);
    }
}
