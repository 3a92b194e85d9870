package medstream.cli.metrics;

import java.util.Objects;
import medstream.labeler.service.LabelerService;
import medstream.labeler.service.LabelerStats;

/** The labeler service's meters, read from its {@link LabelerStats} and loaded model versions when scraped. */
public final class LabelerMeters {
    private LabelerMeters() {}

    /**
     * @param requestTopic the topic it labels, the {@code topic} of records in
     * @param resultTopic  where its labels go, the {@code topic} of records out
     */
    public static void bind(ServiceMeters meters, LabelerService labeler, String requestTopic, String resultTopic) {
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
        meters.counter(Names.LABELER_BATCHES, "Committed batches", stats::committedBatches);
        meters.counter(Names.LABELER_BATCH_SECONDS, "Seconds committed batches took from the model to their commit",
                stats::committedBatchSeconds);
        meters.infoByTag(Names.MODEL_VERSION, "1 for a model version a worker labels with", "version",
                () -> labeler.loadedVersions().stream().filter(Objects::nonNull).distinct().toList());
    }
}
