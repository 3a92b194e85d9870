package medstream.lm.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code model} section of a Hugging Face {@code tokenizer.json} of type {@code BPE}: a vocabulary of
 * byte-character strings and ranked merges. A piece (already in byte characters) starts as one symbol per
 * character; the adjacent pair with the lowest merge rank is merged (leftmost first on ties) until no pair has
 * a merge, as in Hugging Face's {@code BPE::merge_word}. With {@code ignore_merges} (Llama-3) a piece that is
 * itself in the vocabulary is taken whole.
 */
final class BpeModel {

    /** Pieces cached before the cache is emptied; like BpeTokenizer's cache. */
    private static final int CACHE_CAPACITY = 1 << 16;

    /** Pieces with more symbols are merged with a heap rather than by scanning. */
    static final int SCAN_LIMIT = 32;

    /** Longer pieces are rare and would crowd the cache. */
    private static final int CACHEABLE_LENGTH = 48;

    private final Map<String, Integer> vocab;
    /** (left id << 32 | right id) -> {rank, merged id}. */
    private final Map<Long, int[]> merges;
    private final boolean ignoreMerges;
    private final int unkId;
    private final boolean fuseUnk;
    private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

    private BpeModel(Map<String, Integer> vocab, Map<Long, int[]> merges, boolean ignoreMerges, int unkId,
            boolean fuseUnk) {
        this.vocab = vocab;
        this.merges = merges;
        this.ignoreMerges = ignoreMerges;
        this.unkId = unkId;
        this.fuseUnk = fuseUnk;
    }

    static BpeModel parse(JsonNode model, String source) throws IOException {
        String type = model.path("type").asText("BPE");
        if (!type.equals("BPE")) {
            throw new IOException(source + ": model type '" + type + "' is not supported; only BPE (byte-level) is read");
        }
        for (String field : new String[] {"continuing_subword_prefix", "end_of_word_suffix"}) {
            String value = model.path(field).asText("");
            if (!value.isEmpty()) {
                throw new IOException(source + ": model." + field + " is '" + value + "'; byte-level BPE has none, "
                        + "this looks like a word-piece style BPE which is not supported");
            }
        }
        if (model.path("byte_fallback").asBoolean(false)) {
            throw new IOException(source + ": model.byte_fallback is true (a SentencePiece-style BPE with <0xNN> tokens); "
                    + "only byte-level BPE (GPT-2, Llama-3, Qwen style) is supported");
        }
        Map<String, Integer> vocab = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = model.path("vocab").fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> e = entries.next();
            vocab.put(e.getKey(), e.getValue().asInt());
        }
        if (vocab.isEmpty()) {
            throw new IOException(source + ": model.vocab is empty or missing");
        }
        Map<Long, int[]> merges = new HashMap<>();
        int rank = 0;
        for (JsonNode merge : model.path("merges")) {
            String left;
            String right;
            if (merge.isArray() && merge.size() == 2) {
                left = merge.get(0).asText();
                right = merge.get(1).asText();
            } else if (merge.isTextual()) {
                // The older form "a b": byte-level tokens never hold a real space (it is written as Ġ).
                String[] parts = merge.asText().split(" ", -1);
                if (parts.length != 2) {
                    throw new IOException(source + ": merge " + rank + " '" + merge.asText()
                            + "' is not two tokens separated by one space");
                }
                left = parts[0];
                right = parts[1];
            } else {
                throw new IOException(source + ": merge " + rank + " is " + merge + "; expected \"a b\" or [\"a\", \"b\"]");
            }
            Integer leftId = vocab.get(left);
            Integer rightId = vocab.get(right);
            Integer mergedId = vocab.get(left + right);
            if (leftId == null || rightId == null || mergedId == null) {
                throw new IOException(source + ": merge " + rank + " (" + left + ", " + right + ") names a token that is not "
                        + "in model.vocab (" + (leftId == null ? left : rightId == null ? right : left + right) + ")");
            }
            merges.putIfAbsent(key(leftId, rightId), new int[] {rank, mergedId});
            rank++;
        }
        String unk = model.path("unk_token").asText(null);
        int unkId = -1;
        if (unk != null) {
            Integer id = vocab.get(unk);
            if (id == null) {
                throw new IOException(source + ": model.unk_token '" + unk + "' is not in model.vocab");
            }
            unkId = id;
        }
        return new BpeModel(Map.copyOf(vocab), Map.copyOf(merges), model.path("ignore_merges").asBoolean(false), unkId,
                model.path("fuse_unk").asBoolean(false));
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    /** The vocabulary: token string -> id. */
    Map<String, Integer> vocab() {
        return vocab;
    }

    /** Ids of one piece written in byte characters. */
    int[] encode(String piece) {
        if (piece.length() > CACHEABLE_LENGTH) {
            return merge(piece);
        }
        int[] cached = cache.get(piece);
        if (cached == null) {
            cached = merge(piece);
            if (cache.size() >= CACHE_CAPACITY) {
                cache.clear();
            }
            cache.put(piece, cached);
        }
        return cached;
    }

    private int[] merge(String piece) {
        if (ignoreMerges) {
            Integer whole = vocab.get(piece);
            if (whole != null) {
                return new int[] {whole};
            }
        }
        int n = 0;
        int[] symbols = new int[piece.length()];
        for (int i = 0; i < piece.length(); i++) {
            Integer id = vocab.get(String.valueOf(piece.charAt(i)));
            if (id == null) {
                if (unkId < 0) {
                    throw new IllegalArgumentException("byte character '" + piece.charAt(i) + "' (U+"
                            + Integer.toHexString(piece.charAt(i)).toUpperCase(java.util.Locale.ROOT)
                            + ") has no token in the tokenizer's vocab and it has no unk_token; a byte-level vocab "
                            + "should hold all 256 byte characters");
                }
                if (fuseUnk && n > 0 && symbols[n - 1] == unkId) {
                    continue;
                }
                id = unkId;
            }
            symbols[n++] = id;
        }
        return n <= SCAN_LIMIT ? mergeByScan(symbols, n) : mergeByHeap(symbols, n);
    }

    /** Short pieces: find the lowest-ranked pair by scanning, merge it, repeat (O(n^2), cheap for small n). */
    private int[] mergeByScan(int[] symbols, int length) {
        int n = length;
        while (n > 1) {
            int bestRank = Integer.MAX_VALUE;
            int bestAt = -1;
            int bestId = -1;
            for (int i = 0; i + 1 < n; i++) {
                int[] m = merges.get(key(symbols[i], symbols[i + 1]));
                if (m != null && m[0] < bestRank) {
                    bestRank = m[0];
                    bestAt = i;
                    bestId = m[1];
                }
            }
            if (bestAt < 0) {
                break;
            }
            symbols[bestAt] = bestId;
            System.arraycopy(symbols, bestAt + 2, symbols, bestAt + 1, n - bestAt - 2);
            n--;
        }
        return java.util.Arrays.copyOf(symbols, n);
    }

    /**
     * Long pieces (a Chinese run without spaces is one piece of 3 bytes per character): the same merges in the
     * same order, from a heap of candidate pairs ordered by (rank, position) over a linked list of symbols, as
     * Hugging Face's {@code Word::merge_all} does; O(n log n).
     */
    private int[] mergeByHeap(int[] symbols, int n) {
        int[] next = new int[n];
        int[] prev = new int[n];
        for (int i = 0; i < n; i++) {
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
        }
        java.util.PriorityQueue<Long> heap = new java.util.PriorityQueue<>();
        for (int i = 0; i + 1 < n; i++) {
            offer(heap, symbols, i, i + 1);
        }
        boolean[] removed = new boolean[n];
        while (!heap.isEmpty()) {
            long entry = heap.poll();
            int rank = (int) (entry >>> 32);
            int at = (int) entry;
            int right = removed[at] ? -1 : next[at];
            if (right < 0) {
                continue;
            }
            int[] m = merges.get(key(symbols[at], symbols[right]));
            if (m == null || m[0] != rank) {
                continue; // stale: one side was merged into something else since this pair was queued
            }
            symbols[at] = m[1];
            removed[right] = true;
            next[at] = next[right];
            if (next[right] >= 0) {
                prev[next[right]] = at;
            }
            if (prev[at] >= 0) {
                offer(heap, symbols, prev[at], at);
            }
            if (next[at] >= 0) {
                offer(heap, symbols, at, next[at]);
            }
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i >= 0; i = next[i]) {
            out[k++] = symbols[i];
        }
        return java.util.Arrays.copyOf(out, k);
    }

    private void offer(java.util.PriorityQueue<Long> heap, int[] symbols, int left, int right) {
        int[] m = merges.get(key(symbols[left], symbols[right]));
        if (m != null) {
            heap.offer(((long) m[0] << 32) | left);
        }
    }
}
