package medstream.topics.registry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * In-process registry behind {@code mock://<scope>} URLs, as Confluent users know from their tests.
 * Every client of the same scope in one JVM sees the same {@link SchemaStore}; a test that wants
 * isolation picks its own scope (and may {@link #dropScope drop} it).
 */
public final class MockSchemaRegistry implements SchemaRegistryClient {
    /** URL scheme of in-process registries. */
    public static final String SCHEME = "mock://";
    private static final Map<String, SchemaStore> SCOPES = new ConcurrentHashMap<>();

    private final SchemaStore store;

    private MockSchemaRegistry(SchemaStore store) { this.store = store; }

    /** A client for the scope named by a {@code mock://scope} URL. */
    public static MockSchemaRegistry forUrl(String url) {
        if (!url.startsWith(SCHEME)) throw new IllegalArgumentException("Not a mock registry URL: " + url);
        return new MockSchemaRegistry(SCOPES.computeIfAbsent(url.substring(SCHEME.length()), s -> new SchemaStore()));
    }

    /** Forgets a scope (tests call this in their tear-down). */
    public static void dropScope(String scope) { SCOPES.remove(scope); }

    @Override public int register(String subject, Schema schema) { return store.register(subject, schema); }
    @Override public int idOf(String subject, Schema schema) { return store.lookup(subject, schema).id(); }
    @Override public Schema getById(int id) { return store.getById(id); }
    @Override public RegisteredSchema latest(String subject) { return store.latest(subject); }
    @Override public List<Integer> versions(String subject) { return store.versions(subject); }
    @Override public List<String> subjects() { return store.subjects(); }
    @Override public List<String> testCompatibility(String subject, Schema schema) { return store.testCompatibility(subject, schema); }
    @Override public CompatibilityLevel compatibility(String subject) { return store.compatibility(subject); }
    @Override public void setCompatibility(String subject, CompatibilityLevel level) { store.setCompatibility(subject, level); }
}
