package medstream.lm.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code added_tokens} of a Hugging Face {@code tokenizer.json}: strings cut out of the text before
 * normalisation and BPE and given their own id (control tokens such as {@code <|endoftext|>} are
 * {@code special}). At each position the longest token that starts there wins, leftmost first, as in Hugging
 * Face's leftmost-longest matcher. {@code lstrip} / {@code rstrip} take the whitespace next to the match with
 * it, {@code single_word} only matches outside words. Matching is on the text as given; {@code normalized: true}
 * tokens are therefore matched before the normaliser rather than after (the same for ASCII control tokens).
 */
final class AddedTokens {

    /** One added token. */
    record Token(int id, String content, boolean special, boolean lstrip, boolean rstrip, boolean singleWord) { }

    /** A stretch of text to tokenize normally ({@code id < 0}) or one added token. */
    record Segment(String text, int id) { }

    private final Map<Integer, Token> byId = new HashMap<>();
    private final Map<String, Token> byContent = new HashMap<>();
    /** First character -> tokens starting with it, longest first. */
    private final Map<Character, List<Token>> byFirstChar = new HashMap<>();

    AddedTokens(List<Token> tokens) {
        for (Token t : tokens) {
            byId.put(t.id(), t);
            byContent.put(t.content(), t);
            byFirstChar.computeIfAbsent(t.content().charAt(0), c -> new ArrayList<>()).add(t);
        }
        byFirstChar.values().forEach(l -> l.sort(Comparator.comparingInt((Token t) -> t.content().length()).reversed()));
    }

    static AddedTokens parse(JsonNode node, String source) throws IOException {
        List<Token> tokens = new ArrayList<>();
        for (JsonNode t : node) {
            String content = t.path("content").asText("");
            if (content.isEmpty() || !t.path("id").isInt()) {
                throw new IOException(source + ": added token " + t + " needs an integer id and a non-empty content");
            }
            tokens.add(new Token(t.get("id").asInt(), content, t.path("special").asBoolean(false),
                    t.path("lstrip").asBoolean(false), t.path("rstrip").asBoolean(false),
                    t.path("single_word").asBoolean(false)));
        }
        return new AddedTokens(tokens);
    }

    Token byId(int id) {
        return byId.get(id);
    }

    Token byContent(String content) {
        return byContent.get(content);
    }

    Iterable<Token> all() {
        return byId.values();
    }

    /**
     * Cuts the text into ordinary stretches and added tokens.
     *
     * @param withSpecial whether special tokens are matched; non-special added tokens always are (they are
     *     ordinary vocabulary that the model learned as a whole)
     */
    List<Segment> split(String text, boolean withSpecial) {
        List<Segment> out = new ArrayList<>();
        if (byId.isEmpty()) {
            out.add(new Segment(text, -1));
            return out;
        }
        int plainStart = 0;
        int i = 0;
        while (i < text.length()) {
            Token match = matchAt(text, i, withSpecial);
            if (match == null) {
                i++;
                continue;
            }
            int start = i;
            int end = i + match.content().length();
            if (match.lstrip()) {
                while (start > plainStart && Character.isWhitespace(text.charAt(start - 1))) {
                    start--;
                }
            }
            if (match.rstrip()) {
                while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
            }
            if (start > plainStart) {
                out.add(new Segment(text.substring(plainStart, start), -1));
            }
            out.add(new Segment(match.content(), match.id()));
            plainStart = end;
            i = end;
        }
        if (plainStart < text.length()) {
            out.add(new Segment(text.substring(plainStart), -1));
        }
        return out;
    }

    private Token matchAt(String text, int i, boolean withSpecial) {
        List<Token> candidates = byFirstChar.get(text.charAt(i));
        if (candidates == null) {
            return null;
        }
        for (Token t : candidates) {
            if ((withSpecial || !t.special()) && text.startsWith(t.content(), i)
                    && (!t.singleWord() || isWordBoundary(text, i, i + t.content().length()))) {
                return t;
            }
        }
        return null;
    }

    private static boolean isWordBoundary(String text, int start, int end) {
        boolean before = start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1));
        boolean after = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
        return before && after;
    }
}
