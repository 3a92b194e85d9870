package medstream.topics.registry;

/** A subject, version or schema id is unknown to the registry. */
public final class SchemaNotFoundException extends SchemaRegistryException {
    public SchemaNotFoundException(int errorCode, String message) { super(errorCode, message); }
}
