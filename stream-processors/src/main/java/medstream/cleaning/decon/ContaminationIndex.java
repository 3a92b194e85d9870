package medstream.cleaning.decon;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import medstream.cleaning.CleaningConfig.DecontaminationConfig;
import medstream.cleaning.util.LongBloomFilter;
import medstream.cleaning.dedup.Shingles;
import medstream.cleaning.text.Normaliser;
import medstream.cleaning.util.LongIntMap;
import medstream.contracts.EvalItem;
import medstream.contracts.Option;
import medstream.knowledge.TextUnits;

/**
 * The one definition of "contaminated", for cleaning and knowledge alike: a text is contaminated when it shares at
 * least {@code minOverlaps} n-grams (default one 13-gram, GPT-3's and AntGLM-Med's check) with one live evaluation
 * item, whose text is its question, context and options ({@link #textOf}). Items are added one at a time (they arrive
 * from a compacted topic) and can be removed (tombstones).
 *
 * <p>What an n-gram is made of depends on what the caller checks, and each caller keeps its own ({@link Scheme}):
 * cleaning's documents are normalised and carry a language, so {@link Scheme#DOCUMENTS} cuts {@code zh} text into
 * characters and other text into words; knowledge's stage records carry none, so {@link Scheme#STAGE_RECORDS} cuts
 * every text into words, each CJK character a word of its own.
 *
 * <p>Each n-gram is held once, as a 64-bit hash pointing to the first live item that has it, in an open-addressing
 * map (~13 bytes per n-gram: the four medical benchmarks are well under a million n-grams). A Bloom filter of the
 * same hashes (10 bits per n-gram, small enough to stay in the CPU cache where the map does not) sits in front of the
 * map: nearly every n-gram of a document is in no evaluation item, and the filter answers those without touching the
 * map. Reads (stream threads) and writes (the global-store thread) are guarded by a read-write lock.
 */
public final class ContaminationIndex {

    /** How texts become n-grams and which overlapped item is named: the parts where the two callers differ. */
    public enum Scheme {
        /**
         * Cleaning's: units from {@link Shingles#units} ({@code zh}: letters and digits one by one, n =
         * {@code ngramChars}; otherwise lower-cased runs of letters and digits, n = {@code ngramWords}); items are
         * normalised as documents are before they are checked; of several overlapped items, the one owning the
         * lowest matching n-gram hash is named.
         */
        DOCUMENTS,
        /**
         * Knowledge's: whatever the language, lower-cased (Locale.ROOT) runs of letters and digits, each CJK character
         * (Han, kana, Hangul) a unit of its own, n = {@code ngramWords}; no normalisation; the item owning the first
         * matching n-gram in text order is named.
         */
        STAGE_RECORDS
    }

    /** The n-gram size of knowledge's evaluation guard, in words. */
    public static final int STAGE_RECORD_NGRAM = 13;

    private final DecontaminationConfig config;
    private final Scheme scheme;
    private static final int INITIAL_NGRAMS = 1 << 16;

    private final LongIntMap grams = new LongIntMap(INITIAL_NGRAMS);
    /** Every key of {@link #grams} (removed items' n-grams stay in both: the map marks them removed). */
    private LongBloomFilter filter = new LongBloomFilter(INITIAL_NGRAMS);
    private final List<String> itemIds = new ArrayList<>();
    private final Map<String, Integer> itemIndex = new HashMap<>();
    private final BitSet removed = new BitSet();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /** An empty index of cleaning's {@link Scheme#DOCUMENTS} with the given n-gram sizes. */
    public ContaminationIndex(DecontaminationConfig config) {
        this(config, Scheme.DOCUMENTS);
    }

    private ContaminationIndex(DecontaminationConfig config, Scheme scheme) {
        this.config = config;
        this.scheme = scheme;
    }

    /** An empty index of knowledge's {@link Scheme#STAGE_RECORDS}: one shared {@value #STAGE_RECORD_NGRAM}-gram. */
    public static ContaminationIndex forStageRecords() {
        return new ContaminationIndex(new DecontaminationConfig(STAGE_RECORD_NGRAM, STAGE_RECORD_NGRAM, 1),
                Scheme.STAGE_RECORDS);
    }

    /** Question, context and option texts: everything of an evaluation item that could leak into training text. */
    public static String textOf(EvalItem item) {
        StringBuilder text = new StringBuilder(item.getQuestion());
        if (item.getContext() != null) {
            text.append('\n').append(item.getContext());
        }
        for (Option option : item.getOptions()) {
            text.append('\n').append(option.getText());
        }
        return text.toString();
    }

    /**
     * Adds an evaluation item unless its id is already indexed: knowledge's guard re-reads its whole store whenever
     * it grows, and an item's first text is the one it keeps.
     */
    public void addOnce(EvalItem item) {
        lock.readLock().lock();
        try {
            if (itemIndex.containsKey(item.getId())) {
                return;
            }
        } finally {
            lock.readLock().unlock();
        }
        add(item.getId(), textOf(item), item.getLanguage());
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
        long[] hashes = ngrams(scheme == Scheme.DOCUMENTS ? Normaliser.normalise(text) : text, language);
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
        long[] hashes = ngrams(text, language);
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
            if (scheme == Scheme.STAGE_RECORDS && config.minOverlaps() == 1) {
                return Optional.of(new Overlap(itemIds.get(grams.get(matches[0])), 1));
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
    private long[] ngrams(String text, String language) {
        boolean chars = scheme == Scheme.DOCUMENTS && "zh".equals(language);
        int n = chars ? config.ngramChars() : config.ngramWords();
        long[] units = scheme == Scheme.DOCUMENTS ? Shingles.units(text, chars) : mixedScriptUnits(text);
        // A text shorter than n gives one shorter shingle, which no full-length n-gram of a document can equal;
        // it is dropped so that it cannot match another equally short text.
        return units.length < n ? new long[0] : Shingles.inTextOrder(units, n);
    }

    /** {@link Scheme#STAGE_RECORDS}' units: lower-cased runs of letters and digits, each CJK character one unit. */
    static long[] mixedScriptUnits(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        long[] units = new long[t.length() / 4 + 1];
        int n = 0;
        int i = 0;
        while (i < t.length()) {
            int cp = t.codePointAt(i);
            int start = i;
            i += Character.charCount(cp);
            if (!TextUnits.isCjk(cp)) {
                if (!Character.isLetterOrDigit(cp)) {
                    continue;
                }
                while (i < t.length() && Character.isLetterOrDigit(t.codePointAt(i)) && !TextUnits.isCjk(t.codePointAt(i))) {
                    i += Character.charCount(t.codePointAt(i));
                }
            }
            if (n == units.length) {
                units = java.util.Arrays.copyOf(units, n * 2);
            }
            units[n++] = fnv(t, start, i);
        }
        return java.util.Arrays.copyOf(units, n);
    }

    private static long fnv(String s, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
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
