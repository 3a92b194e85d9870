package medstream.topics.admin;

import java.util.Map;
import java.util.TreeMap;

/**
 * Dead letters on the DLQ topic, counted as a read_committed consumer sees them.
 *
 * @param total        all dead letters
 * @param byService    count per {@code service} field (sorted by name)
 * @param byErrorClass count per {@code errorClass} field (sorted by name)
 */
public record DeadLetterCounts(long total, Map<String, Long> byService, Map<String, Long> byErrorClass) {
    public DeadLetterCounts {
        byService = java.util.Collections.unmodifiableMap(new TreeMap<>(byService));
        byErrorClass = java.util.Collections.unmodifiableMap(new TreeMap<>(byErrorClass));
    }
}
