package medstream.cleaning.pii;

import java.util.List;
import java.util.Set;

/**
 * Finds English person names. Only capitalised tokens are looked at. A name is taken
 * <ul>
 *   <li>after a title (Dr., Mrs., Prof. ...): one to four capitalised tokens or initials;</li>
 *   <li>after a role or relation word (patient, nurse practitioner, daughter ...): the same, when one token is in
 *       the name dictionaries, so that "Patient Education" stays; after a weak cue (by, with) two tokens;</li>
 *   <li>without a cue: a dictionary first name followed by a dictionary surname or first name ("John Smith",
 *       "Patricia Allen");</li>
 *   <li>before a credential (", MD", ", RN"): a first name and a capitalised token.</li>
 * </ul>
 * Eponyms (Parkinson, Hodgkin, Wilson ...) are never taken without a title, nor is any run followed by a noun that
 * makes it an eponym ("Wilson disease", "Graves' disease", "Gleason score"). Dictionaries: Datafaker's locale name
 * lists (see NOTICE-datafaker.txt), looked up without allocation.
 */
final class EnglishNameDetector implements PiiDetector {

    private static final NameSet FIRST = NameSet.of(without(NameSet.resource("en-first-names.txt"),
            EnglishWords.COMMON));
    private static final NameSet LAST = NameSet.of(without(NameSet.resource("en-last-names.txt"),
            EnglishWords.COMMON));
    private static final NameSet EPONYMS = NameSet.of(EnglishWords.EPONYMS);
    private static final NameSet STOP = NameSet.of(EnglishWords.CAPITALISED_NON_NAMES);
    private static final int MAX_TOKENS = 4;

    private enum Cue { NONE, TITLE, ROLE, WEAK_ROLE }

    @Override
    public void find(String text, List<PiiMatch> out) {
        int length = text.length();
        int i = 0;
        while (i < length) {
            if (!isTokenStart(text, i)) {
                i++;
                continue;
            }
            int end = tokenEnd(text, i);
            int taken = tryAt(text, i, end, out);
            i = Math.max(taken, end);
        }
    }

    /** Tries a name starting at the token [start, end); returns where scanning goes on. */
    private static int tryAt(String text, int start, int end, List<PiiMatch> out) {
        if (isAcronym(text, start, end)) {
            return end;
        }
        Cue cue = cueBefore(text, start);
        if (cue != Cue.NONE) {
            return taggedRun(text, start, cue, out);
        }
        int core = coreEnd(text, start, end);
        if (!FIRST.contains(text, start, core) || EPONYMS.contains(text, start, core)) {
            return end;
        }
        int next = nextToken(text, end);
        if (next < 0) {
            return end;
        }
        int nextEnd = tokenEnd(text, next);
        if (isInitial(text, next, nextEnd)) {
            int after = nextToken(text, nextEnd);
            if (after < 0) {
                return end;
            }
            next = after;
            nextEnd = tokenEnd(text, next);
        }
        int nextCore = coreEnd(text, next, nextEnd);
        boolean surname = (LAST.contains(text, next, nextCore) || FIRST.contains(text, next, nextCore))
                && !EPONYMS.contains(text, next, nextCore) && !STOP.contains(text, next, nextCore);
        if ((surname || credentialAfter(text, nextEnd) && !STOP.contains(text, next, nextCore))
                && !EnglishWords.eponymNounAfter(text, nextEnd)) {
            out.add(new PiiMatch(PiiType.NAME, start, nextCore));
            return nextEnd;
        }
        return end;
    }

    /** A run of name tokens after a cue; a role cue needs one dictionary token in it. */
    private static int taggedRun(String text, int start, Cue cue, List<PiiMatch> out) {
        int runEnd = start;
        int scanEnd = start;
        int tokens = 0;
        boolean known = false;
        int token = start;
        for (int n = 0; n < MAX_TOKENS && token >= 0; n++) {
            int end = tokenEnd(text, token);
            int core = coreEnd(text, token, end);
            if (isInitial(text, token, end)) {
                scanEnd = end;
                token = nextToken(text, end);
                continue;
            }
            if (STOP.contains(text, token, core) || isAcronym(text, token, end)
                    || cue != Cue.TITLE && token == start && EPONYMS.contains(text, token, core)) {
                break;
            }
            if (core - token < 2) {
                break; // a single capital ("P < 0.05", "Investigator B") is no name
            }
            // After a weak cue the name must open with a given name ("with John Smith", not "with Brain Stem").
            known |= cue == Cue.WEAK_ROLE ? token == start && FIRST.contains(text, token, core)
                    : FIRST.contains(text, token, core) || LAST.contains(text, token, core);
            tokens++;
            runEnd = core;
            scanEnd = end;
            if (core < end) {
                break; // a possessive ends the name
            }
            token = nextToken(text, end);
        }
        // "Name: Smith, John": surname first, then a dictionary given name after the comma.
        int given = runEnd == tokenEnd(text, start) && text.startsWith(", ", runEnd) ? nextToken(text, runEnd + 1)
                : -1;
        boolean givenAfter = given >= 0 && FIRST.contains(text, given, tokenEnd(text, given));
        boolean vouched = cue == Cue.TITLE || known && (cue == Cue.ROLE || tokens >= 2) || givenAfter;
        if (runEnd == start || !vouched || EnglishWords.eponymNounAfter(text, runEnd)) {
            return tokenEnd(text, start);
        }
        out.add(new PiiMatch(PiiType.NAME, start, runEnd));
        if (givenAfter) {
            out.add(new PiiMatch(PiiType.NAME, given, tokenEnd(text, given)));
            return tokenEnd(text, given);
        }
        return scanEnd;
    }

    /** The word before the token, past spaces, a colon, a comma, a full stop ("Dr. ", "Patient: ", "wife, "). */
    private static Cue cueBefore(String text, int start) {
        int p = start - 1;
        boolean colon = false;
        while (p >= 0 && (text.charAt(p) == ' ' || text.charAt(p) == ':' || text.charAt(p) == ',')) {
            colon |= text.charAt(p) == ':';
            p--;
        }
        if (p == start - 1) {
            return Cue.NONE;
        }
        boolean fullStop = p >= 0 && text.charAt(p) == '.';
        if (fullStop) {
            p--;
        }
        int lettersEnd = p + 1;
        int wordStart = p;
        while (wordStart >= 0 && Character.isLetter(text.charAt(wordStart))) {
            wordStart--;
        }
        wordStart++;
        if (wordStart >= lettersEnd) {
            return Cue.NONE;
        }
        if (fullStop) {
            return EnglishWords.ABBREVIATED_TITLES.contains(text, wordStart, lettersEnd) ? Cue.TITLE : Cue.NONE;
        }
        if (EnglishWords.TITLES.contains(text, wordStart, lettersEnd)) {
            return Cue.TITLE;
        }
        if (colon && EnglishWords.LABELS.contains(text, wordStart, lettersEnd)) {
            return Cue.ROLE;
        }
        if (EnglishWords.WEAK_ROLES.contains(text, wordStart, lettersEnd)) {
            return Cue.WEAK_ROLE;
        }
        return EnglishWords.ROLES.contains(text, wordStart, lettersEnd) ? Cue.ROLE : Cue.NONE;
    }

    private static boolean credentialAfter(String text, int end) {
        return end + 2 < text.length() && text.charAt(end) == ',' && EnglishWords.isCredential(text, end + 1);
    }

    private static boolean isTokenStart(String text, int i) {
        char c = text.charAt(i);
        if (c < 'A' || c > 'Z') {
            return false;
        }
        return i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)) && text.charAt(i - 1) != '\''
                && text.charAt(i - 1) != '-';
    }

    /** The token's end: letters, with inner apostrophes and hyphens (O'Brien, Smith-Jones). */
    static int tokenEnd(String text, int start) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                i++;
            } else if ((c == '\'' || c == '’' || c == '-') && i + 1 < text.length()
                    && Character.isLetter(text.charAt(i + 1)) && i > start) {
                i++;
            } else if (c == '.' && i == start + 1) {
                return i + 1; // an initial: "J."
            } else {
                break;
            }
        }
        return i;
    }

    /** The token without a possessive "'s". */
    private static int coreEnd(String text, int start, int end) {
        if (end - start > 2 && text.charAt(end - 1) == 's' && (text.charAt(end - 2) == '\''
                || text.charAt(end - 2) == '’')) {
            return end - 2;
        }
        return end;
    }

    /** The start of the next capitalised token after one space, or -1. */
    private static int nextToken(String text, int end) {
        if (end + 1 < text.length() && text.charAt(end) == ' ') {
            char c = text.charAt(end + 1);
            if (c >= 'A' && c <= 'Z') {
                return end + 1;
            }
        }
        return -1;
    }

    private static boolean isInitial(String text, int start, int end) {
        return end == start + 2 && text.charAt(start + 1) == '.';
    }

    private static boolean isAcronym(String text, int start, int end) {
        return end - start > 1 && Character.isUpperCase(text.charAt(start + 1));
    }

    private static Set<String> without(Set<String> words, Set<String> removed) {
        words.removeAll(removed);
        return words;
    }
}
