package medstream.topics.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * One of the two registries behind {@link SchemaRegistryClient}, fresh per test: a private
 * {@code mock://} scope, or an {@link EmbeddedSchemaRegistryServer} on a free port reached through
 * {@link HttpSchemaRegistryClient} (so JSON, status codes and error mapping are on the path).
 */
public final class RegistryUnderTest implements AutoCloseable {
    /** Which registry. */
    public enum Kind {
        MOCK, HTTP;

        public RegistryUnderTest open() { return new RegistryUnderTest(this); }
    }

    private final Kind kind;
    private final String url;
    private final EmbeddedSchemaRegistryServer server;
    private final String scope;

    private RegistryUnderTest(Kind kind) {
        this.kind = kind;
        if (kind == Kind.MOCK) {
            scope = "registry-test-" + UUID.randomUUID();
            url = MockSchemaRegistry.SCHEME + scope;
            server = null;
        } else {
            scope = null;
            try {
                server = EmbeddedSchemaRegistryServer.start(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            url = server.url();
        }
    }

    public Kind kind() { return kind; }

    /** The URL serdes are configured with. */
    public String url() { return url; }

    /** A new client with empty caches, so what it returns comes from the registry itself. */
    public SchemaRegistryClient newClient() { return SchemaRegistries.forUrl(url); }

    @Override
    public void close() {
        if (server != null) server.close();
        if (scope != null) MockSchemaRegistry.dropScope(scope);
    }

    @Override
    public String toString() { return kind.name(); }
}
