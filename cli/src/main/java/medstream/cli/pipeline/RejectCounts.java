package medstream.cli.pipeline;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import medstream.contracts.CleanReject;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.admin.TopicCounter;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Records the curation apps read and chose not to keep, counted from both rejects topics: the cleaning app's
 * {@code clean.rejects} and the knowledge app's {@code stage.rejects} (same {@link CleanReject} contract).
 *
 * @param total            rejects of both apps
 * @param byReason         by reason code, both apps
 * @param byFilter         by filter name, both apps
 * @param byServiceReason  {@code {"cleaning"|"knowledge": {reason: n}}}
 */
record RejectCounts(long total, Map<String, Long> byReason, Map<String, Long> byFilter,
                    Map<String, Map<String, Long>> byServiceReason) {
    static final String CLEANING = "cleaning";
    static final String KNOWLEDGE = "knowledge";

    /** Reads both rejects topics as a read_committed consumer sees them. */
    static RejectCounts read(Map<String, Object> clientConfig, TopicCatalog catalog) {
        Map<String, Long> byReason = new TreeMap<>();
        Map<String, Long> byFilter = new TreeMap<>();
        Map<String, Map<String, Long>> byService = new LinkedHashMap<>();
        try (TopicCounter counter = new TopicCounter(clientConfig, Duration.ofMinutes(5))) {
            scan(counter, catalog.cleanRejects(), CLEANING, byReason, byFilter, byService);
            scan(counter, catalog.stageRejects(), KNOWLEDGE, byReason, byFilter, byService);
        }
        long total = byReason.values().stream().mapToLong(Long::longValue).sum();
        return new RejectCounts(total, byReason, byFilter, byService);
    }

    /** Rejects of one service with one reason code (0 when none). */
    long of(String service, String reason) {
        return byServiceReason.getOrDefault(service, Map.of()).getOrDefault(reason, 0L);
    }

    /** Rejects of one service (0 when none). */
    long of(String service) {
        return byServiceReason.getOrDefault(service, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    private static void scan(TopicCounter counter, Topic<String, CleanReject> topic, String service,
                             Map<String, Long> byReason, Map<String, Long> byFilter,
                             Map<String, Map<String, Long>> byService) {
        Deserializer<CleanReject> rejects = topic.valueSerde().deserializer();
        Map<String, Long> mine = byService.computeIfAbsent(service, s -> new TreeMap<>());
        counter.scan(topic.name(), r -> {
            if (r.value() == null) return;
            CleanReject reject = rejects.deserialize(topic.name(), r.value());
            byReason.merge(reject.getReasonCode(), 1L, Long::sum);
            byFilter.merge(reject.getFilterName(), 1L, Long::sum);
            mine.merge(reject.getReasonCode(), 1L, Long::sum);
        });
    }
}
