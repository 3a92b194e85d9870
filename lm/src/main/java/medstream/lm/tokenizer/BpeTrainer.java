package medstream.lm.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link BpeTokenizer} on a corpus of strings.
 *
 * <p>Two phases: first every text is pre-tokenized and identical pre-tokens are counted, so the
 * merge phase works on unique words with frequencies (a few hundred thousand for tens of MB of
 * medical text); then {@link PairMerger} learns merges with incrementally updated pair counts.
 * The result depends only on the multiset of texts, not on their order or on the machine.
 *
 * <p>Settings are immutable; each {@code with...} returns a new trainer:
 *
 * <pre>{@code
 * BpeTokenizer tokenizer = new BpeTrainer(8192)
 *         .withSpecialTokens(SpecialTokens.USER, SpecialTokens.ASSISTANT)
 *         .train(texts);
 * }</pre>
 */
public final class BpeTrainer {

    /** A pair seen once is noise, not a token worth a vocabulary slot. */
    public static final int DEFAULT_MIN_PAIR_FREQUENCY = 2;

    private static final Logger LOG = LoggerFactory.getLogger(BpeTrainer.class);
    private static final long PROGRESS_INTERVAL_NANOS = 5_000_000_000L;

    private final int vocabSize;
    private final List<String> specialTokens;
    private final PreTokenizer preTokenizer;
    private final int minPairFrequency;

    /**
     * A trainer for {@code vocabSize} ids in total: 256 bytes, the merges, and the special tokens
     * ({@link SpecialTokens#DEFAULTS} unless more are added).
     */
    public BpeTrainer(int vocabSize) {
        this(vocabSize, SpecialTokens.DEFAULTS, CjkPreTokenizer.standard(), DEFAULT_MIN_PAIR_FREQUENCY);
    }

    private BpeTrainer(int vocabSize, List<String> specialTokens, PreTokenizer preTokenizer, int minPairFrequency) {
        if (vocabSize < MergeTable.BYTE_TOKENS + specialTokens.size()) {
            throw new IllegalArgumentException("vocabSize " + vocabSize + " leaves no room: the 256 bytes and "
                    + specialTokens.size() + " special tokens already need " + (MergeTable.BYTE_TOKENS + specialTokens.size()));
        }
        if (minPairFrequency < 1) {
            throw new IllegalArgumentException("minPairFrequency must be at least 1, got " + minPairFrequency);
        }
        this.vocabSize = vocabSize;
        this.specialTokens = List.copyOf(specialTokens);
        this.preTokenizer = Objects.requireNonNull(preTokenizer, "preTokenizer");
        this.minPairFrequency = minPairFrequency;
    }

    /** Adds special tokens after the defaults (they count toward the vocabulary size). */
    public BpeTrainer withSpecialTokens(String... more) {
        List<String> all = new ArrayList<>(specialTokens);
        all.addAll(List.of(more));
        SpecialTokens.validate(all);
        return new BpeTrainer(vocabSize, all, preTokenizer, minPairFrequency);
    }

    /** Uses another pre-tokenizer, e.g. {@link CjkPreTokenizer#withMaxHanRun}. */
    public BpeTrainer withPreTokenizer(PreTokenizer other) {
        return new BpeTrainer(vocabSize, specialTokens, other, minPairFrequency);
    }

    /** Stops merging once the best pair occurs fewer times; the vocabulary is then smaller than asked. */
    public BpeTrainer withMinPairFrequency(int minimum) {
        return new BpeTrainer(vocabSize, specialTokens, preTokenizer, minimum);
    }

    /** Trains on a stream of texts (consumed once, sequentially). */
    public BpeTokenizer train(Stream<String> texts) {
        return train((Iterable<String>) texts::iterator);
    }

    /** Trains on texts (iterated once). Special-token strings inside them are treated as ordinary text. */
    public BpeTokenizer train(Iterable<String> texts) {
        long started = System.nanoTime();
        LOG.info("bpe: training vocabulary {} (special tokens {}), pre-tokenizer {}, min pair frequency {}", vocabSize,
                specialTokens, preTokenizer.name(), minPairFrequency);
        Map<String, long[]> frequencies = new HashMap<>();
        long documents = 0;
        long chars = 0;
        long preTokens = 0;
        for (String text : texts) {
            documents++;
            chars += text.length();
            for (String piece : preTokenizer.split(text)) {
                frequencies.computeIfAbsent(piece, k -> new long[1])[0]++;
                preTokens++;
            }
        }
        long counted = System.nanoTime();
        LOG.info("bpe: counted {} pre-tokens ({} unique) in {} documents, {} chars, in {} ms", preTokens,
                frequencies.size(), documents, chars, (counted - started) / 1_000_000);

        int[][] words = new int[frequencies.size()][];
        long[] counts = new long[frequencies.size()];
        long bytes = 0;
        int w = 0;
        for (Map.Entry<String, long[]> entry : frequencies.entrySet()) {
            byte[] utf8 = entry.getKey().getBytes(StandardCharsets.UTF_8);
            int[] ids = new int[utf8.length];
            for (int i = 0; i < utf8.length; i++) {
                ids[i] = utf8[i] & 0xFF;
            }
            words[w] = ids;
            counts[w] = entry.getValue()[0];
            bytes += (long) utf8.length * counts[w];
            w++;
        }
        frequencies.clear();

        int maxMerges = vocabSize - MergeTable.BYTE_TOKENS - specialTokens.size();
        PairMerger merger = new PairMerger(words, counts);
        Progress progress = new Progress(maxMerges, counted);
        int[][] merges = merger.learn(maxMerges, minPairFrequency, progress::update);
        long finished = System.nanoTime();
        LOG.info("bpe: learned {} merges in {} ms (counting {} ms); vocabulary {} ids", merges[0].length,
                (finished - counted) / 1_000_000, (counted - started) / 1_000_000,
                MergeTable.BYTE_TOKENS + merges[0].length + specialTokens.size());

        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("trainer", BpeTrainer.class.getName());
        metadata.put("trainer.vocab_size", Integer.toString(vocabSize));
        metadata.put("trainer.min_pair_frequency", Integer.toString(minPairFrequency));
        metadata.put("corpus.documents", Long.toString(documents));
        metadata.put("corpus.bytes", Long.toString(bytes));
        metadata.put("corpus.pre_tokens", Long.toString(preTokens));
        metadata.put("corpus.unique_pre_tokens", Integer.toString(words.length));
        return new BpeTokenizer(preTokenizer, new MergeTable(merges[0], merges[1]), specialTokens, metadata);
    }

    /** Logs a progress line with rate and ETA at most every few seconds. */
    private static final class Progress {
        private final int total;
        private final long start;
        private long lastLog;

        Progress(int total, long start) {
            this.total = total;
            this.start = start;
            this.lastLog = start;
        }

        void update(int done) {
            long now = System.nanoTime();
            if (now - lastLog < PROGRESS_INTERVAL_NANOS) {
                return;
            }
            lastLog = now;
            double perSecond = done / ((now - start) / 1e9);
            LOG.info("bpe: {}/{} merges, {} merges/s, ETA {} s", done, total, Math.round(perSecond),
                    Math.round((total - done) / Math.max(perSecond, 1e-9)));
        }
    }
}
