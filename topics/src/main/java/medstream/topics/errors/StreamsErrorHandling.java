package medstream.topics.errors;

import java.util.Optional;
import java.util.Properties;
import medstream.topics.TopicCatalog;
import org.apache.kafka.streams.StreamsConfig;

/** Wires medstream's dead-letter handlers into a Streams configuration. */
public final class StreamsErrorHandling {
    private StreamsErrorHandling() {}

    /** Sets the three exception handlers, the DLQ topic and the registry URL on {@code props}. */
    public static Properties apply(Properties props, TopicCatalog catalog) {
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DlqDeserializationExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DlqProcessingExceptionHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DlqProductionExceptionHandler.class);
        // Global stores (the evaluation registry) too: a bad eval item must not stop the global thread.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(DeadLetterRouting.DLQ_TOPIC_CONFIG, catalog.dlq().name());
        catalog.serdeConfig().forEach(props::put);
        return props;
    }

    /**
     * The dead-letter topic a Streams configuration made by {@link #apply} sends to: the arrow to the DLQ that a
     * topology's {@code describe()} cannot show, because the exception handlers produce it.
     */
    public static Optional<String> deadLetterTopic(Properties props) {
        return Optional.ofNullable(props.get(DeadLetterRouting.DLQ_TOPIC_CONFIG)).map(Object::toString);
    }
}
