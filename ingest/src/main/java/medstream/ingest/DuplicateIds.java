package medstream.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Remembers the records one source produced, by type and id, so that a later entry with the same id and different
 * content becomes a dead letter instead of silently replacing the first downstream (every stage keys by id). The
 * same id with the same content is a harmless repeat and is produced again, as re-ingesting a file is.
 */
final class DuplicateIds {
    /** Error class of an entry whose id an earlier entry with different content already used. */
    static final String DUPLICATE_ID = "DuplicateId";
    /** Fields that differ between two readings of the same content (when and where it was read). */
    private static final Set<String> READ_STAMPS = Set.of("ingestedAt", "metadata");

    private record Seen(int contentHash, Origin origin) { }

    private final Map<String, Seen> seen = new HashMap<>();

    /** Empty when the entry may be produced; a failure when its id already holds different content. */
    Optional<Entry.Failure> check(Entry.Produce p) {
        String id = p.value().getSchema().getFullName() + "|" + p.key();
        int hash = contentHash(p.value());
        Seen first = seen.putIfAbsent(id, new Seen(hash, p.origin()));
        if (first == null || first.contentHash() == hash) {
            return Optional.empty();
        }
        return Optional.of(new Entry.Failure(p.origin(), null, DUPLICATE_ID, "Duplicate id " + p.key() + " at "
                + p.origin() + ": expected one " + p.value().getSchema().getName() + " per id, but " + first.origin()
                + " already produced different content under it (kept); give the entries distinct ids", null));
    }

    private static int contentHash(SpecificRecord value) {
        int h = 1;
        for (Schema.Field f : value.getSchema().getFields()) {
            if (!READ_STAMPS.contains(f.name())) h = 31 * h + Objects.hashCode(value.get(f.pos()));
        }
        return h;
    }
}
