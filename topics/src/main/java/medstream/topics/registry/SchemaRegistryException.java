package medstream.topics.registry;

/** A schema registry operation failed; subclasses say why. Carries the registry's error code. */
public class SchemaRegistryException extends RuntimeException {
    private final int errorCode;

    public SchemaRegistryException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** Confluent error code (e.g. 40401 subject not found, 40403 schema not found, 409 incompatible). */
    public int errorCode() { return errorCode; }
}
