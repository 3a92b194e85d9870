package medstream.experiments.bench.labeler;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import medstream.contracts.LabelRequest;
import medstream.labeler.LabelerConfig;
import medstream.labeler.core.LabelingOutcome;
import medstream.labeler.core.LabelingPipeline;
import medstream.labeler.lf.WeakStrategies;
import medstream.labeler.lf.WeakSupervisionStrategy;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.strategy.EnsembleStrategy;
import medstream.labeler.strategy.LabelingStrategy;
import medstream.labeler.strategy.Strategies;

/**
 * {@code ./medstream bench labeler --strategy weak}: what weak supervision costs the labeler's batched throughput.
 * The same requests, model and batches through strategy {@code weak} (labeling functions + the configured model voters +
 * the label model) and through the plain {@code ensemble} of the same model voters (the strategy weak replaces), timed
 * in alternating rounds ({@link AlternatingRounds}), beside a third path with the rules and label model alone (no model
 * voter), which isolates what the label model path itself costs. The label model's fit for the model version (every voter on every
 * gold item, then the label models) is a one-off per version, timed on its own before the rounds.
 */
public final class WeakOverheadBenchmark {
    private WeakOverheadBenchmark() {}

    /**
     * The result.
     *
     * @param weak       weak's timed rounds
     * @param ensemble   the voters-only ensemble's timed rounds
     * @param fitSeconds the one-off fit of weak for the model version
     */
    public record Result(int requests, int batchSize, List<String> modelVoters, PathStats weak, PathStats ensemble,
                         PathStats rules, double fitSeconds, String device, String modelVersion, int warmups) {
        /** weak's median batched rps over the ensemble's: 1 means weak supervision costs nothing. */
        public double ratio() { return ensemble.median() / weak.median(); }

        /** The rules and label model alone (no model voter) over the ensemble's time: what the label model path adds. */
        public double labelModelShare() { return rules.median() / ensemble.median(); }

        /** What {@code bench labeler --strategy weak --json} prints. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("weak_rps", requests / weak.median());
            m.put("ensemble_rps", requests / ensemble.median());
            m.put("ratio", ratio());
            m.put("overhead", 1 - ratio());
            m.put("rules_rps", requests / rules.median());
            m.put("label_model_share", labelModelShare());
            m.put("fit_seconds", fitSeconds);
            // The fit in units of the labeling it delays: requests the ensemble labels in the same time.
            m.put("fit_equivalent_requests", fitSeconds * requests / ensemble.median());
            m.put("requests", requests);
            m.put("batch_size", batchSize);
            m.put("strategy", WeakSupervisionStrategy.NAME);
            m.put("model_voters", modelVoters);
            m.put("device", device);
            m.put("model_version", modelVersion);
            m.put("warmups", warmups);
            m.put("rounds", weak.seconds().size());
            m.put("weak", weak.toMap(requests));
            m.put("ensemble", ensemble.toMap(requests));
            m.put("rules", rules.toMap(requests));
            return m;
        }
    }

    /**
     * Benchmarks a loaded model (the caller closes it) with {@code config}'s weak settings (gold file, folds, voters).
     *
     * @throws IllegalArgumentException when weak has no model voters (there would be nothing to compare it with)
     */
    public static Result run(LabelingModel model, LabelerConfig config, List<LabelRequest> requests, int warmups, int rounds,
                             Consumer<String> progress) {
        if (requests.isEmpty()) throw new IllegalArgumentException("the benchmark needs at least one request");
        List<String> voterNames = config.weak().modelVoters();
        if (voterNames.isEmpty()) {
            throw new IllegalArgumentException("the weak benchmark compares weak with its model voters alone; set "
                    + LabelerConfig.WEAK_MODEL_VOTERS.key() + " (e.g. ppl,long-answer)");
        }
        WeakSupervisionStrategy weak = WeakStrategies.create(config);
        // The rules and a label model fitted on them alone: the label model path without any model voter's call.
        WeakSupervisionStrategy rulesOnly = WeakStrategies.create(config.weak());
        List<LabelingStrategy> voters = new ArrayList<>();
        for (String name : voterNames) voters.add(Strategies.create(name, config));

        long t0 = System.nanoTime();
        weak.outOfFold(model); // fits the label model for this version, as the calibrating loader does on a new version
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        if (progress != null) progress.accept(String.format(java.util.Locale.ROOT, "weak fit for %s: %.1f s", model.version(), fitSeconds));

        int batch = config.maxBatchSize();
        List<AlternatingRounds.Timed<List<LabelingOutcome>>> timed = AlternatingRounds.time(
                List.of(LabelerBenchmark.inBatches(new LabelingPipeline(weak, config, Clock.systemUTC()), requests, batch, model),
                        LabelerBenchmark.inBatches(new LabelingPipeline(new EnsembleStrategy(voters), config, Clock.systemUTC()),
                                requests, batch, model),
                        LabelerBenchmark.inBatches(new LabelingPipeline(rulesOnly, config, Clock.systemUTC()), requests, batch, model)),
                List.of("weak", "ensemble", "rules"), warmups, rounds, progress);
        return new Result(requests.size(), batch, voterNames, timed.get(0).stats(), timed.get(1).stats(), timed.get(2).stats(), fitSeconds,
                model.device(), model.version(), warmups);
    }
}
