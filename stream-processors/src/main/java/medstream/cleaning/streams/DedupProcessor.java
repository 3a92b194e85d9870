package medstream.cleaning.streams;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import medstream.cleaning.CleaningWork;
import medstream.cleaning.ReasonCode;
import medstream.cleaning.Rejection;
import medstream.cleaning.util.LongBloomFilter;
import medstream.cleaning.dedup.BandIndex;
import medstream.cleaning.dedup.Hashing;
import medstream.cleaning.dedup.MinHasher;
import medstream.cleaning.dedup.NearDuplicateIndex;
import medstream.contracts.CleanDocument;

/**
 * Exact and near-duplicate detection against every document accepted before. Two persistent key-value stores, both
 * logged to changelogs, are the source of truth: content hash -> first id, and id -> (arrival sequence, truncated
 * MinHash signature). The LSH band index (band key -> first id) is derived from the signatures and lives in memory
 * ({@link BandIndex}): it is rebuilt from the restored signature store every time the processor is initialised
 * (start-up, restart, a task revived after an aborted transaction, a task moved to this instance), each band going
 * to the signature with the lowest arrival sequence, i.e. the first document, as before. Only documents that end up
 * clean are indexed, so a duplicate always points at a document that was emitted.
 */
final class DedupProcessor implements FixedKeyProcessor<String, CleanDocument, Staged> {

    private static final Logger LOG = LoggerFactory.getLogger(DedupProcessor.class);
    /** Content-hash keys the filter is first sized for; it doubles as needed. */
    private static final long INITIAL_FILTER_CAPACITY = 1L << 17;

    private final MinHasher hasher;
    private final CleaningWork work;
    private final NearDuplicateIndex nearDuplicates;
    private final String name;
    private final String hashStoreName;
    private final String signatureStoreName;
    private FixedKeyProcessorContext<String, Staged> context;
    private KeyValueStore<String, String> hashes;
    private KeyValueStore<String, byte[]> signatures;
    private NearDuplicateIndex.Storage storage;
    private BandIndex bandIndex;
    /**
     * Content hashes seen, in front of the content-hash store: almost every document is new, and a store miss costs
     * a RocksDB lookup (a JNI call, Bloom filter probes per level), so the filter answers most lookups without it.
     */
    private LongBloomFilter hashFilter;
    private CleaningMetrics metrics;
    /** Arrival sequence of the record being processed: its offset in the (single) input partition of the task. */
    private long sequence;

    DedupProcessor(MinHasher hasher, CleaningWork work, String name, String hashStoreName, String signatureStoreName) {
        this.hasher = hasher;
        this.work = work;
        this.nearDuplicates = new NearDuplicateIndex(hasher);
        this.name = name;
        this.hashStoreName = hashStoreName;
        this.signatureStoreName = signatureStoreName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Staged> context) {
        this.context = context;
        this.hashes = context.getStateStore(hashStoreName);
        this.signatures = context.getStateStore(signatureStoreName);
        this.storage = new StoreStorage();
        this.metrics = new CleaningMetrics(context.metrics(), name + "-" + context.taskId());
        // init runs after the stores are restored, and again whenever the task is revived: the derived in-memory
        // state is always rebuilt from scratch, never carried over.
        this.bandIndex = rebuildBandIndex(hasher, signatures, context.taskId().toString(), signatureStoreName);
        rebuildHashFilter(INITIAL_FILTER_CAPACITY);
    }

    /** Sizes a new content-hash filter for at least twice the keys in the hash store and fills it from the store. */
    private void rebuildHashFilter(long minimumCapacity) {
        List<Long> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> all = hashes.all()) {
            while (all.hasNext()) {
                keys.add(Hashing.filterKey(all.next().key));
            }
        }
        LongBloomFilter filter = new LongBloomFilter(Math.max(minimumCapacity, 2L * keys.size()));
        keys.forEach(filter::add);
        hashFilter = filter;
    }

    /**
     * The band index of every signature in the store, each band owned by the signature with the lowest arrival
     * sequence (the store iterates in key order, so ownership is decided by sequence, not by visiting order).
     */
    private static BandIndex rebuildBandIndex(MinHasher hasher, KeyValueStore<String, byte[]> signatures, String task,
                                      String storeName) {
        long start = System.nanoTime();
        long documents = signatures.approximateNumEntries();
        BandIndex index = BandIndex.forDocuments(documents, hasher.config().bands());
        documents = 0;
        try (KeyValueIterator<String, byte[]> all = signatures.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                long[] bands = hasher.bandKeys(signatureOf(entry.value));
                index.claim(bands, bands.length, entry.key, sequenceOf(entry.value));
                documents++;
            }
        }
        if (documents > 0) {
            LOG.info("Task {}: rebuilt the in-memory LSH band index ({} bands) of {} documents from store {} in {} ms",
                    task, index.bands(), documents, storeName, (System.nanoTime() - start) / 1_000_000);
        }
        return index;
    }

    @Override
    public void process(FixedKeyRecord<String, CleanDocument> record) {
        CleanDocument doc = record.value();
        sequence = context.recordMetadata().map(RecordMetadata::offset).orElse(sequence + 1);
        long hashKey = Hashing.filterKey(doc.getContentHash());
        String first = hashFilter.mightContain(hashKey) ? hashes.get(doc.getContentHash()) : null;
        if (first != null) {
            reject(record, doc, new Rejection(ReasonCode.EXACT_DUPLICATE, "dedup.exact", 1.0, 1.0, first));
            return;
        }
        long[] signature = work.signature(doc);
        Optional<NearDuplicateIndex.Match> near = nearDuplicates.checkAndAdd(doc.getId(), signature, storage);
        if (near.isPresent()) {
            reject(record, doc, new Rejection(ReasonCode.NEAR_DUPLICATE, "dedup.minhash", near.get().similarity(),
                    hasher.config().confirmSimilarity(), near.get().documentId()));
            return;
        }
        hashes.put(doc.getContentHash(), doc.getId());
        hashFilter.add(hashKey);
        if (hashFilter.isFull()) {
            rebuildHashFilter(2 * hashFilter.capacity());
        }
        metrics.record(CleaningMetrics.CLEAN);
        context.forward(record.withValue(Staged.accepted(doc)));
    }

    private void reject(FixedKeyRecord<String, CleanDocument> record, CleanDocument doc, Rejection rejection) {
        metrics.record(rejection.reason().name());
        context.forward(record.withValue(Staged.rejected(
                Rejects.of(doc.getId(), doc.getSource(), doc.getLineage(), rejection))));
    }

    private static long sequenceOf(byte[] stored) {
        return stored == null ? Long.MAX_VALUE : ByteBuffer.wrap(stored).getLong();
    }

    private static long[] signatureOf(byte[] stored) {
        byte[] truncated = new byte[stored.length - Long.BYTES];
        System.arraycopy(stored, Long.BYTES, truncated, 0, truncated.length);
        return MinHasher.untruncate(truncated);
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }

    /** The index's storage: band owners in memory, signatures (with the arrival sequence in front) in the store. */
    private final class StoreStorage implements NearDuplicateIndex.Storage {
        @Override
        public String bandOwner(long bandKey) {
            return bandIndex.owner(bandKey);
        }

        @Override
        public void putBandOwner(long bandKey, String documentId) {
            bandIndex.claim(new long[] {bandKey}, 1, documentId, sequence);
        }

        @Override
        public void putBandOwners(long[] bandKeys, int count, String documentId) {
            bandIndex.claim(bandKeys, count, documentId, sequence);
        }

        @Override
        public long[] signature(String documentId) {
            byte[] stored = signatures.get(documentId);
            return stored == null ? null : signatureOf(stored);
        }

        @Override
        public void putSignature(String documentId, long[] signature) {
            byte[] truncated = MinHasher.truncate(signature);
            signatures.put(documentId, ByteBuffer.allocate(Long.BYTES + truncated.length).putLong(sequence)
                    .put(truncated).array());
        }
    }
}
