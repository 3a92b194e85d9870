package medstream.cleaning.util;

import medstream.cleaning.dedup.Hashing;

/**
 * An in-memory Bloom filter of {@code long} keys (10 bits and 7 probes per key: ~1% false positives), put in front of
 * lookups that usually miss so that a miss costs ~100 ns instead of a store or map probe: the content hashes of the
 * dedup store ({@code DedupProcessor}) and the evaluation n-grams of decontamination ({@code ContaminationIndex}).
 * Derived state: its owner rebuilds it from the source of truth on start-up and when it grows past its capacity.
 * Not thread-safe (one per task).
 */
public final class LongBloomFilter {

    private static final int BITS_PER_KEY = 10;
    private static final int PROBES = 7;

    private final long[] bits;
    private final long bitCount;
    private final long capacity;
    private long size;

    /** A filter for about {@code capacity} keys. */
    public LongBloomFilter(long capacity) {
        this.capacity = Math.max(1024, capacity);
        this.bitCount = this.capacity * BITS_PER_KEY;
        this.bits = new long[(int) ((bitCount + 63) / 64)];
    }

    /** Keys the filter was sized for; past it the false-positive rate climbs. */
    public long capacity() {
        return capacity;
    }

    /** Keys added. */
    public long size() {
        return size;
    }

    /** Whether the filter holds more keys than it was sized for. */
    public boolean isFull() {
        return size > capacity;
    }

    /** Adds a key. */
    public void add(long key) {
        long h = hash(key);
        for (int i = 0; i < PROBES; i++) {
            long bit = probe(h, i);
            bits[(int) (bit >>> 6)] |= 1L << bit;
        }
        size++;
    }

    /** {@code false}: the key was certainly never added; {@code true}: it probably was. */
    public boolean mightContain(long key) {
        long h = hash(key);
        for (int i = 0; i < PROBES; i++) {
            long bit = probe(h, i);
            if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    private static long hash(long key) {
        return Hashing.mix(key ^ 0x2545F4914F6CDD1DL);
    }

    /** The i-th bit of a key (double hashing: the high half plus i times the odd low half). */
    private long probe(long h, int i) {
        return Long.remainderUnsigned((h >>> 32) + i * ((h & 0xFFFFFFFFL) | 1L), bitCount);
    }
}
