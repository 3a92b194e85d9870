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
 */
public final class CjkPreTokenizer implements PreTokenizer {

    /** The family name; the full name adds the Han run length, e.g. {@code medstream-cjk-v1:han2}. */
    public static final String FAMILY = "medstream-cjk-v1";

    /** Han run length of {@link #standard()}: two keeps most two-character terms whole, measured on shared data. */
    public static final int DEFAULT_MAX_HAN_RUN = 2;

    private static final CjkPreTokenizer STANDARD = new CjkPreTokenizer(DEFAULT_MAX_HAN_RUN);

    private final int maxHanRun;
    private final Pattern pattern;

    private CjkPreTokenizer(int maxHanRun) {
        this.maxHanRun = maxHanRun;
        this.pattern = Pattern.compile(
                "(?i:'s|'t|'re|'ve|'m|'ll|'d)"
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
        Matcher matcher = pattern.matcher(text);
        int position = 0;
        while (matcher.find()) {
            // Every code point matches some alternative, so gaps cannot happen; keeping them anyway
            // guarantees that split() concatenates back to the input whatever the pattern becomes.
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
