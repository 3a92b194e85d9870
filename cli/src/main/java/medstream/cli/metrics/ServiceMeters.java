package medstream.cli.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The meters and health of one service in a {@link MetricsServer}: every meter is tagged {@code service=<name>} and
 * removed again on {@link #close()}, so that a restarted service ({@code up} restarts failed ones) starts afresh.
 * Meters read the service's own counters when scraped; nothing is counted twice.
 */
public final class ServiceMeters implements AutoCloseable {
    private static final String SERVICE = "service";

    private final String name;
    private final MeterRegistry registry;
    private final List<Runnable> refreshers = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> binders = new CopyOnWriteArrayList<>();
    /** Micrometer holds a function meter's state weakly; these suppliers have no other owner, so they are kept here. */
    private final List<Object> sources = new CopyOnWriteArrayList<>();
    private volatile Supplier<Health> health;

    ServiceMeters(String name, MeterRegistry registry) {
        this.name = name;
        this.registry = registry;
        this.health = () -> Health.starting("not started yet");
    }

    /** The service's name, the value of its {@code service} tag. */
    public String name() { return name; }

    /** The tags of this service's meters plus {@code extra} (key, value, ...). */
    public Tags tags(String... extra) { return Tags.of(SERVICE, name).and(extra); }

    /** A counter that reads a monotonic total from the service when scraped. */
    public void counter(String meter, String description, DoubleSupplier total, String... tags) {
        sources.add(total);
        FunctionCounter.builder(meter, total, DoubleSupplier::getAsDouble).description(description).tags(tags(tags)).register(registry);
    }

    /** A gauge that reads a value from the service when scraped (NaN: unknown). */
    public void gauge(String meter, String description, DoubleSupplier value, String... tags) {
        sources.add(value);
        Gauge.builder(meter, value, DoubleSupplier::getAsDouble).description(description).tags(tags(tags)).register(registry);
    }

    /**
     * Counters whose tag values appear while the service runs (reject reasons, dead-letter topics): on every scrape the
     * totals are read once and a counter is added for each new tag value.
     */
    public void countersByTag(String meter, String description, String tagKey, Supplier<Map<String, ? extends Number>> totals) {
        Map<String, Double> latest = new ConcurrentHashMap<>();
        Set<String> registered = ConcurrentHashMap.newKeySet();
        ToDoubleFunction<String> read = value -> latest.getOrDefault(value, 0.0);
        refreshers.add(() -> totals.get().forEach((value, n) -> {
            latest.put(value, n.doubleValue());
            if (registered.add(value)) {
                FunctionCounter.builder(meter, value, read).description(description).tags(tags(tagKey, value)).register(registry);
            }
        }));
    }

    /**
     * An info metric: a gauge per tag value (a model version), 1 while {@code current} holds the value and 0 after, so a
     * dashboard shows which version served when.
     */
    public void infoByTag(String meter, String description, String tagKey, Supplier<Collection<String>> current) {
        Set<String> now = ConcurrentHashMap.newKeySet();
        Set<String> registered = ConcurrentHashMap.newKeySet();
        refreshers.add(() -> {
            Collection<String> values = current.get();
            now.retainAll(values);
            now.addAll(values);
            for (String value : values) {
                if (registered.add(value)) {
                    Gauge.builder(meter, () -> now.contains(value) ? 1 : 0).strongReference(true).description(description).tags(tags(tagKey, value)).register(registry);
                }
            }
        });
    }

    /** Binds a Micrometer binder (Kafka client or Streams metrics) built with {@link #tags}; closed with the service. */
    public <B extends MeterBinder & AutoCloseable> void bind(B binder) {
        binder.bindTo(registry);
        binders.add(binder);
    }

    /** Closes a binder bound with {@link #bind} (its client closed), removing its meters now rather than with the service. */
    public void unbind(AutoCloseable binder) {
        if (binders.remove(binder)) closeQuietly(binder);
    }

    private static void closeQuietly(AutoCloseable binder) {
        try {
            binder.close();
        } catch (Exception e) {
            // Closing a binder only stops its refresh and removes its meters; nothing is left to do when it fails.
        }
    }

    /** Where the service's health comes from. */
    public void health(Supplier<Health> source) { this.health = source; }

    /** The service's health now; a health check that throws reads as not ready. */
    Health health() {
        try {
            return health.get();
        } catch (RuntimeException e) {
            return Health.starting("health unknown: " + e);
        }
    }

    /** Reads the tagged totals; one that cannot be read now (a directory being pruned) is read on the next scrape. */
    void refresh() {
        for (Runnable refresher : refreshers) {
            try {
                refresher.run();
            } catch (RuntimeException e) {
                // The scrape still answers with every other meter; this one's series keep their last values.
            }
        }
    }

    /** Removes this service's meters; its health stays as it was last set (a failed service keeps saying why). */
    @Override
    public void close() {
        refreshers.clear();
        sources.clear();
        // Closing a binder stops its refresh; the meters are removed below either way.
        binders.forEach(ServiceMeters::closeQuietly);
        binders.clear();
        for (Meter meter : registry.getMeters()) {
            if (name.equals(meter.getId().getTag(SERVICE))) registry.remove(meter);
        }
    }
}
