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
 */
public final class SchemaStore {
    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    private final Map<String, List<Integer>> subjectIds = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

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
        int id = existing != null ? existing : nextId++;
        byId.put(id, schema);
        idByCanonical.put(canonical, id);
        ids.add(id);
        return id;
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
        if (subject == null) globalLevel = level; else subjectLevels.put(subject, level);
    }
}
