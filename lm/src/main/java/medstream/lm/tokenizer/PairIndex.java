package medstream.lm.tokenizer;

import java.util.Arrays;

/**
 * Open-addressing map from a token pair {@code (left, right)} to an int, without boxing. Encoding looks
 * up a merge rank for every adjacent pair and training touches millions of pairs, so a
 * {@code HashMap<Long, Integer>} would spend most of its time allocating.
 *
 * <p>Not thread-safe while written; safe to read from many threads once filled and published.
 */
final class PairIndex {

    private static final long EMPTY = -1L;

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    PairIndex(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedSize * 2 - 1)) << 1;
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new int[capacity];
        mask = capacity - 1;
    }

    static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    static int left(long key) {
        return (int) (key >>> 32);
    }

    static int right(long key) {
        return (int) key;
    }

    int size() {
        return size;
    }

    /** The value for the pair, or {@code missing} when absent. */
    int get(int left, int right, int missing) {
        long key = key(left, right);
        int slot = slot(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return values[slot];
            }
            if (k == EMPTY) {
                return missing;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Stores the value; returns the previous one or {@code missing}. */
    int put(int left, int right, int value, int missing) {
        long key = key(left, right);
        int slot = slot(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                int previous = values[slot];
                values[slot] = value;
                return previous;
            }
            if (k == EMPTY) {
                keys[slot] = key;
                values[slot] = value;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return missing;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int slot(long key) {
        // Murmur3 finalizer: ids are small and dense, so the raw key would cluster badly.
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new int[oldValues.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(left(oldKeys[i]), right(oldKeys[i]), oldValues[i], 0);
            }
        }
    }
}
