package medstream.topics.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The registry's state and rules, shared by the in-process mock and the embedded HTTP server: global
 * ids (one id per distinct schema, as Confluent does), versions per subject, compatibility levels
 * checked with Avro's own {@link SchemaCompatibility}. Thread-safe (one lock; the registry is not hot).
 *
 * <p>Every change goes to a {@link SchemaJournal} first and is applied only once the journal holds it, so a
 * store rebuilt from the journal ({@link #restoreSchema}, {@link #restoreCompatibility}) gives the same ids
 * and versions as the one that answered. The default journal keeps nothing (mock registries, {@code local}).
 */
public final class SchemaStore {
    private final SchemaJournal journal;
    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    private final Map<String, List<Integer>> subjectIds = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    /** A store that lives in memory only. */
    public SchemaStore() { this(SchemaJournal.NONE); }

    /** A store that writes every change to {@code journal} before applying it. */
    public SchemaStore(SchemaJournal journal) { this.journal = journal; }

    /** Registers (idempotently) and returns the global id. */
    public synchronized int register(String subject, Schema schema) {
        String canonical = schema.toString();
        List<Integer> ids = subjectIds.computeIfAbsent(subject, s -> new ArrayList<>());
        Integer existing = idByCanonical.get(canonical);
        if (existing != null && ids.contains(existing)) {
            return existing;
        }
        List<String> problems = testCompatibility(subject, schema);
        if (!problems.isEmpty()) {
            if (ids.isEmpty()) subjectIds.remove(subject);
            throw new IncompatibleSchemaException(subject, compatibility(subject), problems);
        }
        int id = existing != null ? existing : nextId;
        try {
            journal.schemaRegistered(new SchemaRegistryClient.RegisteredSchema(subject, ids.size() + 1, id, schema));
        } catch (RuntimeException e) {
            if (ids.isEmpty()) subjectIds.remove(subject);
            throw e;
        }
        restoreSchema(subject, ids.size() + 1, id, schema);
        return id;
    }

    /**
     * Applies a registration read back from the journal (no journal write): versions of a subject must come in
     * ascending order, as the journal wrote them.
     */
    synchronized void restoreSchema(String subject, int version, int id, Schema schema) {
        List<Integer> ids = subjectIds.computeIfAbsent(subject, s -> new ArrayList<>());
        if (version != ids.size() + 1) {
            throw new IllegalStateException("Schema journal out of order: subject '" + subject + "' has " + ids.size()
                    + " version(s), the next record is version " + version + "; the journal topic must keep every version");
        }
        byId.put(id, schema);
        idByCanonical.put(schema.toString(), id);
        ids.add(id);
        nextId = Math.max(nextId, id + 1);
    }

    /** Applies a compatibility level read back from the journal (null subject: the global level). */
    synchronized void restoreCompatibility(String subject, CompatibilityLevel level) {
        if (subject == null) globalLevel = level; else subjectLevels.put(subject, level);
    }

    public synchronized Schema getById(int id) {
        Schema s = byId.get(id);
        if (s == null) throw new SchemaNotFoundException(40403, "Schema " + id + " not found");
        return s;
    }

    public synchronized SchemaRegistryClient.RegisteredSchema version(String subject, int version) {
        List<Integer> ids = subjectIds.get(subject);
        if (ids == null || ids.isEmpty()) throw new SchemaNotFoundException(40401, "Subject '" + subject + "' not found.");
        int index = version == -1 ? ids.size() - 1 : version - 1;
        if (index < 0 || index >= ids.size()) {
            throw new SchemaNotFoundException(40402, "Version " + version + " not found for subject '" + subject + "'.");
        }
        int id = ids.get(index);
        return new SchemaRegistryClient.RegisteredSchema(subject, index + 1, id, byId.get(id));
    }

    public synchronized SchemaRegistryClient.RegisteredSchema latest(String subject) { return version(subject, -1); }

    public synchronized List<Integer> versions(String subject) {
        List<Integer> ids = subjectIds.getOrDefault(subject, List.of());
        List<Integer> v = new ArrayList<>();
        for (int i = 1; i <= ids.size(); i++) v.add(i);
        return v;
    }

    public synchronized List<String> subjects() { return new ArrayList<>(subjectIds.keySet()); }

    /** Finds the version of a schema under a subject ({@code POST /subjects/<s>}), or throws. */
    public synchronized SchemaRegistryClient.RegisteredSchema lookup(String subject, Schema schema) {
        List<Integer> ids = subjectIds.get(subject);
        if (ids == null) throw new SchemaNotFoundException(40401, "Subject '" + subject + "' not found.");
        Integer id = idByCanonical.get(schema.toString());
        int index = id == null ? -1 : ids.indexOf(id);
        if (index < 0) throw new SchemaNotFoundException(40403, "Schema not found under subject '" + subject + "'.");
        return new SchemaRegistryClient.RegisteredSchema(subject, index + 1, id, byId.get(id));
    }

    public synchronized List<String> testCompatibility(String subject, Schema candidate) {
        CompatibilityLevel level = compatibility(subject);
        List<Integer> ids = subjectIds.getOrDefault(subject, List.of());
        if (level == CompatibilityLevel.NONE || ids.isEmpty()) return List.of();
        List<Integer> against = level.transitive() ? ids : List.of(ids.get(ids.size() - 1));
        List<String> problems = new ArrayList<>();
        for (int id : against) {
            Schema existing = byId.get(id);
            if (level.checksBackward()) {
                problems.addAll(describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing),
                        "new schema cannot read data written with schema id " + id));
            }
            if (level.checksForward()) {
                problems.addAll(describe(SchemaCompatibility.checkReaderWriterCompatibility(existing, candidate),
                        "schema id " + id + " cannot read data written with the new schema"));
            }
        }
        return problems;
    }

    private static List<String> describe(SchemaPairCompatibility result, String what) {
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) return List.of();
        List<String> out = new ArrayList<>();
        for (Incompatibility i : result.getResult().getIncompatibilities()) {
            out.add(what + ": " + i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")");
        }
        return out;
    }

    public synchronized CompatibilityLevel compatibility(String subject) {
        return subject == null ? globalLevel : subjectLevels.getOrDefault(subject, globalLevel);
    }

    /** Sets a subject's level, or the global one when {@code subject} is null. */
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        journal.compatibilitySet(subject, level);
        restoreCompatibility(subject, level);
    }

    /** Closes the journal (a Kafka producer for a persisted store). */
    public void close() { journal.close(); }
}
