package medstream.cleaning.decon;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import medstream.cleaning.CleaningConfig.DecontaminationConfig;
import medstream.cleaning.util.LongBloomFilter;
import medstream.cleaning.dedup.Shingles;
import medstream.cleaning.text.Normaliser;
import medstream.cleaning.util.LongIntMap;

/**
 * N-gram index of evaluation items for decontamination: word 13-grams for English items, character 13-grams for
 * Chinese ones. Items are added one at a time (they arrive from a compacted topic) and can be removed (tombstones);
 * a document is contaminated when it shares at least {@code minOverlaps} n-grams with one item.
 *
 * <p>Each n-gram is held once, as a 64-bit hash pointing to the first live item that has it, in an open-addressing
 * map (~13 bytes per n-gram: the four medical benchmarks are well under a million n-grams). A Bloom filter of the
 * same hashes (10 bits per n-gram, small enough to stay in the CPU cache where the map does not) sits in front of the
 * map: nearly every n-gram of a document is in no evaluation item, and the filter answers those without touching the
 * map. Reads (stream threads) and writes (the global-store thread) are guarded by a read-write lock.
 */
public final class ContaminationIndex {

    private final DecontaminationConfig config;
    private static final int INITIAL_NGRAMS = 1 << 16;

    private final LongIntMap grams = new LongIntMap(INITIAL_NGRAMS);
    /** Every key of {@link #grams} (removed items' n-grams stay in both: the map marks them removed). */
    private LongBloomFilter filter = new LongBloomFilter(INITIAL_NGRAMS);
    private final List<String> itemIds = new ArrayList<>();
    private final Map<String, Integer> itemIndex = new HashMap<>();
    private final BitSet removed = new BitSet();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /** An empty index with the given n-gram sizes. */
    public ContaminationIndex(DecontaminationConfig config) {
        this.config = config;
    }

    /**
     * Adds (or re-adds) an evaluation item.
     *
     * @param itemId   the item's stable id
     * @param text     question, context and options, as one text (normalised here)
     * @param language {@code zh} for character n-grams, anything else for word n-grams
     */
    public void add(String itemId, String text, String language) {
        // Documents are normalised before they are checked; items must be too, or a full-width digit would hide
        // an overlap.
        long[] hashes = ngrams(Normaliser.normalise(text), "zh".equals(language));
        lock.writeLock().lock();
        try {
            Integer idx = itemIndex.get(itemId);
            if (idx == null) {
                idx = itemIds.size();
                itemIds.add(itemId);
                itemIndex.put(itemId, idx);
            }
            removed.clear(idx);
            for (long h : hashes) {
                int owner = grams.get(h);
                if (owner == LongIntMap.ABSENT) {
                    grams.put(h, idx);
                    filter.add(h);
                } else if (removed.get(owner)) {
                    grams.put(h, idx);
                }
            }
            if (filter.isFull()) {
                LongBloomFilter bigger = new LongBloomFilter(2L * grams.size());
                grams.forEachKey(bigger::add);
                filter = bigger;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Marks an item as deleted (a tombstone on the compacted topic); its n-grams no longer match. */
    public void remove(String itemId) {
        lock.writeLock().lock();
        try {
            Integer idx = itemIndex.get(itemId);
            if (idx != null) {
                removed.set(idx);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The first evaluation item a text overlaps.
     *
     * @param text     normalised document text
     * @param language the document's language; {@code zh} for character n-grams
     * @return the overlapping item id and the number of shared n-grams, if any
     */
    public Optional<Overlap> findOverlap(String text, String language) {
        long[] hashes = ngrams(text, "zh".equals(language));
        lock.readLock().lock();
        try {
            if (grams.size() == 0) {
                return Optional.empty();
            }
            // The n-grams come in text order with repeats; the answer is defined on the sorted distinct n-grams (the
            // item that owns the lowest matching hash, or the first item to reach minOverlaps in hash order). Only
            // the few matching hashes are sorted, not all of them.
            long[] matches = null;
            int matched = 0;
            for (long h : hashes) {
                if (!filter.mightContain(h)) {
                    continue;
                }
                int owner = grams.get(h);
                if (owner == LongIntMap.ABSENT || removed.get(owner)) {
                    continue;
                }
                if (matches == null) {
                    matches = new long[8];
                } else if (matched == matches.length) {
                    matches = java.util.Arrays.copyOf(matches, matched * 2);
                }
                matches[matched++] = h;
            }
            if (matched == 0) {
                return Optional.empty();
            }
            java.util.Arrays.sort(matches, 0, matched);
            Map<Integer, Integer> hits = config.minOverlaps() > 1 ? new HashMap<>() : null;
            for (int i = 0; i < matched; i++) {
                if (i > 0 && matches[i] == matches[i - 1]) {
                    continue;
                }
                int owner = grams.get(matches[i]);
                int count = hits == null ? 1 : hits.merge(owner, 1, Integer::sum);
                if (count >= config.minOverlaps()) {
                    return Optional.of(new Overlap(itemIds.get(owner), count));
                }
            }
            return Optional.empty();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Number of live items. */
    public int items() {
        lock.readLock().lock();
        try {
            return itemIds.size() - removed.cardinality();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Number of distinct n-grams held. */
    public int ngramCount() {
        lock.readLock().lock();
        try {
            return grams.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The n-gram hashes of a text in text order, repeats included; none for a text shorter than n units. */
    private long[] ngrams(String text, boolean cjk) {
        int n = cjk ? config.ngramChars() : config.ngramWords();
        long[] units = Shingles.units(text, cjk);
        // A text shorter than n gives one shorter shingle, which no full-length n-gram of a document can equal;
        // it is dropped so that it cannot match another equally short text.
        return units.length < n ? new long[0] : Shingles.inTextOrder(units, n);
    }

    /**
     * A document's overlap with an evaluation item.
     *
     * @param itemId       the evaluation item id
     * @param sharedNgrams n-grams found in common (at least {@code minOverlaps})
     */
    public record Overlap(String itemId, int sharedNgrams) {
    }
}
