package medstream.lm.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-4-style pre-tokenizer that keeps Chinese text from turning into giant "words".
 *
 * <p>The pattern follows cl100k: English contractions, a letter run with at most one leading
 * non-letter (so {@code " the"} and {@code "(the"} are one piece), digit groups of at most three,
 * punctuation runs with an optional leading space, and whitespace runs where the last space stays
 * with the next word. The difference is Han: Chinese has no spaces, so GPT-style {@code \p{L}+}
 * would make a whole clause one pre-token, which costs training time and lets BPE learn
 * clause-sized tokens. Here Han characters are excluded from the letter class and cut into runs of
 * at most {@code maxHanRun} characters, so BPE learns characters and common two- or three-character
 * terms (治疗, 患者) as merges of UTF-8 bytes.
 *
 * <p>Whitespace classes are Unicode-aware ({@code U+3000} ideographic space, no-break space).
 *
 * <p>The regular expression in the constructor defines the behaviour; {@link #split} is a hand-written
 * scanner that tries the same alternatives in the same order, because the regex engine was the
 * bottleneck of encoding (about 25 MB/s). Tests check both give identical pieces.
 */
public final class CjkPreTokenizer implements PreTokenizer {

    /** The family name; the full name adds the Han run length, e.g. {@code medstream-cjk-v1:han2}. */
    public static final String FAMILY = "medstream-cjk-v1";

    /**
     * Han run length of {@link #standard()}. Measured at vocabulary 8192 on held-out HuaTuo QA: runs of 1
     * give 2.96 bytes per token (one token per character), 2 give 4.00, 3 give 4.23 but learn pieces
     * that straddle words ("患者需|要进行|手术治|疗"), while 2 mostly yields real words
     * ("患者|需要|进行|手术|治疗"). English compression barely moves (3.97, 3.81, 3.79).
     */
    public static final int DEFAULT_MAX_HAN_RUN = 2;

    private static final CjkPreTokenizer STANDARD = new CjkPreTokenizer(DEFAULT_MAX_HAN_RUN);

    private final int maxHanRun;
    private final Pattern pattern;

    private CjkPreTokenizer(int maxHanRun) {
        this.maxHanRun = maxHanRun;
        this.pattern = Pattern.compile(
                "'(?:[sSdDmMtT]|[lL][lL]|[vV][eE]|[rR][eE])"
                        + "|[^\\r\\n\\p{L}\\p{N}]?[\\p{L}&&[^\\p{IsHan}]]+"
                        + "|\\p{IsHan}{1," + maxHanRun + "}"
                        + "|\\p{N}{1,3}"
                        + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
                        + "|\\s*[\\r\\n]+"
                        + "|\\s+(?!\\S)"
                        + "|\\s+",
                Pattern.UNICODE_CHARACTER_CLASS);
    }

    /** The pre-tokenizer new tokenizers are trained with. */
    public static CjkPreTokenizer standard() {
        return STANDARD;
    }

    /**
     * A variant with a different Han run length; {@code 1} makes every Han character its own pre-token.
     *
     * @throws IllegalArgumentException unless {@code 1 <= maxHanRun <= 16}
     */
    public static CjkPreTokenizer withMaxHanRun(int maxHanRun) {
        if (maxHanRun < 1 || maxHanRun > 16) {
            throw new IllegalArgumentException("maxHanRun must be in 1..16, got " + maxHanRun);
        }
        return maxHanRun == DEFAULT_MAX_HAN_RUN ? STANDARD : new CjkPreTokenizer(maxHanRun);
    }

    static CjkPreTokenizer parse(String name) {
        String prefix = FAMILY + ":han";
        if (name != null && name.startsWith(prefix)) {
            try {
                return withMaxHanRun(Integer.parseInt(name.substring(prefix.length())));
            } catch (IllegalArgumentException e) {
                // fall through to the error below, which names what is accepted
            }
        }
        throw new IllegalArgumentException("Unknown pre-tokenizer '" + name + "'; this version knows "
                + prefix + "<1..16> (e.g. " + STANDARD.name() + "). Was the tokenizer saved by a newer medstream?");
    }

    /** How many Han characters one pre-token may hold at most. */
    public int maxHanRun() {
        return maxHanRun;
    }

    @Override
    public String name() {
        return FAMILY + ":han" + maxHanRun;
    }

    @Override
    public List<String> split(String text) {
        List<String> pieces = new ArrayList<>(Math.max(4, text.length() / 4));
        int position = 0;
        while (position < text.length()) {
            int end = matchAt(text, position);
            pieces.add(text.substring(position, end));
            position = end;
        }
        return pieces;
    }

    /**
     * The reference implementation: {@link #pattern()} applied with {@link Matcher#find()}. {@link #split}
     * must return exactly the same pieces (tests check it on random and real text); it exists because
     * the hand-written scanner is several times faster than the regex engine.
     */
    List<String> splitWithPattern(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        int position = 0;
        while (matcher.find()) {
            if (matcher.start() > position) {
                pieces.add(text.substring(position, matcher.start()));
            }
            pieces.add(text.substring(matcher.start(), matcher.end()));
            position = matcher.end();
        }
        if (position < text.length()) {
            pieces.add(text.substring(position));
        }
        return pieces;
    }

    /** The defining regular expression. */
    Pattern pattern() {
        return pattern;
    }

    /** End of the piece starting at {@code i}: the pattern's alternatives, tried in the same order. */
    private int matchAt(String s, int i) {
        int n = s.length();
        int cp = s.codePointAt(i);
        int next = i + Character.charCount(cp);

        // '(?:[sdmt]|ll|ve|re) in either case
        if (cp == '\'' && next < n) {
            char c1 = asciiLower(s.charAt(next));
            if (c1 == 's' || c1 == 'd' || c1 == 'm' || c1 == 't') {
                return next + 1;
            }
            if (next + 1 < n) {
                char c2 = asciiLower(s.charAt(next + 1));
                if (c1 == 'l' && c2 == 'l' || c1 == 'v' && c2 == 'e' || c1 == 'r' && c2 == 'e') {
                    return next + 2;
                }
            }
        }
        // [^\r\n\p{L}\p{N}]?[\p{L}&&[^\p{IsHan}]]+
        if (isLetter(cp) && !isHan(cp)) {
            return letterRunEnd(s, next);
        }
        if (cp != '\r' && cp != '\n' && !isLetter(cp) && !isNumber(cp) && next < n) {
            int second = s.codePointAt(next);
            if (isLetter(second) && !isHan(second)) {
                return letterRunEnd(s, next + Character.charCount(second));
            }
        }
        // \p{IsHan}{1,maxHanRun}
        if (isHan(cp)) {
            return runEnd(s, next, maxHanRun - 1, true);
        }
        // \p{N}{1,3}
        if (isNumber(cp)) {
            return runEnd(s, next, 2, false);
        }
        // " ?[^\s\p{L}\p{N}]+[\r\n]*"
        int symbolStart = i;
        if (cp == ' ' && next < n && isSymbol(s.codePointAt(next))) {
            symbolStart = next;
        }
        int first = s.codePointAt(symbolStart);
        if (isSymbol(first)) {
            int end = symbolStart + Character.charCount(first);
            while (end < n) {
                int c = s.codePointAt(end);
                if (!isSymbol(c)) {
                    break;
                }
                end += Character.charCount(c);
            }
            while (end < n && (s.charAt(end) == '\r' || s.charAt(end) == '\n')) {
                end++;
            }
            return end;
        }
        // Only whitespace is left (all White_Space characters are in the BMP).
        int runEnd = next;
        int lastNewline = cp == '\r' || cp == '\n' ? i : -1;
        while (runEnd < n && isWhitespace(s.charAt(runEnd))) {
            if (s.charAt(runEnd) == '\r' || s.charAt(runEnd) == '\n') {
                lastNewline = runEnd;
            }
            runEnd++;
        }
        if (lastNewline >= 0) {
            return lastNewline + 1; // \s*[\r\n]+ backtracks to the last line break of the run
        }
        if (runEnd == n || runEnd - i == 1) {
            return runEnd; // \s+(?!\S) at the end of text, or the single-space \s+
        }
        return runEnd - 1; // \s+(?!\S): leave the last space to the following word
    }

    /** ASCII-only, like the pattern's explicit [sS] classes; Unicode case folding would map U+017F to 's'. */
    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static int letterRunEnd(String s, int from) {
        int end = from;
        while (end < s.length()) {
            int c = s.codePointAt(end);
            if (!isLetter(c) || isHan(c)) {
                break;
            }
            end += Character.charCount(c);
        }
        return end;
    }

    /** Extends a Han or number run by at most {@code more} code points. */
    private static int runEnd(String s, int from, int more, boolean han) {
        int end = from;
        for (int taken = 0; taken < more && end < s.length(); taken++) {
            int c = s.codePointAt(end);
            if (han ? !isHan(c) : !isNumber(c)) {
                break;
            }
            end += Character.charCount(c);
        }
        return end;
    }

    private static boolean isLetter(int cp) {
        return Character.isLetter(cp); // exactly \p{L}: Lu, Ll, Lt, Lm, Lo
    }

    private static boolean isHan(int cp) {
        // The Han script starts at U+2E80; the cheap test skips the script lookup for Latin text.
        return cp >= 0x2E80 && Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    private static boolean isNumber(int cp) {
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /** Unicode White_Space, which is what {@code \s} means under {@link Pattern#UNICODE_CHARACTER_CLASS}. */
    private static boolean isWhitespace(int cp) {
        if (cp >= 0x09 && cp <= 0x0D || cp == 0x85) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isSymbol(int cp) {
        return !isWhitespace(cp) && !isLetter(cp) && !isNumber(cp);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CjkPreTokenizer that && that.maxHanRun == maxHanRun;
    }

    @Override
    public int hashCode() {
        return Objects.hash(FAMILY, maxHanRun);
    }

    @Override
    public String toString() {
        return name();
    }
}
