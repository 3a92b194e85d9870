package medstream.topics.clients;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Told when a service opens and closes a Kafka client, so that whoever runs the service (the CLI's metrics) can watch
 * the client without the service knowing about metrics. Services re-create their clients on restart, so a listener
 * sees many opens; each is paired with one {@link #closing} before the client closes. Called on the thread that owns
 * the client: keep the calls short and never use the client from them.
 */
public interface ClientListener {
    /** Watches nothing. */
    ClientListener NONE = new ClientListener() { };

    /** After {@code consumer} is created, before its first use. */
    default void opened(Consumer<?, ?> consumer) { }

    /** After {@code producer} is created, before its first use. */
    default void opened(Producer<?, ?> producer) { }

    /** Just before {@code client} (a consumer or producer passed to {@code opened}) is closed. */
    default void closing(Object client) { }
}
