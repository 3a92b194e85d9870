package medstream.topics.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The versions of one subject, each with its global schema id and whether it was soft-deleted. A soft-deleted
 * version keeps its number and id (a permanent delete removes it); version numbers only grow while any version is
 * left, as in Confluent's registry, so a schema re-registered after a soft delete gets a new version.
 */
final class Subject {
    /** {@code latest} in a URL: the highest version the request may see. */
    static final int LATEST = -1;

    /** One version of a subject. */
    record Version(int version, int id, boolean deleted) {}

    private final TreeMap<Integer, Version> versions = new TreeMap<>();

    /** Versions in ascending order, soft-deleted ones only when asked for. */
    List<Version> versions(boolean includeDeleted) {
        List<Version> out = new ArrayList<>();
        for (Version v : versions.values()) if (includeDeleted || !v.deleted()) out.add(v);
        return out;
    }

    /** A version ({@link #LATEST}: the highest one visible), if the request may see it. */
    Optional<Version> get(int version, boolean includeDeleted) {
        if (version == LATEST) {
            List<Version> visible = versions(includeDeleted);
            return visible.isEmpty() ? Optional.empty() : Optional.of(visible.get(visible.size() - 1));
        }
        Version v = versions.get(version);
        return v == null || (v.deleted() && !includeDeleted) ? Optional.empty() : Optional.of(v);
    }

    /** The live (not soft-deleted) version holding schema {@code id}, if any. */
    Optional<Version> liveVersionOf(int id) {
        return versions.values().stream().filter(v -> v.id() == id && !v.deleted()).findFirst();
    }

    /** The number a new registration gets: one past every version still known, deleted or not. */
    int nextVersion() { return versions.isEmpty() ? 1 : versions.lastKey() + 1; }

    /** Whether any version is visible to a request that does or does not ask for soft-deleted ones. */
    boolean visible(boolean includeDeleted) { return !versions(includeDeleted).isEmpty(); }

    /** Whether schema {@code id} is one of this subject's versions, soft-deleted or not. */
    boolean holds(int id) { return versions.values().stream().anyMatch(v -> v.id() == id); }

    void put(Version v) { versions.put(v.version(), v); }

    void remove(int version) { versions.remove(version); }

    boolean isEmpty() { return versions.isEmpty(); }
}
