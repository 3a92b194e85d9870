package medstream.labeler.calibration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import medstream.contracts.EvalItem;
import medstream.contracts.LabelRequest;
import medstream.contracts.Option;
import medstream.labeler.LabelerTopics;
import medstream.topics.TopicCatalog;
import medstream.topics.admin.TopicCounter;

/**
 * The held-out labeled items a model version is calibrated on, as label requests with their gold labels. They come
 * from the compacted {@code eval.items} topic (the PubMedQA dev fold by default), which decontamination keeps out of
 * every training topic, so a version is never calibrated on what it trained on.
 *
 * @param benchmark where the items came from, e.g. {@code pubmedqa/dev}
 * @param items     requests with gold labels, in id order
 */
public record CalibrationSet(String benchmark, List<Item> items) {
    /** One calibration item. */
    public record Item(LabelRequest request, String gold) { }

    /** Copies the items. */
    public CalibrationSet {
        items = List.copyOf(items);
    }

    /** True when there is nothing to calibrate on. */
    public boolean isEmpty() {
        return items.isEmpty();
    }

    /**
     * The labeled items of {@code benchmark}/{@code split} among {@code evalItems}, sorted by id (so that the
     * {@code maxItems} cut is the same on every run), at most {@code maxItems} (0 = all). Items without an answer, or
     * whose answer is not one of their options, are left out.
     */
    public static CalibrationSet of(List<EvalItem> evalItems, String benchmark, String split, int maxItems) {
        List<Item> out = new ArrayList<>();
        List<EvalItem> sorted = new ArrayList<>(evalItems);
        sorted.sort(Comparator.comparing(EvalItem::getId));
        for (EvalItem e : sorted) {
            if (!benchmark.equals(e.getBenchmark()) || !split.equals(e.getSplit()) || e.getAnswer() == null) continue;
            List<String> options = e.getOptions().stream().map(Option::getKey).map(k -> k.toLowerCase(Locale.ROOT)).toList();
            String gold = e.getAnswer().toLowerCase(Locale.ROOT);
            if (!options.contains(gold)) continue;
            out.add(new Item(LabelRequest.newBuilder()
                    .setId(e.getId())
                    .setQuestion(e.getQuestion())
                    .setContexts(e.getContext() == null ? List.of() : List.of(e.getContext()))
                    .setOptions(options)
                    .setSource(benchmark)
                    .setRequestedAt(Instant.EPOCH)
                    .build(), gold));
            if (maxItems > 0 && out.size() == maxItems) break;
        }
        return new CalibrationSet(benchmark + "/" + split, out);
    }

    /** Reads {@code eval.items} to its end (latest value per key) and selects as {@link #of} does. */
    public static CalibrationSet read(TopicCatalog catalog, Map<String, ?> clientConfig, CalibrationConfig config) {
        try (TopicCounter counter = new TopicCounter(clientConfig, Duration.ofMinutes(1))) {
            List<EvalItem> live = List.copyOf(counter.latestValues(LabelerTopics.CONTRACT.input(catalog, TopicCatalog::evalItems)).values());
            return of(live, config.benchmark(), config.split(), config.maxItems());
        }
    }
}
