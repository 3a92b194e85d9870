package medstream.lm.tokenizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Special tokens: strings such as {@code <|eos|>} that the model sees as one id and BPE never learns.
 * They take the ids after the byte and merge tokens, in registration order, so adding more later
 * never moves an existing id. Immutable.
 */
public final class SpecialTokens {

    /** Padding; the loss ignores it. */
    public static final String PAD = "<|pad|>";
    /** Start of a document or sequence. */
    public static final String BOS = "<|bos|>";
    /** End of a document or sequence. */
    public static final String EOS = "<|eos|>";
    /** Separator between parts of one example, e.g. question and answer. */
    public static final String SEP = "<|sep|>";
    /** Chat role marker for the user turn. */
    public static final String USER = "<|user|>";
    /** Chat role marker for the assistant turn. */
    public static final String ASSISTANT = "<|assistant|>";

    /** The tokens every medstream tokenizer has, in id order. */
    public static final List<String> DEFAULTS = List.of(PAD, BOS, EOS, SEP);

    private final int firstId;
    private final Map<String, Integer> ids;
    private final List<String> contents;
    private final Pattern matcher;

    SpecialTokens(int firstId, List<String> contents) {
        this.firstId = firstId;
        this.ids = Collections.unmodifiableMap(idsByContent(firstId, contents));
        this.contents = List.copyOf(contents);
        this.matcher = compile(this.contents);
    }

    /**
     * Checks a list of special tokens before training on it.
     *
     * @throws IllegalArgumentException for a blank token or one listed twice
     */
    static void validate(List<String> contents) {
        idsByContent(0, contents);
    }

    private static Map<String, Integer> idsByContent(int firstId, List<String> contents) {
        Map<String, Integer> byContent = new LinkedHashMap<>();
        for (String content : contents) {
            if (content == null || content.isBlank()) {
                throw new IllegalArgumentException("a special token needs visible text, got '" + content + "'");
            }
            if (byContent.putIfAbsent(content, firstId + byContent.size()) != null) {
                throw new IllegalArgumentException("special token '" + content + "' is registered twice");
            }
        }
        return byContent;
    }

    private static Pattern compile(List<String> contents) {
        if (contents.isEmpty()) {
            return null;
        }
        // Longest first, so "<|user|>" wins over a hypothetical "<|user" where both match.
        List<String> longestFirst = new ArrayList<>(contents);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        StringBuilder alternatives = new StringBuilder();
        for (String content : longestFirst) {
            if (alternatives.length() > 0) {
                alternatives.append('|');
            }
            alternatives.append(Pattern.quote(content));
        }
        return Pattern.compile(alternatives.toString());
    }

    /** Same tokens plus {@code more}, whose ids continue after the last one. */
    SpecialTokens plus(List<String> more) {
        List<String> all = new ArrayList<>(contents);
        all.addAll(more);
        return new SpecialTokens(firstId, all);
    }

    int firstId() {
        return firstId;
    }

    int size() {
        return contents.size();
    }

    /** The token strings in id order. */
    public List<String> contents() {
        return contents;
    }

    /** The id of a special token, or {@code -1}. */
    int idOrMissing(String content) {
        Integer id = ids.get(content);
        return id == null ? -1 : id;
    }

    boolean contains(int id) {
        return id >= firstId && id < firstId + contents.size();
    }

    String content(int id) {
        return contents.get(id - firstId);
    }

    /** A pattern matching any special token, or {@code null} when there is none. */
    Pattern pattern() {
        return matcher;
    }
}
