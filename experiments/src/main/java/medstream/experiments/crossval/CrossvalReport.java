package medstream.experiments.crossval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import medstream.labeler.eval.LabelEvaluation;
import medstream.labeler.eval.StrategyMetrics;

/**
 * What a cross-validation run found: per strategy the pooled metrics over every held-out item (accuracy, macro-F1,
 * per-class F1, ECE, majority baseline, ACCEPT coverage and accuracy, the coverage curve, per-fold accuracies and
 * the gold-by-predicted counts), the same figures of the {@link ReferenceBaselines} (under their own key and table:
 * they are not labeler strategies), per fold the training figures and labeling times, and the run's settings.
 *
 * @param params      the run's settings
 * @param device      where the labeler ran
 * @param results     the strategies' predictions
 * @param baselines   the reference baselines' predictions
 * @param folds       per-fold figures
 * @param pretraining the pretrained base's figures ({@link PretrainedBase}), or null when the folds started from
 *                    random weights or a given base
 * @param wallSeconds the whole run
 * @param weakSupervision the labeling functions' analysis over the held-out items run (rows of lf-label-model), or
 *                    null while folds are still running
 */
public record CrossvalReport(CrossvalParams params, String device, CrossValidationResults results,
        CrossValidationResults baselines, List<Map<String, Object>> folds, Map<String, Object> pretraining,
        double wallSeconds, Map<String, Object> weakSupervision) {
    /** File names under the output directory. */
    public static final String JSON_FILE = "crossval.json";
    public static final String MARKDOWN_FILE = "crossval.md";
    public static final String PLOT_FILE = "coverage.png";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The JSON document. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preset", params.baselinesOnly() ? null
                : pretraining != null ? params.preset() + " (pretrained here)"
                : params.base() == null ? params.preset() : params.preset() + " (from base)");
        m.put("base", params.base() == null || params.baselinesOnly() || pretraining != null ? null
                : params.base().toString());
        m.put("pretraining", pretraining);
        m.put("device", device);
        m.put("wall_s", wallSeconds);
        m.put("process_cpu_s", CrossValidation.processCpuSeconds());
        m.put("folds_run", folds.size());
        m.put("folds_planned", params.folds());
        m.put("complete", folds.size() == params.folds());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("baselines_only", params.baselinesOnly());
        settings.put("strategies", params.baselinesOnly() ? List.of() : params.strategies());
        settings.put("epochs", params.epochs());
        settings.put("peak_lr", params.peakLr());
        settings.put("batch_size", params.batchSize());
        settings.put("dropout", params.dropout());
        settings.put("lora", params.lora());
        settings.put("vocab_size", params.vocabSize());
        settings.put("voc_items_per_fold", params.vocItems() == 0 ? "all" : params.vocItems());
        settings.put("max_train_items", params.maxTrainItems() == 0 ? "all" : params.maxTrainItems());
        settings.put("max_held_out", params.maxHeldOut() == 0 ? "all" : params.maxHeldOut());
        settings.put("prompt_version", params.promptVersion());
        settings.put("threshold", params.threshold());
        settings.put("seed", params.seed());
        settings.put("prompt_loss_weight", params.promptLossWeight());
        settings.put("class_weights", params.classWeights().option());
        settings.put("pretrain_epochs", params.pretrainEpochs());
        settings.put("training_signal", "question + LONG_ANSWER conclusion (stage-3 McqFormatter layout), loss on the"
                + " answer (prompt tokens weighted prompt_loss_weight), "
                + (params.classWeights() == FoldTasks.ClassWeights.BALANCED ? "class-balanced sample weights"
                        : "uniform sample weights"));
        m.put("settings", settings);
        m.put("strategies", results.toMaps());
        m.put("reference_baselines", baselineMaps());
        if (weakSupervision != null) m.put("weak_supervision", weakSupervision);
        m.put("folds", folds);
        return m;
    }

    /** Writes crossval.json, crossval.md and coverage.png under {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(JSON_FILE).toFile(), toMap());
        Files.writeString(dir.resolve(MARKDOWN_FILE), markdown(), StandardCharsets.UTF_8);
        List<StrategyMetrics> curves = new ArrayList<>(results.pooledMetrics());
        for (StrategyMetrics b : baselines.pooledMetrics()) curves.add(renamed(b, "reference " + b.strategy()));
        LabelEvaluation.writeCoveragePlot(curves, dir.resolve(PLOT_FILE));
    }

    /** Per baseline: what it is ({@code what}), then the same figures as a strategy's. */
    private List<Map<String, Object>> baselineMaps() {
        Map<String, String> what = ReferenceBaselines.descriptions();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : baselines.toMaps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("baseline", row.get("strategy"));
            m.put("what", what.get((String) row.get("strategy")));
            row.forEach((k, v) -> {
                if (!k.equals("strategy")) m.put(k, v);
            });
            out.add(m);
        }
        return out;
    }

    /** A short table per kind: one row per strategy, then one per reference baseline. */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        if (params.baselinesOnly()) {
            b.append(String.format(Locale.ROOT, "# PQA-L cross-validation: %d of %d fold(s), reference baselines only"
                    + " (no model trained, no strategy run), %.0f s%n%n", folds.size(), params.folds(), wallSeconds));
        } else {
            b.append(String.format(Locale.ROOT, "# PQA-L cross-validation: %d of %d fold(s), preset %s%s, %d epochs, "
                    + "%s class weights, device %s, %.0f s%n%n", folds.size(), params.folds(), params.preset(),
                    pretraining != null ? " (pretrained " + params.pretrainEpochs() + " epochs on unlabeled PubMedQA)"
                            : params.base() == null ? " (fresh)" : " from " + params.base(), params.epochs(),
                    params.classWeights().option(), device, wallSeconds));
            table(b, "strategy", results);
            b.append('\n');
        }
        b.append("## Reference baselines (not labeler strategies)\n\n")
                .append("Trained per fold on the fold's training items only and scored on its held-out items, without a "
                        + "language model: what the training items teach at all. Confidence is the baseline's probability "
                        + "of its label; ACCEPT means it reaches the labeler's threshold.\n\n");
        table(b, "baseline", baselines);
        b.append('\n');
        ReferenceBaselines.descriptions().forEach((name, what) -> b.append("- ").append(name).append(": ").append(what)
                .append('\n'));
        b.append("\nCoverage curve: ").append(PLOT_FILE).append("; everything else: ").append(JSON_FILE).append('\n');
        return b.toString();
    }

    private static void table(StringBuilder b, String kind, CrossValidationResults r) {
        b.append("| ").append(kind).append(" | n | accuracy | majority | macro-F1 | F1 yes / no / maybe | ECE | ACCEPT share |"
                + " ACCEPT accuracy | accuracy of top 20% / 50% | fold accuracy min-max |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (StrategyMetrics s : r.pooledMetrics()) {
            Map<Integer, Double> fa = r.foldAccuracies(s.strategy());
            double min = fa.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            double max = fa.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            b.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %s / %s / %s | %.3f | %.3f | %s | %.3f / %.3f | %.2f-%.2f |%n",
                    s.strategy(), s.n(), s.accuracy(), s.majorityBaseline(), s.macroF1(), f1(s, "yes"), f1(s, "no"),
                    f1(s, "maybe"), s.ece(), s.acceptedFraction(),
                    Double.isNaN(s.acceptedAccuracy()) ? "-" : String.format(Locale.ROOT, "%.3f", s.acceptedAccuracy()),
                    coverageAt(s, 0.2), coverageAt(s, 0.5), min, max));
        }
    }

    private static StrategyMetrics renamed(StrategyMetrics m, String name) {
        return new StrategyMetrics(name, m.n(), m.accuracy(), m.macroF1(), m.ece(), m.majorityBaseline(),
                m.acceptedFraction(), m.acceptedAccuracy(), m.perClassF1(), m.coverage());
    }

    private static String f1(StrategyMetrics s, String c) {
        Double v = s.perClassF1().get(c);
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static double coverageAt(StrategyMetrics s, double c) {
        return s.coverage().stream().filter(p -> Math.abs(p.coverage() - c) < 1e-9).findFirst()
                .map(StrategyMetrics.CoveragePoint::accuracy).orElse(Double.NaN);
    }
}
