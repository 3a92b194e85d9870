package medstream.lm.tokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * Byte-level BPE tokenizer for English and Chinese medical text, trained by {@link BpeTrainer}.
 *
 * <p>Ids: {@code 0..255} are the bytes (nothing is ever unknown), then one id per learned merge, then
 * the special tokens ({@link SpecialTokens}). Text is cut by a {@link PreTokenizer}, each pre-token's
 * UTF-8 bytes are merged by rank, and {@link #decode} joins the bytes back, so
 * {@code decode(encode(s)).equals(s)} for every well-formed string.
 *
 * <p>Thread-safe: the only mutable state is a bounded cache of frequent pre-tokens, a
 * {@link ConcurrentHashMap}, so many labeler threads can share one instance. Files are read and
 * written with {@link #load} and {@link #save}; the format is described in the package documentation.
 */
public final class BpeTokenizer implements TextTokenizer {

    /** Pre-tokens cached before the cache is emptied; medical text has far fewer frequent words. */
    static final int CACHE_CAPACITY = 1 << 17;

    /** Longer pre-tokens are rare (runs of symbols or spaces) and would only crowd the cache. */
    private static final int CACHEABLE_LENGTH = 48;

    private final PreTokenizer preTokenizer;
    private final MergeTable merges;
    private final SpecialTokens specials;
    private final Map<String, String> metadata;
    private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

    BpeTokenizer(PreTokenizer preTokenizer, MergeTable merges, List<String> specialTokens, Map<String, String> metadata) {
        this.preTokenizer = preTokenizer;
        this.merges = merges;
        this.specials = new SpecialTokens(merges.tokenCount(), specialTokens);
        this.metadata = Map.copyOf(metadata);
    }

    /** Reads a tokenizer written by {@link #save}. */
    public static BpeTokenizer load(Path file) throws IOException {
        return TokenizerFile.read(file);
    }

    /** Writes this tokenizer as one JSON file ({@code tokenizer.json}), replacing the file if it exists. */
    public void save(Path file) throws IOException {
        TokenizerFile.write(this, file);
    }

    /**
     * Same merges with more special tokens (e.g. {@link SpecialTokens#USER}); existing ids do not move, the
     * new ones follow the last special token, so {@link #vocabSize()} grows by {@code more.length}.
     */
    public BpeTokenizer withSpecialTokens(String... more) {
        SpecialTokens all = specials.plus(List.of(more));
        return new BpeTokenizer(preTokenizer, merges, all.contents(), metadata);
    }

    /** Encodes text, treating special-token strings in it as ordinary text (safe for untrusted input). */
    public int[] encode(String text) {
        return encode(text, false);
    }

    /**
     * Encodes text.
     *
     * @param allowSpecial when true, every occurrence of a special token's string (e.g. {@code <|eos|>})
     *     becomes that token's id; when false it is encoded as ordinary bytes, so text from documents
     *     cannot inject control tokens
     */
    public int[] encode(String text, boolean allowSpecial) {
        IntBuffer out = new IntBuffer(Math.min(1 << 16, text.length() / 2 + 8));
        if (!allowSpecial || specials.pattern() == null) {
            encodeOrdinary(text, out);
            return out.toArray();
        }
        Matcher matcher = specials.pattern().matcher(text);
        int position = 0;
        while (matcher.find()) {
            encodeOrdinary(text.substring(position, matcher.start()), out);
            out.add(specials.idOrMissing(matcher.group()));
            position = matcher.end();
        }
        encodeOrdinary(text.substring(position), out);
        return out.toArray();
    }

    /** Number of tokens {@link #encode(String)} would return. */
    public int tokenCount(String text) {
        int count = 0;
        for (String piece : preTokenizer.split(text)) {
            count += encodePiece(piece).length;
        }
        return count;
    }

    /** Decodes ids, special tokens included as their text. */
    public String decode(int[] ids) {
        return decode(ids, false);
    }

    /**
     * Decodes ids back to text. Bytes that do not form valid UTF-8 (e.g. a sequence cut in the middle
     * of a character, as a generation step may leave it) become U+FFFD instead of failing.
     *
     * @param skipSpecial leave special tokens out of the text
     * @throws IllegalArgumentException for an id outside {@code 0..vocabSize()-1}
     */
    public String decode(int[] ids, boolean skipSpecial) {
        ByteBuffer bytes = new ByteBuffer(ids.length * 4);
        for (int id : ids) {
            if (id >= 0 && id < merges.tokenCount()) {
                bytes.add(merges.bytes(id));
            } else if (specials.contains(id)) {
                if (!skipSpecial) {
                    bytes.add(specials.content(id).getBytes(StandardCharsets.UTF_8));
                }
            } else {
                throw new IllegalArgumentException("token id " + id + " is outside this tokenizer's vocabulary 0.."
                        + (vocabSize() - 1) + "; was it produced by a model with a different tokenizer.json?");
            }
        }
        // new String(..., UTF_8) replaces malformed input with U+FFFD; it never throws.
        return new String(bytes.array(), 0, bytes.size(), StandardCharsets.UTF_8);
    }

    /**
     * A decoder for tokens that arrive one at a time (generation), which holds back a character split
     * across tokens instead of printing U+FFFD.
     *
     * @param skipSpecial leave special tokens out of the text
     */
    public StreamingDecoder streamingDecoder(boolean skipSpecial) {
        return new StreamingDecoder(this, skipSpecial);
    }

    /** Number of ids: bytes, merges and special tokens. */
    public int vocabSize() {
        return merges.tokenCount() + specials.size();
    }

    /**
     * The id of a special token.
     *
     * @throws IllegalArgumentException when {@code special} is not registered
     */
    public int id(String special) {
        int id = specials.idOrMissing(special);
        if (id < 0) {
            throw new IllegalArgumentException("'" + special + "' is not a special token of this tokenizer; it has "
                    + specials.contents() + " (add more with withSpecialTokens or BpeTrainer.withSpecialTokens)");
        }
        return id;
    }

    /** Id of {@link SpecialTokens#PAD}. */
    public int padId() {
        return id(SpecialTokens.PAD);
    }

    /** Id of {@link SpecialTokens#BOS}. */
    public int bosId() {
        return id(SpecialTokens.BOS);
    }

    /** Id of {@link SpecialTokens#EOS}. */
    public int eosId() {
        return id(SpecialTokens.EOS);
    }

    /** Id of {@link SpecialTokens#SEP}. */
    public int sepId() {
        return id(SpecialTokens.SEP);
    }

    /** Whether the id is a special token rather than bytes. */
    public boolean isSpecial(int id) {
        return specials.contains(id);
    }

    /** The special token strings in id order. */
    public List<String> specialTokens() {
        return specials.contents();
    }

    /**
     * The raw bytes of one token (a copy), e.g. for streaming generation that must hold back an
     * incomplete UTF-8 character until the next token arrives. Special tokens give their UTF-8 text.
     */
    public byte[] tokenBytes(int id) {
        if (specials.contains(id)) {
            return specials.content(id).getBytes(StandardCharsets.UTF_8);
        }
        if (id < 0 || id >= merges.tokenCount()) {
            throw new IllegalArgumentException("token id " + id + " is outside 0.." + (vocabSize() - 1));
        }
        return merges.bytes(id).clone();
    }

    /** Number of learned merges. */
    public int mergeCount() {
        return merges.mergeCount();
    }

    /** The pre-tokenizer this tokenizer was trained with. */
    public PreTokenizer preTokenizer() {
        return preTokenizer;
    }

    /** What produced this tokenizer (trainer settings, corpus size); stored in the file. */
    public Map<String, String> metadata() {
        return metadata;
    }

    MergeTable merges() {
        return merges;
    }

    private void encodeOrdinary(String text, IntBuffer out) {
        if (text.isEmpty()) {
            return;
        }
        for (String piece : preTokenizer.split(text)) {
            out.add(encodePiece(piece));
        }
    }

    /** Ids of one pre-token; the array may be shared through the cache and must not be modified. */
    private int[] encodePiece(String piece) {
        if (piece.length() > CACHEABLE_LENGTH) {
            return merges.encode(piece.getBytes(StandardCharsets.UTF_8));
        }
        int[] cached = cache.get(piece);
        if (cached != null) {
            return cached;
        }
        int[] ids = merges.encode(piece.getBytes(StandardCharsets.UTF_8));
        if (cache.size() >= CACHE_CAPACITY) {
            // Crude but safe bound: frequent pre-tokens are back in the cache within a few documents.
            cache.clear();
        }
        cache.put(piece, ids);
        return ids;
    }

    /** Growable int array for encoder output. */
    private static final class IntBuffer {
        private int[] items;
        private int size;

        IntBuffer(int capacity) {
            items = new int[capacity];
        }

        void add(int value) {
            ensure(1);
            items[size++] = value;
        }

        void add(int[] values) {
            ensure(values.length);
            System.arraycopy(values, 0, items, size, values.length);
            size += values.length;
        }

        private void ensure(int more) {
            if (size + more > items.length) {
                items = Arrays.copyOf(items, Math.max(items.length * 2, size + more));
            }
        }

        int[] toArray() {
            return Arrays.copyOf(items, size);
        }
    }

    /** Growable byte array for decoder output. */
    private static final class ByteBuffer {
        private byte[] items;
        private int size;

        ByteBuffer(int capacity) {
            items = new byte[Math.max(16, capacity)];
        }

        void add(byte[] values) {
            if (size + values.length > items.length) {
                items = Arrays.copyOf(items, Math.max(items.length * 2, size + values.length));
            }
            System.arraycopy(values, 0, items, size, values.length);
            size += values.length;
        }

        byte[] array() {
            return items;
        }

        int size() {
            return size;
        }
    }
}
