package medstream.labeler.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import medstream.contracts.LabelRequest;
import medstream.contracts.LabelResult;
import medstream.labeler.LabelerConfig;
import medstream.labeler.core.LabelingOutcome;
import medstream.labeler.core.LabelingPipeline;
import medstream.labeler.model.DjlLabelingModel;
import medstream.labeler.model.LabelingModel;
import medstream.topics.config.Settings;

/**
 * {@code ./medstream label --model DIR --input FILE --output FILE.jsonl [--strategy NAME]}: labels a PubMedQA-format
 * JSON file with exactly the {@link LabelingPipeline} the service runs, in batches of the configured size, writing
 * one JSON line per item ({@code id, label, confidence, decision, strategy, model_version}, plus {@code reason}
 * when there is one, and {@code lf_set_hash} and {@code votes} for strategy weak) and a progress line per batch. Requests the service would dead-letter are written with
 * {@code label: null}, {@code decision: "REVIEW"} and the reason, so every input item has a line.
 */
public final class OfflineLabeler {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        int[] histogram = new int[10];
        long t0 = System.nanoTime();
        try {
            if (output.toAbsolutePath().getParent() != null) Files.createDirectories(output.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot create the directory of " + output + ": " + e.getMessage(), e);
        }
        try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (int from = 0; from < items.size(); from += config.maxBatchSize()) {
                List<LabelRequest> batch = new ArrayList<>();
                for (PubMedQaFile.Item it : items.subList(from, Math.min(items.size(), from + config.maxBatchSize()))) {
                    batch.add(it.request());
                }
                List<LabelingOutcome> outcomes = pipeline.label(batch, model);
                for (int i = 0; i < outcomes.size(); i++) {
                    Map<String, Object> line = line(batch.get(i).getId(), outcomes.get(i), pipeline.strategyName(), model.version());
                    w.write(JSON.writeValueAsString(line));
                    w.newLine();
                    decisions.merge(String.valueOf(line.get("decision")), 1, Integer::sum);
                    if (outcomes.get(i) instanceof LabelingOutcome.Labeled l) {
                        labels.merge(l.result().getLabel(), 1, Integer::sum);
                        histogram[Math.min(9, (int) (l.result().getConfidence() * 10))]++;
                    } else {
                        rejected.merge(((LabelingOutcome.Rejected) outcomes.get(i)).code(), 1, Integer::sum);
                    }
                }
                progress.accept(progressLine(from + batch.size(), items.size(), System.nanoTime() - t0));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + output + ": " + e.getMessage(), e);
        }
        return new OfflineSummary(items.size(), labels, decisions, rejected, histogram, pipeline.strategyName(), model.version(),
                model.device(), (System.nanoTime() - t0) / 1e9);
    }

    static Map<String, Object> line(String id, LabelingOutcome o, String strategy, String modelVersion) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        if (o instanceof LabelingOutcome.Labeled l) {
            LabelResult r = l.result();
            m.put("label", r.getLabel().isEmpty() ? null : r.getLabel());
            m.put("confidence", r.getConfidence());
            m.put("decision", r.getDecision().name());
            m.put("strategy", r.getStrategy());
            m.put("model_version", r.getModelVersion());
            if (r.getReason() != null) m.put("reason", r.getReason());
            if (!r.getVotes().isEmpty()) {
                // strategy weak: the rules that made the label, voter -> label (null = abstained)
                m.put("lf_set_hash", r.getLfSetHash());
                Map<String, String> votes = new LinkedHashMap<>();
                r.getVotes().forEach(v -> votes.put(v.getVoter(), v.getLabel()));
                m.put("votes", votes);
            }
        } else {
            LabelingOutcome.Rejected rej = (LabelingOutcome.Rejected) o;
            m.put("label", null);
            m.put("confidence", 0.0);
            m.put("decision", "REVIEW");
            m.put("strategy", strategy);
            m.put("model_version", modelVersion);
            m.put("reason", rej.code() + ": " + rej.description());
        }
        return m;
    }

    static String progressLine(int done, int total, long elapsedNanos) {
        double s = elapsedNanos / 1e9;
        double rate = s > 0 ? done / s : 0;
        double eta = rate > 0 ? (total - done) / rate : 0;
        return String.format(Locale.ROOT, "labeled %d/%d (%.1f%%) %.2f items/s, ETA %.0fs", done, total, 100.0 * done / total, rate, eta);
    }
}
