package medstream.topics.registry;

/**
 * Where a {@link SchemaStore} records its changes before applying them, so that a restarted registry gives the
 * records on disk the same schema ids. {@link #NONE} keeps nothing; {@link KafkaSchemaJournal} writes Confluent's
 * {@code _schemas} topic.
 */
public interface SchemaJournal extends AutoCloseable {
    /** A journal that keeps nothing: the store lives in memory only. */
    SchemaJournal NONE = new SchemaJournal() {
        @Override public void schemaRegistered(SchemaRegistryClient.RegisteredSchema schema) {}
        @Override public void compatibilitySet(String subject, CompatibilityLevel level) {}
    };

    /** Records a new version of a subject; returns only once it is durable (the store answers after this). */
    void schemaRegistered(SchemaRegistryClient.RegisteredSchema schema);

    /** Records a compatibility level (null subject: the global level); durable on return. */
    void compatibilitySet(String subject, CompatibilityLevel level);

    @Override
    default void close() {}
}
