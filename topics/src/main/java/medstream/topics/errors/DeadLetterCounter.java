package medstream.topics.errors;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Dead letters a service sent, per error class (the {@code errorClass} of its {@code DeadLetter}s). One instance per
 * service, handed to the Streams exception handlers through the Streams configuration ({@link #attachTo}), so that
 * nothing is static and two apps in one JVM ({@code up}) count apart.
 */
public final class DeadLetterCounter {
    /** Streams config key the exception handlers read the counter from (an object value, not a string). */
    public static final String CONFIG = "medstream.dlq.counter";

    private final Map<String, LongAdder> byClass = new ConcurrentHashMap<>();

    /** Puts this counter into {@code props}, for the handlers {@link StreamsErrorHandling#apply} installs. */
    public Properties attachTo(Properties props) {
        props.put(CONFIG, this);
        return props;
    }

    /** Counts one dead letter of {@code errorClass}. */
    public void record(String errorClass) {
        byClass.computeIfAbsent(errorClass, c -> new LongAdder()).increment();
    }

    /** Dead letters so far per error class, sorted by class. */
    public Map<String, Long> byClass() {
        Map<String, Long> out = new TreeMap<>();
        byClass.forEach((c, n) -> out.put(c, n.sum()));
        return out;
    }

    /** The counter in a Streams configuration, or null when none was attached. */
    static DeadLetterCounter from(Map<String, ?> configs) {
        return configs.get(CONFIG) instanceof DeadLetterCounter c ? c : null;
    }
}
