package medstream.knowledge.corpus;

import java.util.ArrayList;
import java.util.List;
import medstream.contracts.CleanDocument;
import medstream.contracts.CorpusText;
import medstream.knowledge.Ids;
import medstream.knowledge.TextUnits;

/**
 * Splits a clean document into stage-1 chunks of at most {@code tokenBudget} approximate tokens
 * (words for Latin scripts, characters for CJK). Paragraphs (blank-line separated) are packed whole;
 * a paragraph over the budget is split on sentence boundaries, and a single sentence over the budget
 * is cut by tokens as a last resort. The title, when present, opens the first chunk.
 */
public final class Chunker {
    /** Kind used in derived ids. */
    public static final String KIND = "doc-chunk";

    private final int tokenBudget;

    /** A chunker with this budget per chunk. */
    public Chunker(int tokenBudget) {
        if (tokenBudget < 8) {
            throw new IllegalArgumentException("token budget must be at least 8, got " + tokenBudget);
        }
        this.tokenBudget = tokenBudget;
    }

    /** The budget in approximate tokens. */
    public int tokenBudget() {
        return tokenBudget;
    }

    /** The document's chunks, in order, with ids {@code doc-chunk:<docId>#<index>}. */
    public List<CorpusText> chunk(CleanDocument doc) {
        List<String> units = new ArrayList<>();
        if (doc.getTitle() != null && !doc.getTitle().isBlank()) {
            units.add(doc.getTitle().strip());
        }
        units.addAll(paragraphs(doc.getText()));
        List<String> chunks = pack(units);
        List<CorpusText> out = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            String text = chunks.get(i);
            out.add(CorpusText.newBuilder()
                    .setId(Ids.derived(KIND, doc.getId() + "#" + i))
                    .setText(text)
                    .setLanguage(doc.getLanguage())
                    .setSourceKind("DOCUMENT")
                    .setSource(doc.getSource())
                    .setOriginIds(List.of(doc.getId()))
                    .setApproxTokens(TextUnits.approxTokens(text))
                    .build());
        }
        return out;
    }

    /** Packs the text into chunks; exposed for tests of the splitting rules. */
    public List<String> chunkText(String text) {
        return pack(paragraphs(text));
    }

    private List<String> pack(List<String> paragraphs) {
        List<String> pieces = new ArrayList<>();
        for (String p : paragraphs) {
            if (TextUnits.approxTokens(p) <= tokenBudget) {
                pieces.add(p);
            } else {
                pieces.addAll(splitLong(p));
            }
        }
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int currentTokens = 0;
        String separator = "\n\n";
        for (String piece : pieces) {
            int t = TextUnits.approxTokens(piece);
            if (currentTokens > 0 && currentTokens + t > tokenBudget) {
                chunks.add(current.toString());
                current.setLength(0);
                currentTokens = 0;
            }
            if (currentTokens > 0) {
                current.append(separator);
            }
            current.append(piece);
            currentTokens += t;
        }
        if (currentTokens > 0 || current.length() > 0) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    /** A paragraph over budget: its sentences, packed into pieces within budget, joined as in the text. */
    private List<String> splitLong(String paragraph) {
        boolean cjk = TextUnits.looksCjk(paragraph);
        String join = cjk ? "" : " ";
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int currentTokens = 0;
        for (String sentence : TextUnits.sentences(paragraph)) {
            List<String> parts = TextUnits.approxTokens(sentence) <= tokenBudget ? List.of(sentence) : cutByTokens(sentence);
            for (String part : parts) {
                int t = TextUnits.approxTokens(part);
                if (currentTokens > 0 && currentTokens + t > tokenBudget) {
                    pieces.add(current.toString());
                    current.setLength(0);
                    currentTokens = 0;
                }
                if (currentTokens > 0) {
                    current.append(join);
                }
                current.append(part);
                currentTokens += t;
            }
        }
        if (current.length() > 0) {
            pieces.add(current.toString());
        }
        return pieces;
    }

    /** Last resort for a sentence longer than the budget: cut after every {@code tokenBudget} tokens. */
    private List<String> cutByTokens(String sentence) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int tokens = 0;
        boolean inWord = false;
        for (int i = 0; i < sentence.length(); ) {
            int cp = sentence.codePointAt(i);
            boolean cjk = TextUnits.isCjk(cp);
            boolean startsToken = cjk || (Character.isLetterOrDigit(cp) && !inWord);
            if (startsToken && tokens == tokenBudget) {
                parts.add(sentence.substring(start, i).strip());
                start = i;
                tokens = 0;
            }
            if (startsToken) {
                tokens++;
            }
            inWord = !cjk && Character.isLetterOrDigit(cp);
            i += Character.charCount(cp);
        }
        String tail = sentence.substring(start).strip();
        if (!tail.isEmpty()) {
            parts.add(tail);
        }
        return parts;
    }

    private static List<String> paragraphs(String text) {
        List<String> out = new ArrayList<>();
        for (String p : text.split("\\n\\s*\\n")) {
            String s = p.strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
