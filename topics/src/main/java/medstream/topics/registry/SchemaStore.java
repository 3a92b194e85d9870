package medstream.topics.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import medstream.topics.registry.SchemaRegistryClient.RegisteredSchema;
import org.apache.avro.Schema;

/**
 * The registry's state and rules, shared by the in-process mock and the embedded HTTP server: global ids (one id per
 * distinct schema, as Confluent does), versions per {@link Subject} with soft and permanent deletes, compatibility
 * levels checked by {@link CompatibilityCheck}. Thread-safe (one lock; the registry is not hot).
 *
 * <p>Every change goes to a {@link SchemaJournal} first and is applied only once the journal holds it, so a store
 * rebuilt from the journal (the {@code restore*} methods, in journal order) answers as the one that wrote it. The
 * default journal keeps nothing (mock registries, {@code local}). An id, once given, always means the same schema:
 * a schema registered again after its versions were deleted gets its old id back, a new schema never gets an old id.
 */
public final class SchemaStore {
    /** Confluent's default global level. */
    static final CompatibilityLevel DEFAULT_LEVEL = CompatibilityLevel.BACKWARD;

    private final SchemaJournal journal;
    /** Every schema ever given an id, including those whose versions were all deleted: ids are never reused. */
    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    private final Map<String, Subject> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = DEFAULT_LEVEL;
    private int nextId = 1;

    /** A store that lives in memory only. */
    public SchemaStore() { this(SchemaJournal.NONE); }

    /** A store that writes every change to {@code journal} before applying it. */
    public SchemaStore(SchemaJournal journal) { this.journal = journal; }

    /** Registers (idempotently while a live version holds the schema) and returns the global id. */
    public synchronized int register(String subject, Schema schema) {
        Integer known = idByCanonical.get(schema.toString());
        Subject s = subjects.get(subject);
        if (known != null && s != null && s.liveVersionOf(known).isPresent()) return known;
        List<String> problems = testCompatibility(subject, schema);
        if (!problems.isEmpty()) throw new IncompatibleSchemaException(subject, compatibility(subject), problems);
        RegisteredSchema r = new RegisteredSchema(subject, s == null ? 1 : s.nextVersion(), known != null ? known : nextId, schema);
        journal.schemaRegistered(r);
        restoreSchema(r, false);
        return r.id();
    }

    /** Applies a version read back from the journal (no journal write), replacing what that version held. */
    synchronized void restoreSchema(RegisteredSchema r, boolean deleted) {
        byId.put(r.id(), r.schema());
        idByCanonical.put(r.schema().toString(), r.id());
        nextId = Math.max(nextId, r.id() + 1);
        subjects.computeIfAbsent(r.subject(), k -> new Subject()).put(new Subject.Version(r.version(), r.id(), deleted));
    }

    /** Applies a permanent delete read back from the journal; the schema keeps its id. */
    synchronized void restoreVersionRemoved(String subject, int version) {
        Subject s = subjects.get(subject);
        if (s == null) return;
        s.remove(version);
        if (s.isEmpty()) subjects.remove(subject);
    }

    /** Applies a subject soft delete read back from the journal: versions up to {@code upToVersion} become deleted. */
    synchronized void restoreSubjectSoftDeleted(String subject, int upToVersion) {
        Subject s = subjects.get(subject);
        if (s == null) return;
        for (Subject.Version v : s.versions(false)) {
            if (v.version() <= upToVersion) s.put(new Subject.Version(v.version(), v.id(), true));
        }
    }

    /** Applies a compatibility level read back from the journal (null subject: global; null level: deleted). */
    synchronized void restoreCompatibility(String subject, CompatibilityLevel level) {
        if (subject == null) globalLevel = level == null ? DEFAULT_LEVEL : level;
        else if (level == null) subjectLevels.remove(subject);
        else subjectLevels.put(subject, level);
    }

    /** The schema with a global id, while any version (soft-deleted ones too) holds it, as Confluent answers. */
    public synchronized Schema getById(int id) {
        Schema schema = byId.get(id);
        if (schema == null || subjects.values().stream().noneMatch(s -> s.holds(id))) throw RegistryErrors.schemaNotFound(id);
        return schema;
    }

    /** The versions holding schema {@code id}, subject by subject; 40403 if none. */
    synchronized Map<String, List<Integer>> versionsOf(int id, boolean includeDeleted) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        subjects.forEach((name, s) -> s.versions(includeDeleted).stream().filter(v -> v.id() == id)
                .forEach(v -> out.computeIfAbsent(name, k -> new ArrayList<>()).add(v.version())));
        if (out.isEmpty()) throw RegistryErrors.schemaNotFound(id);
        return out;
    }

    /** A version ({@link Subject#LATEST}: the highest visible); 40401 if the subject has none visible, else 40402. */
    public synchronized RegisteredSchema version(String subject, int version, boolean includeDeleted) {
        Subject.Version v = visibleSubject(subject, includeDeleted).get(version, includeDeleted)
                .orElseThrow(() -> RegistryErrors.versionNotFound(subject, version));
        return new RegisteredSchema(subject, v.version(), v.id(), byId.get(v.id()));
    }

    public synchronized RegisteredSchema version(String subject, int version) { return version(subject, version, false); }

    public synchronized RegisteredSchema latest(String subject) { return version(subject, Subject.LATEST, false); }

    /** Live version numbers, ascending; empty if the subject is unknown or soft-deleted. */
    public synchronized List<Integer> versions(String subject) { return versions(subject, false); }

    synchronized List<Integer> versions(String subject, boolean includeDeleted) {
        Subject s = subjects.get(subject);
        return s == null ? List.of() : s.versions(includeDeleted).stream().map(Subject.Version::version).toList();
    }

    public synchronized List<String> subjects() { return subjects(false); }

    synchronized List<String> subjects(boolean includeDeleted) {
        return subjects.entrySet().stream().filter(e -> e.getValue().visible(includeDeleted)).map(Map.Entry::getKey).toList();
    }

    /** Finds the version of a schema under a subject ({@code POST /subjects/<s>}): a live one first, or throws. */
    public synchronized RegisteredSchema lookup(String subject, Schema schema) { return lookup(subject, schema, false); }

    synchronized RegisteredSchema lookup(String subject, Schema schema, boolean includeDeleted) {
        Subject s = visibleSubject(subject, includeDeleted);
        Integer id = idByCanonical.get(schema.toString());
        if (id == null) throw RegistryErrors.schemaNotFound();
        Subject.Version v = s.liveVersionOf(id)
                .or(() -> s.versions(includeDeleted).stream().filter(x -> x.id() == id).reduce((a, b) -> b))
                .orElseThrow(RegistryErrors::schemaNotFound);
        return new RegisteredSchema(subject, v.version(), v.id(), byId.get(v.id()));
    }

    /** Checks a schema as registering it would: against the live versions the subject's level names. */
    public synchronized List<String> testCompatibility(String subject, Schema candidate) {
        CompatibilityLevel level = compatibility(subject);
        Subject s = subjects.get(subject);
        List<Subject.Version> live = s == null ? List.of() : s.versions(false);
        if (!level.transitive() && !live.isEmpty()) live = live.subList(live.size() - 1, live.size());
        return CompatibilityCheck.problems(level, candidate, schemasOf(live));
    }

    /**
     * Checks a schema against one live version under the subject's level; {@code latest} of a subject with no live
     * version is compatible (nothing to break), any other missing version is 40402, as Confluent answers.
     */
    synchronized List<String> testCompatibility(String subject, Schema candidate, int version) {
        Subject s = subjects.get(subject);
        Optional<Subject.Version> against = s == null ? Optional.empty() : s.get(version, false);
        if (against.isEmpty() && version != Subject.LATEST) throw RegistryErrors.versionNotFound(subject, version);
        return CompatibilityCheck.problems(compatibility(subject), candidate, schemasOf(against.stream().toList()));
    }

    /**
     * Deletes one version: soft (it leaves the listings, keeps its id) or, after a soft delete, permanently. Returns
     * its number. A subject left with no version loses its own compatibility level, as in Confluent.
     */
    synchronized int deleteVersion(String subject, int version, boolean permanent) {
        Subject s = visibleSubject(subject, true);
        Subject.Version v = s.get(version, true).orElseThrow(() -> RegistryErrors.versionNotFound(subject, version));
        if (!permanent && v.deleted()) throw RegistryErrors.versionSoftDeleted(subject, v.version());
        if (permanent && !v.deleted()) throw RegistryErrors.versionNotSoftDeleted(subject, v.version());
        if (permanent) {
            journal.versionPermanentlyDeleted(subject, v.version());
            restoreVersionRemoved(subject, v.version());
            if (!subjects.containsKey(subject)) dropOwnLevel(subject);
        } else {
            RegisteredSchema r = new RegisteredSchema(subject, v.version(), v.id(), byId.get(v.id()));
            journal.versionSoftDeleted(r);
            restoreSchema(r, true);
        }
        return v.version();
    }

    /** Deletes a subject: soft (its live versions) or, after a soft delete, permanently (every version). */
    synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        Subject s = visibleSubject(subject, true);
        if (!permanent) {
            List<Integer> live = versions(subject, false);
            if (live.isEmpty()) throw RegistryErrors.subjectSoftDeleted(subject);
            journal.subjectSoftDeleted(subject, live.get(live.size() - 1));
            restoreSubjectSoftDeleted(subject, live.get(live.size() - 1));
            return live;
        }
        if (s.visible(false)) throw RegistryErrors.subjectNotSoftDeleted(subject);
        List<Integer> all = versions(subject, true);
        for (int i = all.size() - 1; i >= 0; i--) { // highest first, as Confluent writes them
            journal.versionPermanentlyDeleted(subject, all.get(i));
            restoreVersionRemoved(subject, all.get(i));
        }
        dropOwnLevel(subject);
        return all;
    }

    private Subject visibleSubject(String subject, boolean includeDeleted) {
        Subject s = subjects.get(subject);
        if (s == null || !s.visible(includeDeleted)) throw RegistryErrors.subjectNotFound(subject);
        return s;
    }

    private Map<Integer, Schema> schemasOf(List<Subject.Version> versions) {
        Map<Integer, Schema> out = new LinkedHashMap<>();
        versions.forEach(v -> out.put(v.id(), byId.get(v.id())));
        return out;
    }

    /** The effective level of a subject: its own, else the global one (null subject: the global one). */
    public synchronized CompatibilityLevel compatibility(String subject) {
        return subject == null ? globalLevel : subjectLevels.getOrDefault(subject, globalLevel);
    }

    /** The level set on the subject itself, if any. */
    synchronized Optional<CompatibilityLevel> ownCompatibility(String subject) { return Optional.ofNullable(subjectLevels.get(subject)); }

    /** Sets a subject's level, or the global one when {@code subject} is null. */
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        journal.compatibilitySet(subject, level);
        restoreCompatibility(subject, level);
    }

    /**
     * Removes a subject's own level (40401 if it has none, as Confluent answers) or resets the global one to
     * {@link #DEFAULT_LEVEL} (null subject); returns the level that was removed.
     */
    synchronized CompatibilityLevel deleteCompatibility(String subject) {
        CompatibilityLevel removed = subject == null ? globalLevel : subjectLevels.get(subject);
        if (removed == null) throw RegistryErrors.subjectNotFound(subject);
        journal.compatibilityDeleted(subject);
        restoreCompatibility(subject, null);
        return removed;
    }

    private void dropOwnLevel(String subject) {
        if (subjectLevels.containsKey(subject)) deleteCompatibility(subject);
    }

    /** Closes the journal (a Kafka producer for a persisted store). */
    public void close() { journal.close(); }
}
