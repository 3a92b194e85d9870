package medstream.labeler.offline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import medstream.contracts.LabelRequest;
import medstream.labeler.LabelerConfig;
import medstream.labeler.core.LabelingOutcome;
import medstream.labeler.core.LabelingPipeline;
import medstream.labeler.model.DjlLabelingModel;
import medstream.labeler.model.LabelingModel;
import medstream.topics.config.Settings;

/**
 * {@code ./medstream label --model DIR --input FILE --output FILE.jsonl [--strategy NAME]}: labels a PubMedQA-format
 * JSON file with exactly the {@link LabelingPipeline} the service runs, in batches of the configured size, writing
 * one line per item through {@link LabelsFile} and a progress line per batch. Requests the service would dead-letter
 * are written with {@code label: null}, {@code decision: "REVIEW"} and the reason, so every input item has a line.
 */
public final class OfflineLabeler {
    private OfflineLabeler() {}

    /**
     * Loads the model directory on the first device ({@code medstream.labeler.devices}, default auto) and labels,
     * with the settings of the environment ({@code MEDSTREAM_LABELER_*}) and system properties.
     *
     * @param strategy strategy name, or null for the configured one
     * @param progress receives a progress line per batch (e.g. {@code System.err::println})
     */
    public static OfflineSummary run(Path model, Path input, Path output, String strategy, Consumer<String> progress) {
        LabelerConfig config = LabelerConfig.from(Settings.load(null));
        return run(model, strategy == null ? config : config.withStrategy(strategy), input, output, progress);
    }

    /**
     * Loads the model directory on the first of {@code config.devices()} (backend djl) or connects to the configured server
     * (backend openai, {@code model} ignored) and labels with {@code config}.
     */
    public static OfflineSummary run(Path model, LabelerConfig config, Path input, Path output, Consumer<String> progress) {
        String device = medstream.labeler.service.WorkerDevices.resolve(config.devices()).get(0);
        try (LabelingModel m = config.loader(DjlLabelingModel::load).load(model, null, device)) {
            return run(m, config, input, output, progress);
        }
    }

    /** Labels {@code input} with a loaded model and a configuration. */
    public static OfflineSummary run(LabelingModel model, LabelerConfig config, Path input, Path output, Consumer<String> progress) {
        List<PubMedQaFile.Item> items = PubMedQaFile.read(input);
        LabelingPipeline pipeline = new LabelingPipeline(config);
        Map<String, Integer> labels = new TreeMap<>();
        Map<String, Integer> decisions = new TreeMap<>();
        Map<String, Integer> rejected = new TreeMap<>();
        long t0 = System.nanoTime();
        LabelsFile file;
        try {
            file = LabelsFile.create(output);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot create " + output + " or its directory: " + e.getMessage(), e);
        }
        try (file) {
            for (int from = 0; from < items.size(); from += config.maxBatchSize()) {
                List<LabelRequest> batch = new ArrayList<>();
                for (PubMedQaFile.Item it : items.subList(from, Math.min(items.size(), from + config.maxBatchSize()))) {
                    batch.add(it.request());
                }
                List<LabelingOutcome> outcomes = pipeline.label(batch, model);
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i) instanceof LabelingOutcome.Labeled l) {
                        file.write(l.result());
                        labels.merge(l.result().getLabel(), 1, Integer::sum);
                        decisions.merge(l.result().getDecision().name(), 1, Integer::sum);
                    } else {
                        LabelingOutcome.Rejected rej = (LabelingOutcome.Rejected) outcomes.get(i);
                        file.writeUnlabeled(batch.get(i).getId(), rej.code() + ": " + rej.description(),
                                pipeline.strategyName(), model.version());
                        rejected.merge(rej.code(), 1, Integer::sum);
                        decisions.merge("REVIEW", 1, Integer::sum);
                    }
                }
                progress.accept(progressLine(from + batch.size(), items.size(), System.nanoTime() - t0));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + output + ": " + e.getMessage(), e);
        }
        return new OfflineSummary(items.size(), labels, decisions, rejected, file.histogram(), pipeline.strategyName(),
                model.version(), model.device(), (System.nanoTime() - t0) / 1e9);
    }

    static String progressLine(int done, int total, long elapsedNanos) {
        double s = elapsedNanos / 1e9;
        double rate = s > 0 ? done / s : 0;
        double eta = rate > 0 ? (total - done) / rate : 0;
        return String.format(Locale.ROOT, "labeled %d/%d (%.1f%%) %.2f items/s, ETA %.0fs", done, total, 100.0 * done / total, rate, eta);
    }
}
