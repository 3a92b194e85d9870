package medstream.cleaning.dedup;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Incremental near-duplicate detection over an LSH band index: band key -> first document with that band, and
 * document -> signature for confirming candidates. The storage is abstract so that the topology keeps it in
 * persistent state stores (dedup survives restarts) and tests keep it in maps.
 *
 * <p>Per document the cost is one lookup per band plus one signature read per distinct candidate, independent of
 * how many documents were seen before, as long as candidates stay few (that is what the confirmation threshold
 * and the band count are chosen for, see {@link medstream.cleaning.CleaningConfig.DedupConfig}).
 */
public final class NearDuplicateIndex {

    /** Where band owners and signatures live. */
    public interface Storage {
        /** The document that first had this band key, or {@code null}. */
        String bandOwner(long bandKey);

        /** Records the owner of a band key. */
        void putBandOwner(long bandKey, String documentId);

        /** Records one owner for the first {@code count} band keys (stores may write them in one batch). */
        default void putBandOwners(long[] bandKeys, int count, String documentId) {
            for (int i = 0; i < count; i++) {
                putBandOwner(bandKeys[i], documentId);
            }
        }

        /** The signature of an indexed document, or {@code null}. */
        long[] signature(String documentId);

        /** Records the signature of an indexed document. */
        void putSignature(String documentId, long[] signature);
    }

    private final MinHasher hasher;

    /** An index using the given hasher's bands and confirmation threshold. */
    public NearDuplicateIndex(MinHasher hasher) {
        this.hasher = hasher;
    }

    /**
     * Checks a document against everything indexed before it; if it duplicates nothing, indexes it.
     *
     * @param documentId the document's id
     * @param signature  its MinHash signature
     * @param storage    band and signature storage
     * @return the id of the earlier document it nearly duplicates, if any (the document is then not indexed)
     */
    public Optional<Match> checkAndAdd(String documentId, long[] signature, Storage storage) {
        long[] bands = hasher.bandKeys(signature);
        Set<String> checked = new HashSet<>(4);
        String[] owners = new String[bands.length];
        for (int i = 0; i < bands.length; i++) {
            String owner = storage.bandOwner(bands[i]);
            owners[i] = owner;
            if (owner == null || !checked.add(owner)) {
                continue;
            }
            long[] other = storage.signature(owner);
            if (other == null) {
                continue;
            }
            double similarity = MinHasher.similarity(signature, other);
            if (similarity >= hasher.config().confirmSimilarity()) {
                return Optional.of(new Match(owner, similarity));
            }
        }
        // Bands seen above without an owner get this document; owned ones keep their first owner.
        long[] unowned = new long[bands.length];
        int count = 0;
        for (int i = 0; i < bands.length; i++) {
            if (owners[i] == null) {
                unowned[count++] = bands[i];
            }
        }
        if (count > 0) {
            storage.putBandOwners(unowned, count, documentId);
        }
        storage.putSignature(documentId, signature);
        return Optional.empty();
    }

    /**
     * A confirmed near duplicate.
     *
     * @param documentId the earlier document
     * @param similarity estimated Jaccard similarity
     */
    public record Match(String documentId, double similarity) {
    }

    /** Storage in plain maps, for tests and single-threaded tools. */
    public static final class InMemoryStorage implements Storage {
        private final Map<Long, String> owners = new HashMap<>();
        private final Map<String, long[]> signatures = new HashMap<>();

        @Override
        public String bandOwner(long bandKey) {
            return owners.get(bandKey);
        }

        @Override
        public void putBandOwner(long bandKey, String documentId) {
            owners.put(bandKey, documentId);
        }

        @Override
        public long[] signature(String documentId) {
            return signatures.get(documentId);
        }

        @Override
        public void putSignature(String documentId, long[] signature) {
            signatures.put(documentId, signature);
        }

        /** Number of indexed documents. */
        public int size() {
            return signatures.size();
        }
    }
}
