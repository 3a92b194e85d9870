package medstream.topics.registry;

/**
 * Where a {@link SchemaStore} records its changes before applying them, so that a restarted registry gives the
 * records on disk the same schema ids. {@link #NONE} keeps nothing; {@link KafkaSchemaJournal} writes Confluent's
 * {@code _schemas} topic. Every method returns only once the change is durable (the store answers after it).
 */
public interface SchemaJournal extends AutoCloseable {
    /** A journal that keeps nothing: the store lives in memory only. */
    SchemaJournal NONE = new SchemaJournal() {
        @Override public void schemaRegistered(SchemaRegistryClient.RegisteredSchema schema) {}
        @Override public void versionSoftDeleted(SchemaRegistryClient.RegisteredSchema schema) {}
        @Override public void versionPermanentlyDeleted(String subject, int version) {}
        @Override public void subjectSoftDeleted(String subject, int upToVersion) {}
        @Override public void compatibilitySet(String subject, CompatibilityLevel level) {}
        @Override public void compatibilityDeleted(String subject) {}
    };

    /** Records a new version of a subject. */
    void schemaRegistered(SchemaRegistryClient.RegisteredSchema schema);

    /** Records that a version was soft-deleted: it stays readable by id and with {@code deleted=true}. */
    void versionSoftDeleted(SchemaRegistryClient.RegisteredSchema schema);

    /** Records that a (soft-deleted) version is gone for good. */
    void versionPermanentlyDeleted(String subject, int version);

    /** Records that every version of a subject up to {@code upToVersion} was soft-deleted, as one change. */
    void subjectSoftDeleted(String subject, int upToVersion);

    /** Records a compatibility level (null subject: the global level). */
    void compatibilitySet(String subject, CompatibilityLevel level);

    /** Records that a subject's own level is gone (it follows the global one again); null: the global level is reset. */
    void compatibilityDeleted(String subject);

    @Override
    default void close() {}
}
