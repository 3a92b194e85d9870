package medstream.lm.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code pre_tokenizer} section of a Hugging Face {@code tokenizer.json}, as a list of steps that each cut
 * every piece further: {@code ByteLevel} (GPT-2), {@code Split} with a regex (Llama-3, Qwen2: a Split followed
 * by a ByteLevel without regex), {@code Digits}, and {@code Sequence} of those. One ByteLevel step is required:
 * it turns each piece into the byte characters the vocabulary is written in.
 */
final class PreTokenizers {

    /** GPT-2's split regex (Hugging Face ByteLevel with {@code use_regex: true}). */
    static final String GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    /**
     * Rust's and Oniguruma's {@code \s}, {@code \d}, {@code \w} are Unicode classes, Java's are ASCII unless asked;
     * a no-break space or an ideographic space must split as it does in Python.
     */
    private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS;

    /** One pre-tokenization step: a piece in, its sub-pieces out (appended to {@code out}). */
    interface Step {
        void apply(String piece, List<String> out);
    }

    /** The parsed steps and whether one of them maps to byte characters. */
    record Parsed(List<Step> steps, boolean byteLevel) {
        List<String> split(String text) {
            List<String> pieces = List.of(text);
            for (Step step : steps) {
                List<String> next = new ArrayList<>(pieces.size() * 2);
                for (String piece : pieces) {
                    step.apply(piece, next);
                }
                pieces = next;
            }
            return pieces;
        }
    }

    private PreTokenizers() {
    }

    static Parsed parse(JsonNode node, String source) throws IOException {
        List<Step> steps = new ArrayList<>();
        boolean byteLevel = add(node, steps, source);
        if (!byteLevel) {
            throw new IOException(source + ": the pre_tokenizer has no ByteLevel step, so this is not a byte-level BPE "
                    + "tokenizer (GPT-2, Llama-3, Qwen style); SentencePiece-style tokenizers (Metaspace) are not supported");
        }
        return new Parsed(List.copyOf(steps), true);
    }

    /** Adds the steps of one node; true when a ByteLevel step is among them. */
    private static boolean add(JsonNode node, List<Step> steps, String source) throws IOException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return false;
        }
        String type = node.path("type").asText("");
        switch (type) {
            case "Sequence": {
                boolean byteLevel = false;
                for (JsonNode child : node.path("pretokenizers")) {
                    byteLevel |= add(child, steps, source);
                }
                return byteLevel;
            }
            case "ByteLevel": {
                boolean prefixSpace = node.path("add_prefix_space").asBoolean(false);
                Pattern regex = node.path("use_regex").asBoolean(true) ? Pattern.compile(GPT2_PATTERN, FLAGS) : null;
                steps.add((piece, out) -> {
                    String text = prefixSpace && !piece.startsWith(" ") ? " " + piece : piece;
                    if (regex == null) {
                        out.add(ByteLevel.encode(text));
                        return;
                    }
                    List<String> parts = new ArrayList<>();
                    split(regex, Behavior.ISOLATED, false, text, parts);
                    for (String part : parts) {
                        out.add(ByteLevel.encode(part));
                    }
                });
                return true;
            }
            case "Split": {
                JsonNode pattern = node.path("pattern");
                Pattern regex;
                if (pattern.has("Regex")) {
                    regex = Pattern.compile(pattern.get("Regex").asText(), FLAGS);
                } else if (pattern.has("String")) {
                    regex = Pattern.compile(Pattern.quote(pattern.get("String").asText()));
                } else {
                    throw new IOException(source + ": Split pre-tokenizer without a Regex or String pattern: " + pattern);
                }
                Behavior behavior = Behavior.parse(node.path("behavior").asText("Isolated"), source);
                boolean invert = node.path("invert").asBoolean(false);
                steps.add((piece, out) -> split(regex, behavior, invert, piece, out));
                return false;
            }
            case "Digits": {
                Pattern regex = Pattern.compile(node.path("individual_digits").asBoolean(false) ? "\\p{N}" : "\\p{N}+");
                steps.add((piece, out) -> split(regex, Behavior.ISOLATED, false, piece, out));
                return false;
            }
            default:
                throw new IOException(source + ": pre_tokenizer type '" + type + "' is not supported (supported: ByteLevel, "
                        + "Split, Digits, Sequence); only byte-level BPE tokenizers (GPT-2, Llama-3, Qwen) are read");
        }
    }

    /** Hugging Face's {@code SplitDelimiterBehavior}: what becomes of the matched delimiters. */
    enum Behavior {
        REMOVED, ISOLATED, MERGED_WITH_PREVIOUS, MERGED_WITH_NEXT, CONTIGUOUS;

        static Behavior parse(String name, String source) throws IOException {
            return switch (name) {
                case "Removed" -> REMOVED;
                case "Isolated" -> ISOLATED;
                case "MergedWithPrevious" -> MERGED_WITH_PREVIOUS;
                case "MergedWithNext" -> MERGED_WITH_NEXT;
                case "Contiguous" -> CONTIGUOUS;
                default -> throw new IOException(source + ": unknown Split behavior '" + name + "'");
            };
        }
    }

    /** Cuts {@code text} at the matches of {@code regex} (the non-matches when {@code invert}). */
    static void split(Pattern regex, Behavior behavior, boolean invert, String text, List<String> out) {
        // Segments alternate between delimiters (matches) and the text between them.
        List<int[]> segments = new ArrayList<>(); // {start, end, isDelimiter}
        Matcher m = regex.matcher(text);
        int position = 0;
        while (m.find()) {
            if (m.end() == m.start()) {
                continue; // an empty match cuts nothing
            }
            if (m.start() > position) {
                segments.add(new int[] {position, m.start(), invert ? 1 : 0});
            }
            segments.add(new int[] {m.start(), m.end(), invert ? 0 : 1});
            position = m.end();
        }
        if (position < text.length()) {
            segments.add(new int[] {position, text.length(), invert ? 1 : 0});
        }
        int pendingStart = -1; // start of a delimiter waiting to be merged with the next piece
        int lastOut = -1; // index in out of the last piece this call added, for MergedWithPrevious
        for (int i = 0; i < segments.size(); i++) {
            int[] s = segments.get(i);
            boolean delimiter = s[2] == 1;
            switch (behavior) {
                case REMOVED -> {
                    if (!delimiter) {
                        out.add(text.substring(s[0], s[1]));
                    }
                }
                case ISOLATED -> out.add(text.substring(s[0], s[1]));
                case MERGED_WITH_PREVIOUS -> {
                    if (delimiter && lastOut >= 0) {
                        out.set(lastOut, out.get(lastOut) + text.substring(s[0], s[1]));
                    } else {
                        out.add(text.substring(s[0], s[1]));
                        lastOut = out.size() - 1;
                    }
                }
                case MERGED_WITH_NEXT -> {
                    if (delimiter) {
                        pendingStart = pendingStart < 0 ? s[0] : pendingStart;
                    } else {
                        out.add(text.substring(pendingStart < 0 ? s[0] : pendingStart, s[1]));
                        pendingStart = -1;
                    }
                }
                case CONTIGUOUS -> {
                    boolean previousDelimiter = i > 0 && segments.get(i - 1)[2] == 1;
                    if (delimiter && previousDelimiter && lastOut >= 0) {
                        out.set(lastOut, out.get(lastOut) + text.substring(s[0], s[1]));
                    } else {
                        out.add(text.substring(s[0], s[1]));
                        lastOut = out.size() - 1;
                    }
                }
                default -> throw new IllegalStateException("unhandled behavior " + behavior);
            }
        }
        if (pendingStart >= 0) {
            out.add(text.substring(pendingStart));
        }
    }
}
