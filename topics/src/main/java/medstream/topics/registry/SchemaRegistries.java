package medstream.topics.registry;

/** Picks the registry client for a URL: {@code mock://scope} in-process, {@code http(s)://} over REST. */
public final class SchemaRegistries {
    private SchemaRegistries() {}

    /** A client for the URL; the caller owns and closes it. */
    public static SchemaRegistryClient forUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("schema.registry.url is not set: use mock://<scope> for an in-process "
                    + "registry or http://host:port for a Confluent-compatible one");
        }
        if (url.startsWith(MockSchemaRegistry.SCHEME)) return MockSchemaRegistry.forUrl(url);
        if (url.startsWith("http://") || url.startsWith("https://")) return new HttpSchemaRegistryClient(url);
        throw new IllegalArgumentException("Unsupported schema registry URL '" + url + "': expected mock:// or http(s)://");
    }
}
