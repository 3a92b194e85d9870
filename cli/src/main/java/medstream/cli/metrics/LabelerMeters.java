package medstream.cli.metrics;

import java.util.Objects;
import medstream.labeler.service.LabelerService;
import medstream.labeler.service.LabelerStats;

/**
 * The labeler service's meters, read from its {@link LabelerStats} and loaded model versions when scraped, and its
 * workers' Kafka client metrics.
 */
public final class LabelerMeters {
    private LabelerMeters() {}

    /**
     * @param clients      the listener the service was told to report its clients to ({@link LabelerService#watchClients})
     * @param requestTopic the topic it labels, the {@code topic} of records in
     * @param resultTopic  where its labels go, the {@code topic} of records out
     */
    public static void bind(ServiceMeters meters, LabelerService labeler, KafkaClientMeters clients, String requestTopic,
                            String resultTopic) {
        clients.bind(meters);
        LabelerStats stats = labeler.stats();
        meters.counter(Names.RECORDS_IN, "Label requests whose outcome committed", stats::committedRecords, "topic", requestTopic);
        meters.counter(Names.RECORDS_OUT, "Committed labels", () -> stats.accepted() + stats.review(), "topic", resultTopic);
        meters.counter(Names.LABELS, "Committed labels by decision", stats::accepted, "decision", "accept");
        meters.counter(Names.LABELS, "Committed labels by decision", stats::review, "decision", "review");
        meters.gauge(Names.LABELS_ACCEPT_SHARE, "Share of committed labels that were accepted", () -> {
            long all = stats.accepted() + stats.review();
            return all == 0 ? Double.NaN : (double) stats.accepted() / all;
        });
        meters.counter(Names.DEAD_LETTERS, "Requests committed as dead letters", stats::deadLetters);
        meters.countersByTag(Names.DEAD_LETTERS_BY_CLASS, "Requests committed as dead letters, per error class (reason code)",
                "error_class", stats::deadLettersByClass);
        meters.counter(Names.LABELER_BATCHES, "Committed batches", stats::committedBatches);
        meters.counter(Names.LABELER_BATCH_SECONDS, "Seconds committed batches took from the model to their commit",
                stats::committedBatchSeconds);
        meters.infoByTag(Names.MODEL_VERSION, "1 for a model version a worker labels with", "version",
                () -> labeler.loadedVersions().stream().filter(Objects::nonNull).distinct().toList());
    }
}
