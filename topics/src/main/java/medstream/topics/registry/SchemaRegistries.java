package medstream.topics.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks the registry client for a URL: {@code mock://scope} in-process, {@code http(s)://} over REST.
 *
 * <p>HTTP clients are shared per URL (as Confluent's serdes share a cached client): a catalog creates
 * one serde per topic, and separate clients would each hold a connection pool and a cache of the same
 * immutable schemas. Closing a client is a no-op, so sharing is safe.
 */
public final class SchemaRegistries {
    private static final Map<String, HttpSchemaRegistryClient> HTTP_CLIENTS = new ConcurrentHashMap<>();

    private SchemaRegistries() {}

    /** A client for the URL. */
    public static SchemaRegistryClient forUrl(String url) {
        return forUrl(url, null);
    }

    /**
     * A client for the URL that authenticates with HTTP basic auth: {@code userInfo} is {@code user:password}, or null
     * for none (or for credentials in the URL itself, {@code http://user:password@host:port}).
     */
    public static SchemaRegistryClient forUrl(String url, String userInfo) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("schema.registry.url is not set: use mock://<scope> for an in-process "
                    + "registry or http://host:port for a Confluent-compatible one");
        }
        if (url.startsWith(MockSchemaRegistry.SCHEME)) return MockSchemaRegistry.forUrl(url);
        if (url.startsWith("http://") || url.startsWith("https://")) {
            // One client per URL and credentials: two principals on one registry must not share a client.
            String key = userInfo == null ? url : url + '\u0000' + userInfo;
            return HTTP_CLIENTS.computeIfAbsent(key, k -> new HttpSchemaRegistryClient(url, userInfo));
        }
        throw new IllegalArgumentException("Unsupported schema registry URL '" + url + "': expected mock:// or http(s)://");
    }

    /** Drops the shared client of a URL whose server went away (its cached ids mean nothing to a new server). */
    public static void forget(String url) {
        HTTP_CLIENTS.keySet().removeIf(k -> k.equals(url) || k.startsWith(url + '\u0000'));
    }
}
