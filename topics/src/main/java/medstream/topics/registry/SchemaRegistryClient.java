package medstream.topics.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry API that medstream needs. Two implementations share
 * this interface: {@link MockSchemaRegistry} ({@code mock://scope}, in-process, for tests) and
 * {@link HttpSchemaRegistryClient} (the REST API over {@code java.net.http}), which speaks to a real
 * Confluent Schema Registry or to our {@link EmbeddedSchemaRegistryServer}.
 *
 * <p>Subjects follow Confluent's TopicNameStrategy: {@code <topic>-key} and {@code <topic>-value}.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /**
     * Registers a schema under a subject (idempotent: the same schema returns the same id).
     *
     * @throws IncompatibleSchemaException if the subject's compatibility level refuses it
     */
    int register(String subject, Schema schema);

    /**
     * The id of a schema already registered under a subject ({@code POST /subjects/<subject>}), without
     * registering it.
     *
     * @throws SchemaNotFoundException if the subject is unknown or the schema is not one of its versions
     */
    int idOf(String subject, Schema schema);

    /** The schema with a global id. @throws SchemaNotFoundException if the id is unknown */
    Schema getById(int id);

    /** The latest registered version under a subject. @throws SchemaNotFoundException if none */
    RegisteredSchema latest(String subject);

    /** Versions registered under a subject, ascending; empty if the subject is unknown. */
    List<Integer> versions(String subject);

    /** All subjects. */
    List<String> subjects();

    /**
     * Checks a schema against the subject's latest version under the subject's compatibility level.
     *
     * @return an empty list if compatible, else one message per incompatibility
     */
    List<String> testCompatibility(String subject, Schema schema);

    /** The effective compatibility level of a subject (its own, else the global one). */
    CompatibilityLevel compatibility(String subject);

    /** Sets a subject's compatibility level ({@code PUT /config/<subject>}). */
    void setCompatibility(String subject, CompatibilityLevel level);

    @Override
    default void close() {}

    /** A schema as registered: subject, version and global id. */
    record RegisteredSchema(String subject, int version, int id, Schema schema) {}
}
