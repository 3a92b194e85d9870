package medstream.lm.tokenizer;

import java.util.Arrays;

/**
 * The learned merges of a byte-level BPE and how to apply them to one pre-token.
 *
 * <p>Ids {@code 0..255} are the bytes; merge {@code r} (its rank) creates id {@code 256 + r} from two
 * existing ids. Applying merges lowest rank first, each rank to all its occurrences left to right,
 * reproduces exactly how the trainer segmented its words. Immutable and thread-safe.
 */
final class MergeTable {

    /** Every byte value is a base token, so no input is ever unknown. */
    static final int BYTE_TOKENS = 256;

    /** Above this many bytes a pre-token is merged with a heap instead of repeated scans (O(n log n) vs O(n^2)). */
    private static final int LINEAR_SCAN_LIMIT = 64;

    private static final int NO_RANK = Integer.MAX_VALUE;

    private final int[] lefts;
    private final int[] rights;
    private final PairIndex ranks;
    private final byte[][] tokenBytes;

    MergeTable(int[] lefts, int[] rights) {
        if (lefts.length != rights.length) {
            throw new IllegalArgumentException("merge sides differ in length: " + lefts.length + " vs " + rights.length);
        }
        this.lefts = lefts.clone();
        this.rights = rights.clone();
        this.ranks = new PairIndex(lefts.length);
        this.tokenBytes = new byte[BYTE_TOKENS + lefts.length][];
        for (int b = 0; b < BYTE_TOKENS; b++) {
            tokenBytes[b] = new byte[] {(byte) b};
        }
        for (int rank = 0; rank < lefts.length; rank++) {
            int id = BYTE_TOKENS + rank;
            int left = lefts[rank];
            int right = rights[rank];
            if (left < 0 || left >= id || right < 0 || right >= id) {
                throw new IllegalArgumentException("merge " + rank + " = [" + left + ", " + right
                        + "] refers to an id that does not exist yet (must be < " + id + ")");
            }
            if (ranks.put(left, right, rank, -1) != -1) {
                throw new IllegalArgumentException("merge " + rank + " = [" + left + ", " + right + "] appears twice");
            }
            tokenBytes[id] = concat(tokenBytes[left], tokenBytes[right]);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    int mergeCount() {
        return lefts.length;
    }

    /** Number of byte and merge tokens, i.e. the first id free for special tokens. */
    int tokenCount() {
        return tokenBytes.length;
    }

    int left(int rank) {
        return lefts[rank];
    }

    int right(int rank) {
        return rights[rank];
    }

    /** The bytes of a byte or merge token; the caller must not modify them. */
    byte[] bytes(int id) {
        return tokenBytes[id];
    }

    /** Token ids of one pre-token's UTF-8 bytes. */
    int[] encode(byte[] utf8) {
        int[] ids = new int[utf8.length];
        for (int i = 0; i < utf8.length; i++) {
            ids[i] = utf8[i] & 0xFF;
        }
        if (ids.length < 2 || lefts.length == 0) {
            return ids;
        }
        return ids.length <= LINEAR_SCAN_LIMIT ? mergeByScan(ids) : mergeByHeap(ids);
    }

    private int rank(int left, int right) {
        return ranks.get(left, right, NO_RANK);
    }

    /** Finds the lowest-ranked adjacent pair and merges all its occurrences, until no pair has a rank. */
    int[] mergeByScan(int[] ids) {
        int length = ids.length;
        while (length > 1) {
            int best = NO_RANK;
            for (int i = 0; i + 1 < length; i++) {
                int r = rank(ids[i], ids[i + 1]);
                if (r < best) {
                    best = r;
                }
            }
            if (best == NO_RANK) {
                break;
            }
            int left = lefts[best];
            int right = rights[best];
            int merged = BYTE_TOKENS + best;
            int out = 0;
            for (int i = 0; i < length; i++) {
                if (i + 1 < length && ids[i] == left && ids[i + 1] == right) {
                    ids[out++] = merged;
                    i++;
                } else {
                    ids[out++] = ids[i];
                }
            }
            length = out;
        }
        return length == ids.length ? ids : Arrays.copyOf(ids, length);
    }

    /**
     * Same result as {@link #mergeByScan} for long pre-tokens (runs of spaces or symbols). Candidates are
     * ordered by (rank, position), so each rank is applied left to right as in training; a candidate is
     * stale when its position was absorbed or its pair changed, which re-reading the rank detects
     * because a rank names exactly one pair.
     */
    int[] mergeByHeap(int[] ids) {
        int n = ids.length;
        int[] next = new int[n];
        int[] prev = new int[n];
        for (int i = 0; i < n; i++) {
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
        }
        boolean[] removed = new boolean[n];
        LongHeap heap = new LongHeap(n);
        for (int i = 0; i + 1 < n; i++) {
            pushCandidate(heap, ids, i, i + 1);
        }
        int remaining = n;
        while (!heap.isEmpty()) {
            long top = heap.poll();
            int rank = (int) (top >>> 32);
            int pos = (int) top;
            int after = next[pos];
            if (removed[pos] || after < 0 || rank(ids[pos], ids[after]) != rank) {
                continue;
            }
            ids[pos] = BYTE_TOKENS + rank;
            removed[after] = true;
            remaining--;
            int afterAfter = next[after];
            next[pos] = afterAfter;
            if (afterAfter >= 0) {
                prev[afterAfter] = pos;
                pushCandidate(heap, ids, pos, afterAfter);
            }
            if (prev[pos] >= 0) {
                pushCandidate(heap, ids, prev[pos], pos);
            }
        }
        int[] result = new int[remaining];
        int out = 0;
        for (int i = 0; i >= 0; i = next[i]) {
            result[out++] = ids[i];
        }
        return result;
    }

    private void pushCandidate(LongHeap heap, int[] ids, int pos, int after) {
        int r = rank(ids[pos], ids[after]);
        if (r != NO_RANK) {
            heap.add(((long) r << 32) | pos);
        }
    }

    /** Minimal binary min-heap of longs; a {@code PriorityQueue<Long>} would box every candidate. */
    private static final class LongHeap {
        private long[] items;
        private int size;

        LongHeap(int capacity) {
            items = new long[Math.max(4, capacity)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void add(long value) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (items[parent] <= value) {
                    break;
                }
                items[i] = items[parent];
                i = parent;
            }
            items[i] = value;
        }

        long poll() {
            long top = items[0];
            long last = items[--size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && items[child + 1] < items[child]) {
                    child++;
                }
                if (items[child] >= last) {
                    break;
                }
                items[i] = items[child];
                i = child;
            }
            items[i] = last;
            return top;
        }
    }
}
