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

import medstream.cleaning.ReasonCode;
import medstream.cleaning.Rejection;
import medstream.cleaning.dedup.BandFilter;
import medstream.cleaning.dedup.Hashing;
import medstream.cleaning.dedup.MinHasher;
import medstream.cleaning.dedup.NearDuplicateIndex;
import medstream.contracts.CleanDocument;

/**
 * Exact and near-duplicate detection against every document accepted before, in three persistent key-value
 * stores: content hash -> first id and id -> (arrival sequence, truncated MinHash signature), both logged to
 * changelogs; and LSH band key -> first id, which is derived from the signatures and so is not logged (it would
 * cost 32 changelog records per document). When the band store is empty at start-up (new machine, or Streams wiped
 * the task's state after an unclean shutdown under exactly-once) it is rebuilt from the restored signature store,
 * each band going to the signature with the lowest arrival sequence, i.e. the first document, as before. Only
 * documents that end up clean are indexed, so a duplicate always points at a document that was emitted.
 */
final class DedupProcessor implements FixedKeyProcessor<String, CleanDocument, Staged> {

    private static final Logger LOG = LoggerFactory.getLogger(DedupProcessor.class);
    /** Band keys the filter is first sized for: 32 bands of ~32k documents, 1.3 MB; it doubles as needed. */
    private static final long INITIAL_FILTER_CAPACITY = 1L << 20;

    private final MinHasher hasher;
    private final NearDuplicateIndex nearDuplicates;
    private final String name;
    private final String hashStoreName;
    private final String bandStoreName;
    private final String signatureStoreName;
    private FixedKeyProcessorContext<String, Staged> context;
    private KeyValueStore<String, String> hashes;
    private KeyValueStore<Long, String> bands;
    private KeyValueStore<String, byte[]> signatures;
    private NearDuplicateIndex.Storage storage;
    private BandFilter bandFilter;
    /**
     * Content hashes seen, in front of the content-hash store: almost every document is new, and a store miss costs
     * a RocksDB lookup (a JNI call, Bloom filter probes per level), so the filter answers most lookups without it.
     */
    private BandFilter hashFilter;
    private CleaningMetrics metrics;
    /** Arrival sequence of the record being processed: its offset in the (single) input partition of the task. */
    private long sequence;

    DedupProcessor(MinHasher hasher, String name, String hashStoreName, String bandStoreName,
                   String signatureStoreName) {
        this.hasher = hasher;
        this.nearDuplicates = new NearDuplicateIndex(hasher);
        this.name = name;
        this.hashStoreName = hashStoreName;
        this.bandStoreName = bandStoreName;
        this.signatureStoreName = signatureStoreName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Staged> context) {
        this.context = context;
        this.hashes = context.getStateStore(hashStoreName);
        this.bands = context.getStateStore(bandStoreName);
        this.signatures = context.getStateStore(signatureStoreName);
        this.storage = new StoreStorage();
        this.metrics = new CleaningMetrics(context.metrics(), name + "-" + context.taskId());
        rebuildBandsIfEmpty();
        rebuildBandFilter(INITIAL_FILTER_CAPACITY);
        rebuildHashFilter(INITIAL_FILTER_CAPACITY / 8);
    }

    /** Sizes a new content-hash filter for at least twice the keys in the hash store and fills it from the store. */
    private void rebuildHashFilter(long minimumCapacity) {
        List<Long> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> all = hashes.all()) {
            while (all.hasNext()) {
                keys.add(Hashing.filterKey(all.next().key));
            }
        }
        BandFilter filter = new BandFilter(Math.max(minimumCapacity, 2L * keys.size()));
        keys.forEach(filter::add);
        hashFilter = filter;
    }

    /** Sizes a new filter for at least twice the keys in the band store and fills it from the store. */
    private void rebuildBandFilter(long minimumCapacity) {
        long keys = 0;
        try (KeyValueIterator<Long, String> all = bands.all()) {
            while (all.hasNext()) {
                all.next();
                keys++;
            }
        }
        BandFilter filter = new BandFilter(Math.max(minimumCapacity, 2 * keys));
        try (KeyValueIterator<Long, String> all = bands.all()) {
            while (all.hasNext()) {
                filter.add(all.next().key);
            }
        }
        bandFilter = filter;
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
        long[] signature = hasher.signature(doc.getText(), "zh".equals(doc.getLanguage()));
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

    private void rebuildBandsIfEmpty() {
        try (KeyValueIterator<Long, String> any = bands.all()) {
            if (any.hasNext()) {
                return;
            }
        }
        long documents = 0;
        long start = System.nanoTime();
        try (KeyValueIterator<String, byte[]> all = signatures.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                long seq = sequenceOf(entry.value);
                List<KeyValue<Long, String>> owned = new ArrayList<>();
                for (long band : hasher.bandKeys(signatureOf(entry.value))) {
                    String owner = bands.get(band);
                    if (owner == null || sequenceOf(signatures.get(owner)) > seq) {
                        owned.add(KeyValue.pair(band, entry.key));
                    }
                }
                bands.putAll(owned);
                documents++;
            }
        }
        if (documents > 0) {
            LOG.info("Task {}: rebuilt the LSH band index of {} documents from store {} in {} ms", context.taskId(),
                    documents, signatureStoreName, (System.nanoTime() - start) / 1_000_000);
        }
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

    /** The index's storage on the three stores; signatures carry the arrival sequence in front. */
    private final class StoreStorage implements NearDuplicateIndex.Storage {
        @Override
        public String bandOwner(long bandKey) {
            return bandFilter.mightContain(bandKey) ? bands.get(bandKey) : null;
        }

        @Override
        public void putBandOwner(long bandKey, String documentId) {
            bands.put(bandKey, documentId);
            bandFilter.add(bandKey);
        }

        @Override
        public void putBandOwners(List<Long> bandKeys, String documentId) {
            List<KeyValue<Long, String>> entries = new ArrayList<>(bandKeys.size());
            bandKeys.forEach(band -> entries.add(KeyValue.pair(band, documentId)));
            bands.putAll(entries);
            bandKeys.forEach(bandFilter::add);
            if (bandFilter.isFull()) {
                rebuildBandFilter(2 * bandFilter.capacity());
            }
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
