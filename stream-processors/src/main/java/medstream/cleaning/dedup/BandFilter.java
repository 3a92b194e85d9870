package medstream.cleaning.dedup;

/**
 * An in-memory Bloom filter of the LSH band keys in the band store (10 bits and 7 probes per key: ~1% false
 * positives). Nearly every band of a new document is unowned; the filter answers "certainly absent" for those in
 * ~100 ns, so the store (a RocksDB call of several microseconds) is only asked about bands that may exist. Without
 * it, 32 store lookups per document made dedup the most expensive step and its cost grew with the corpus. Derived
 * state: rebuilt from the band store on start-up and when it grows past its capacity. Not thread-safe (one per task).
 */
public final class BandFilter {

    private static final int BITS_PER_KEY = 10;
    private static final int PROBES = 7;

    private final long[] bits;
    private final long bitCount;
    private final long capacity;
    private long size;

    /** A filter for about {@code capacity} keys. */
    public BandFilter(long capacity) {
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

    /** Adds a band key. */
    public void add(long key) {
        long h = Hashing.mix(key ^ 0x2545F4914F6CDD1DL);
        long h1 = h >>> 32;
        long h2 = (h & 0xFFFFFFFFL) | 1L;
        for (int i = 0; i < PROBES; i++) {
            long bit = Long.remainderUnsigned(h1 + i * h2, bitCount);
            bits[(int) (bit >>> 6)] |= 1L << bit;
        }
        size++;
    }

    /** {@code false}: the key was certainly never added; {@code true}: it probably was. */
    public boolean mightContain(long key) {
        long h = Hashing.mix(key ^ 0x2545F4914F6CDD1DL);
        long h1 = h >>> 32;
        long h2 = (h & 0xFFFFFFFFL) | 1L;
        for (int i = 0; i < PROBES; i++) {
            long bit = Long.remainderUnsigned(h1 + i * h2, bitCount);
            if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }
}
