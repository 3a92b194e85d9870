package medstream.topics;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the catalog: its full name, how it is laid out on the broker and how its keys and
 * values are serialised. Instances come only from {@link TopicCatalog}, so a topic name is spelled in
 * exactly one place.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class Topic<K, V> {
    /** Kafka's two cleanup policies, as we use them. */
    public enum Cleanup { DELETE, COMPACT;
        /** The value of the topic config {@code cleanup.policy}. */
        public String configValue() { return this == DELETE ? "delete" : "compact"; }
    }

    private final String logicalName;
    private final String name;
    private final int partitions;
    private final Cleanup cleanup;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final Class<V> valueType;

    Topic(String logicalName, String name, int partitions, Cleanup cleanup,
          Serde<K> keySerde, Serde<V> valueSerde, Class<V> valueType) {
        this.logicalName = Objects.requireNonNull(logicalName);
        this.name = Objects.requireNonNull(name);
        this.partitions = partitions;
        this.cleanup = Objects.requireNonNull(cleanup);
        this.keySerde = Objects.requireNonNull(keySerde);
        this.valueSerde = Objects.requireNonNull(valueSerde);
        this.valueType = Objects.requireNonNull(valueType);
    }

    /** The name without the prefix, e.g. {@code raw.documents}; stable keys for summaries. */
    public String logicalName() { return logicalName; }
    /** The full topic name on the broker, e.g. {@code medstream.raw.documents}. */
    public String name() { return name; }
    public int partitions() { return partitions; }
    public Cleanup cleanup() { return cleanup; }
    public Serde<K> keySerde() { return keySerde; }
    public Serde<V> valueSerde() { return valueSerde; }
    public Class<V> valueType() { return valueType; }

    @Override public String toString() { return name; }
}
