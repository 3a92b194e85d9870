package medstream.cleaning.streams;

import java.util.Optional;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

import medstream.cleaning.ReasonCode;
import medstream.cleaning.Rejection;
import medstream.cleaning.dedup.MinHasher;
import medstream.cleaning.dedup.NearDuplicateIndex;
import medstream.contracts.CleanDocument;

/**
 * Exact and near-duplicate detection against every document accepted before, kept in three persistent, logged
 * key-value stores (content hash -> first id, LSH band key -> first id, id -> truncated MinHash signature) so that
 * dedup survives restarts. Only documents that end up clean are indexed, so a duplicate always points at a
 * document that was emitted.
 */
final class DedupProcessor implements FixedKeyProcessor<String, CleanDocument, Staged> {

    private final MinHasher hasher;
    private final NearDuplicateIndex nearDuplicates;
    private final String name;
    private final String hashStoreName;
    private final String bandStoreName;
    private final String signatureStoreName;
    private FixedKeyProcessorContext<String, Staged> context;
    private KeyValueStore<String, String> hashes;
    private NearDuplicateIndex.Storage storage;
    private CleaningMetrics metrics;

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
        KeyValueStore<Long, String> bands = context.getStateStore(bandStoreName);
        KeyValueStore<String, byte[]> signatures = context.getStateStore(signatureStoreName);
        this.storage = new NearDuplicateIndex.Storage() {
            @Override
            public String bandOwner(long bandKey) {
                return bands.get(bandKey);
            }

            @Override
            public void putBandOwner(long bandKey, String documentId) {
                bands.put(bandKey, documentId);
            }

            @Override
            public void putBandOwners(java.util.List<Long> bandKeys, String documentId) {
                java.util.List<org.apache.kafka.streams.KeyValue<Long, String>> entries =
                        new java.util.ArrayList<>(bandKeys.size());
                bandKeys.forEach(band -> entries.add(org.apache.kafka.streams.KeyValue.pair(band, documentId)));
                bands.putAll(entries);
            }

            @Override
            public long[] signature(String documentId) {
                byte[] stored = signatures.get(documentId);
                return stored == null ? null : MinHasher.untruncate(stored);
            }

            @Override
            public void putSignature(String documentId, long[] signature) {
                signatures.put(documentId, MinHasher.truncate(signature));
            }
        };
        this.metrics = new CleaningMetrics(context.metrics(), name + "-" + context.taskId());
    }

    @Override
    public void process(FixedKeyRecord<String, CleanDocument> record) {
        CleanDocument doc = record.value();
        String first = hashes.get(doc.getContentHash());
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
        metrics.record(CleaningMetrics.CLEAN);
        context.forward(record.withValue(Staged.accepted(doc)));
    }

    private void reject(FixedKeyRecord<String, CleanDocument> record, CleanDocument doc, Rejection rejection) {
        metrics.record(rejection.reason().name());
        context.forward(record.withValue(Staged.rejected(
                Rejects.of(doc.getId(), doc.getSource(), doc.getLineage(), rejection))));
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
