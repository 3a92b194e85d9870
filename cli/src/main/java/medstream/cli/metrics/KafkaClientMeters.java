package medstream.cli.metrics;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;
import medstream.topics.clients.ClientListener;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The Kafka client metrics ({@code kafka_consumer_*}, {@code kafka_producer_*}, Micrometer's {@link KafkaClientMetrics})
 * of a service that opens its own clients (the labeler, the trainer): handed to the service as its
 * {@link ClientListener}, it binds each client while it is open and unbinds it just before it closes, so a worker
 * that restarts or rebalances leaves no meters of its old clients behind. Clients opened before the meters exist
 * (the service starts before its meters are bound) are bound by {@link #bind}.
 */
public final class KafkaClientMeters implements ClientListener {
    /** Open clients, and how to make the binder of each: identity, as two clients are never "equal". */
    private final Map<Object, Supplier<KafkaClientMetrics>> open = new IdentityHashMap<>();
    private final Map<Object, KafkaClientMetrics> bound = new IdentityHashMap<>();
    private ServiceMeters meters;

    /** Binds every open client to {@code meters}, and every client opened from now on. */
    public synchronized void bind(ServiceMeters meters) {
        this.meters = meters;
        open.forEach(this::bindClient);
    }

    @Override
    public synchronized void opened(Consumer<?, ?> consumer) {
        add(consumer, () -> new KafkaClientMetrics(consumer, meters.tags()));
    }

    @Override
    public synchronized void opened(Producer<?, ?> producer) {
        add(producer, () -> new KafkaClientMetrics(producer, meters.tags()));
    }

    @Override
    public synchronized void closing(Object client) {
        open.remove(client);
        KafkaClientMetrics binder = bound.remove(client);
        if (binder != null) meters.unbind(binder);
    }

    /** Clients bound now (for tests: a closed client must not stay bound). */
    synchronized int boundClients() {
        return bound.size();
    }

    private void add(Object client, Supplier<KafkaClientMetrics> binder) {
        open.put(client, binder);
        if (meters != null) bindClient(client, binder);
    }

    private void bindClient(Object client, Supplier<KafkaClientMetrics> binder) {
        if (bound.containsKey(client)) return;
        KafkaClientMetrics b = binder.get();
        meters.bind(b);
        bound.put(client, b);
    }
}
