package medstream.cleaning.util;

import java.util.Arrays;

/**
 * An open-addressing map from {@code long} keys to {@code int} values without boxing: n-gram indexes hold
 * hundreds of thousands of hashes, where a {@code HashMap<Long, ...>} would cost ~60 bytes per entry. Not
 * thread-safe.
 */
public final class LongIntMap {

    /** Returned by {@link #get(long)} for an absent key. */
    public static final int ABSENT = Integer.MIN_VALUE;

    private long[] keys;
    private int[] values;
    private boolean[] used;
    private int size;
    private int mask;

    /** A map sized for about {@code expected} entries. */
    public LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        used = new boolean[capacity];
        mask = capacity - 1;
        size = 0;
    }

    /** Number of keys. */
    public int size() {
        return size;
    }

    /** The value of a key, or {@link #ABSENT}. */
    public int get(long key) {
        int slot = slot(key);
        while (used[slot]) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return ABSENT;
    }

    /**
     * Adds a key unless present.
     *
     * @return {@code true} when the key was added, {@code false} when it was already there (value unchanged)
     */
    public boolean putIfAbsent(long key, int value) {
        int slot = slot(key);
        while (used[slot]) {
            if (keys[slot] == key) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        keys[slot] = key;
        values[slot] = value;
        if (++size * 4 > keys.length * 3) {
            grow();
        }
        return true;
    }

    /** Sets the value of a key, adding it if absent. */
    public void put(long key, int value) {
        int slot = slot(key);
        while (used[slot]) {
            if (keys[slot] == key) {
                values[slot] = value;
                return;
            }
            slot = (slot + 1) & mask;
        }
        putIfAbsent(key, value);
    }

    /** Calls {@code action} with every key, in no particular order. */
    public void forEachKey(java.util.function.LongConsumer action) {
        for (int i = 0; i < keys.length; i++) {
            if (used[i]) {
                action.accept(keys[i]);
            }
        }
    }

    /** Removes all keys, keeping the capacity. */
    public void clear() {
        Arrays.fill(used, false);
        size = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        boolean[] oldUsed = used;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                putIfAbsent(oldKeys[i], oldValues[i]);
            }
        }
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
