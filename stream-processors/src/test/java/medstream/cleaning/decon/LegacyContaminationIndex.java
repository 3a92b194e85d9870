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
import medstream.cleaning.dedup.Shingles;
import medstream.cleaning.text.Normaliser;
import medstream.cleaning.util.LongIntMap;

/**
 * The contamination index as it was before the performance pass (sorted distinct n-grams, no filter in front of the
 * map), kept as the reference that {@code ContaminationIndexEquivalenceTest} compares the current one with.
 */
final class LegacyContaminationIndex {

    private final DecontaminationConfig config;
    private final LongIntMap grams = new LongIntMap(1 << 16);
    private final List<String> itemIds = new ArrayList<>();
    private final Map<String, Integer> itemIndex = new HashMap<>();
    private final BitSet removed = new BitSet();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /** An empty index with the given n-gram sizes. */
    LegacyContaminationIndex(DecontaminationConfig config) {
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
                if (owner == LongIntMap.ABSENT || removed.get(owner)) {
                    grams.put(h, idx);
                }
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
    public Optional<ContaminationIndex.Overlap> findOverlap(String text, String language) {
        long[] hashes = ngrams(text, "zh".equals(language));
        lock.readLock().lock();
        try {
            if (grams.size() == 0) {
                return Optional.empty();
            }
            Map<Integer, Integer> hits = config.minOverlaps() > 1 ? new HashMap<>() : null;
            for (long h : hashes) {
                int owner = grams.get(h);
                if (owner == LongIntMap.ABSENT || removed.get(owner)) {
                    continue;
                }
                int count = hits == null ? 1 : hits.merge(owner, 1, Integer::sum);
                if (count >= config.minOverlaps()) {
                    return Optional.of(new ContaminationIndex.Overlap(itemIds.get(owner), count));
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

    private long[] ngrams(String text, boolean cjk) {
        int n = cjk ? config.ngramChars() : config.ngramWords();
        long[] hashes = Shingles.of(text, cjk, n);
        // A text shorter than n gives one shorter shingle, which no full-length n-gram of a document can equal;
        // it is dropped so that it cannot match another equally short text.
        return countUnits(text, cjk) < n ? new long[0] : hashes;
    }

    private static int countUnits(String text, boolean cjk) {
        int units = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (cjk) {
                units += letter ? 1 : 0;
            } else {
                if (letter && !inWord) {
                    units++;
                }
                inWord = letter;
            }
        }
        return units;
    }

}
