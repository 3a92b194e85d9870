package medstream.experiments.bench.cleaning;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

import medstream.cleaning.CleaningConfig.DedupConfig;
import medstream.cleaning.util.LongBloomFilter;
import medstream.cleaning.dedup.BandIndex;
import medstream.cleaning.dedup.Hashing;
import medstream.cleaning.dedup.MinHasher;
import medstream.cleaning.dedup.NearDuplicateIndex;
import medstream.cleaning.text.Normaliser;
import medstream.contracts.RawDocument;

/**
 * Near-dedup cost per document as the corpus grows: documents go one by one through what the dedup processor does
 * (content-hash filter and lookup, MinHash signature, band lookups in the in-memory {@link BandIndex} and candidate
 * confirmation against stored signatures, inserts) with the content hashes and signatures (arrival sequence in
 * front, as the processor stores them) in RocksDB configured like Kafka Streams' stores (50 MB block cache, Bloom
 * filters, no WAL; the changelog write per insert is a constant cost per document and is left out), in CPU time.
 * The cost of the last {@value #WINDOW} documents before {@code small} and before {@code large} documents seen is
 * compared: flat means the index does not make each new document pay for the corpus.
 */
final class DedupScalingBench {

    private static final int WINDOW = 5_000;
    /** Thread CPU time (RocksDB's JNI calls run on this thread): the machine is shared, wall time is noise. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final long SEED = 77L;

    /**
     * Figures.
     *
     * @param seenSmall         documents seen at the first measurement
     * @param microsPerDocSmall microseconds per document over the window ending there
     * @param seenLarge         documents seen at the second
     * @param microsPerDocLarge microseconds per document over the window ending there
     * @param nearDuplicates    near duplicates found in the whole run
     */
    record Result(int seenSmall, double microsPerDocSmall, int seenLarge, double microsPerDocLarge,
                  int nearDuplicates) {
        double ratio() {
            return microsPerDocLarge / microsPerDocSmall;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seen_small", seenSmall);
            m.put("us_per_doc_small", Math.round(microsPerDocSmall * 10) / 10.0);
            m.put("seen_large", seenLarge);
            m.put("us_per_doc_large", Math.round(microsPerDocLarge * 10) / 10.0);
            m.put("ratio", Math.round(ratio() * 1000) / 1000.0);
            m.put("near_duplicates_found", nearDuplicates);
            return m;
        }
    }

    private DedupScalingBench() {
    }

    static Result measure(BenchCorpus corpus, int small, int large, DedupConfig config) {
        RocksDB.loadLibrary();
        List<RawDocument> docs = corpus.documents(large, SEED);
        MinHasher hasher = new MinHasher(config);
        NearDuplicateIndex index = new NearDuplicateIndex(hasher);
        Path dir = null;
        try (LRUCache cache = new LRUCache(50L * 1024 * 1024);
             BloomFilter bloom = new BloomFilter();
             WriteOptions noWal = new WriteOptions().setDisableWAL(true)) {
            dir = Files.createTempDirectory("medstream-dedup-bench");
            try (Options options = new Options().setCreateIfMissing(true).setWriteBufferSize(16L * 1024 * 1024)
                    .setMaxWriteBufferNumber(3)
                    .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setBlockSize(4096)
                            .setFilterPolicy(bloom));
                 RocksDB hashes = RocksDB.open(options, dir.resolve("hashes").toString());
                 RocksDB signatures = RocksDB.open(options, dir.resolve("signatures").toString())) {
                long[] sequence = {0};
                NearDuplicateIndex.Storage storage = storage(BandIndex.forDocuments(0, config.bands()), signatures,
                        noWal, sequence);
                // The same content-hash filter as the dedup processor keeps in front of its hash store, sized as a
                // fresh processor sizes it (2^17 keys, so it is not rebuilt within 100,000 documents).
                LongBloomFilter hashFilter = new LongBloomFilter(1L << 17);
                long windowSmall = 0;
                long windowLarge = 0;
                int near = 0;
                for (int i = 0; i < docs.size(); i++) {
                    RawDocument doc = docs.get(i);
                    String text = Normaliser.normalise(doc.getBody());
                    boolean cjk = i % 5 == 4;
                    long start = CPU.getCurrentThreadCpuTime();
                    sequence[0] = i;
                    String contentHash = Hashing.contentHash(text);
                    byte[] hashKey = contentHash.getBytes(StandardCharsets.US_ASCII);
                    long filterKey = Hashing.filterKey(contentHash);
                    if (!hashFilter.mightContain(filterKey) || hashes.get(hashKey) == null) {
                        if (index.checkAndAdd(doc.getId(), hasher.signature(text, cjk), storage).isPresent()) {
                            near++;
                        } else {
                            hashes.put(noWal, hashKey, doc.getId().getBytes(StandardCharsets.UTF_8));
                            hashFilter.add(filterKey);
                        }
                    }
                    long elapsed = CPU.getCurrentThreadCpuTime() - start;
                    if (i >= small - WINDOW && i < small) {
                        windowSmall += elapsed;
                    } else if (i >= large - WINDOW) {
                        windowLarge += elapsed;
                    }
                    if ((i + 1) % 20_000 == 0) {
                        CleaningBenchmark.progress("dedup scaling: %d/%d documents seen", i + 1, large);
                    }
                }
                return new Result(small, windowSmall / 1e3 / WINDOW, large, windowLarge / 1e3 / WINDOW, near);
            }
        } catch (RocksDBException | java.io.IOException e) {
            throw new IllegalStateException("Dedup scaling benchmark failed: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                CleaningBenchmark.deleteQuietly(dir);
            }
        }
    }

    /** The dedup processor's storage: band owners in memory, signatures with their sequence in RocksDB. */
    private static NearDuplicateIndex.Storage storage(BandIndex bands, RocksDB signatures, WriteOptions write,
                                                      long[] sequence) {
        return new NearDuplicateIndex.Storage() {
            @Override
            public String bandOwner(long bandKey) {
                return bands.owner(bandKey);
            }

            @Override
            public void putBandOwner(long bandKey, String documentId) {
                bands.claim(new long[] {bandKey}, 1, documentId, sequence[0]);
            }

            @Override
            public void putBandOwners(long[] bandKeys, int count, String documentId) {
                bands.claim(bandKeys, count, documentId, sequence[0]);
            }

            @Override
            public long[] signature(String documentId) {
                try {
                    byte[] v = signatures.get(documentId.getBytes(StandardCharsets.UTF_8));
                    return v == null ? null : MinHasher.untruncate(Arrays.copyOfRange(v, Long.BYTES, v.length));
                } catch (RocksDBException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void putSignature(String documentId, long[] signature) {
                byte[] truncated = MinHasher.truncate(signature);
                byte[] value = ByteBuffer.allocate(Long.BYTES + truncated.length).putLong(sequence[0]).put(truncated)
                        .array();
                try {
                    signatures.put(write, documentId.getBytes(StandardCharsets.UTF_8), value);
                } catch (RocksDBException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
