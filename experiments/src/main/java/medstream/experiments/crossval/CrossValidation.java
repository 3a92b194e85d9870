package medstream.experiments.crossval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import medstream.experiments.ScratchDirs;
import medstream.experiments.lf.LfCrossValidation;
import medstream.labeler.LabelerConfig;
import medstream.labeler.eval.CrossValidationFolds;
import medstream.labeler.eval.LabelEvaluation;
import medstream.labeler.eval.Prediction;
import medstream.labeler.eval.StrategyComparison;
import medstream.labeler.lf.PubMedQaLfs;
import medstream.labeler.model.DjlLabelingModel;
import medstream.labeler.offline.PubMedQaFile;
import medstream.labeler.service.WorkerDevices;
import medstream.lm.ModelDirectory;
import medstream.lm.checkpoint.Checkpoint;
import medstream.topics.config.Settings;

/**
 * {@code ./medstream crossval}: for each PQA-L fold, trains a stage-3 model on the fold's training items
 * ({@link FoldTrainer}, the trainer's own code), labels the held-out items with every strategy through the labeler's
 * own pipeline ({@link StrategyComparison#predict}: validation, context fitting, strategy, confidence routing), and
 * pools the predictions into per-strategy metrics ({@link CrossValidationResults}). Before training, each fold also
 * trains and scores the {@link ReferenceBaselines} on the same items (alone with {@code baselinesOnly}). Writes
 * crossval.json, crossval.md and coverage.png under the output directory ({@link CrossvalReport}).
 */
public final class CrossValidation {
    private CrossValidation() {}

    /**
     * Runs the folds.
     *
     * @param requested what to run
     * @param progress  where progress lines go (stderr)
     * @return the report, already written to {@code p.out()}
     */
    public static CrossvalReport run(CrossvalParams requested, PrintStream progress) throws IOException {
        long t0 = System.nanoTime();
        // The folds run with these settings: the requested ones, with a pretrained base as the folds' start if asked.
        CrossvalParams p = requested;
        boolean trains = !p.baselinesOnly();
        if (trains && p.base() != null) requireUsableBase(p.base());
        List<CrossValidationFolds.Fold> all = CrossValidationFolds.read(p.trainval(), p.foldsFile());
        if (p.folds() > all.size()) {
            throw new IllegalArgumentException("--folds " + p.folds() + " but " + p.foldsFile() + " has " + all.size());
        }
        // Resolving "auto" starts the DJL engine, which a baselines-only run never needs.
        String device = !trains ? "none (baselines only)"
                : p.device().equalsIgnoreCase("auto") ? WorkerDevices.resolve("auto").get(0) : p.device();
        LabelerConfig labeler = LabelerConfig.from(Settings.load(null)
                .override(LabelerConfig.PROMPT_VERSION, p.promptVersion())
                .override(LabelerConfig.THRESHOLD, p.threshold()));
        CrossValidationResults results = new CrossValidationResults();
        CrossValidationResults baselines = new CrossValidationResults();
        List<Map<String, Object>> foldReports = new ArrayList<>();
        Path work = Files.createTempDirectory("medstream-crossval-");
        Map<String, Object> pretraining = null;
        long foldsStart = System.nanoTime();
        try {
            if (trains && p.pretrainEpochs() > 0) {
                if (p.base() != null) {
                    throw new IllegalArgumentException("--pretrain-epochs trains a base for fresh models; it cannot be"
                            + " combined with --base " + p.base());
                }
                List<PubMedQaFile.Item> trainval = new ArrayList<>(all.get(0).train());
                trainval.addAll(all.get(0).heldOut());
                PretrainedBase.Base base = PretrainedBase.train(p, FoldTasks.distinctiveTexts(trainval),
                        work.resolve("pretrain"), progress);
                pretraining = base.figures();
                progress.printf(Locale.ROOT, "[crossval] pretrained base: %s%n", pretraining);
                // Every weight is tuned from the base, as from random weights: adapters on a 4M model learn too little.
                p = p.withBase(base.checkpoint(), p.lora());
                foldsStart = System.nanoTime();
            }
            for (int k = 0; k < p.folds(); k++) {
                CrossValidationFolds.Fold fold = limit(all.get(k), p);
                long f0 = System.nanoTime();
                double cpu0 = processCpuSeconds();
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("fold", fold.index());
                report.put("held_out", fold.heldOut().size());
                long b0 = System.nanoTime();
                ReferenceBaselines.evaluate(fold, labeler.threshold(), baselines);
                report.put("baselines_s", (System.nanoTime() - b0) / 1e9);
                progress.printf(Locale.ROOT, "[crossval] fold %d reference baselines (%d training items): %s%n",
                        fold.index(), fold.train().size(), accuracies(baselines, fold.index()));
                if (trains) {
                    progress.printf(Locale.ROOT, "[crossval] fold %d (%d/%d): training on %d items, %d epochs, preset %s%s%n",
                            fold.index(), k + 1, p.folds(), fold.train().size(), p.epochs(), p.preset(),
                            p.base() == null ? " (fresh)" : " from " + p.base());
                    FoldTrainer.TrainedFold trained = FoldTrainer.train(p, fold, work.resolve("fold-" + fold.index()), progress);
                    report.put("training", trained.figures());
                    report.put("labeling_s", label(p, fold, trained.checkpoint(), device, labeler, results, progress));
                }
                report.put("wall_s", (System.nanoTime() - f0) / 1e9);
                report.put("process_cpu_s", processCpuSeconds() - cpu0);
                foldReports.add(report);
                ScratchDirs.deleteQuietly(work.resolve("fold-" + fold.index()));
                // Written after every fold, so a run stopped early still leaves the folds it finished.
                new CrossvalReport(p, device, results, baselines, foldReports, pretraining, (System.nanoTime() - t0) / 1e9,
                        null).write(p.out());
                if (trains) {
                    double elapsed = (System.nanoTime() - t0) / 1e9;
                    // From the folds' pace alone: a pretraining step before them is not repeated.
                    long eta = Math.round((System.nanoTime() - foldsStart) / 1e9 / (k + 1) * (p.folds() - k - 1));
                    progress.printf(Locale.ROOT, "[crossval] fold %d done in %.0f s: %s; elapsed %.0f s, ETA %d:%02d%n",
                            fold.index(), (System.nanoTime() - f0) / 1e9, accuracies(results, fold.index()), elapsed,
                            eta / 60, eta % 60);
                }
            }
        } finally {
            ScratchDirs.deleteQuietly(work);
        }
        List<CrossValidationFolds.Fold> ran = new ArrayList<>();
        for (int k = 0; k < p.folds(); k++) ran.add(limit(all.get(k), p));
        CrossvalReport report = new CrossvalReport(p, device, results, baselines, foldReports, pretraining,
                (System.nanoTime() - t0) / 1e9, LfCrossValidation.analysis(ran, PubMedQaLfs.defaults()));
        report.write(p.out());
        return report;
    }

    /** Labels a fold's held-out items with every strategy; returns seconds per strategy. */
    private static Map<String, Double> label(CrossvalParams p, CrossValidationFolds.Fold fold, Path checkpoint,
            String device, LabelerConfig labeler, CrossValidationResults results, PrintStream progress) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        try (DjlLabelingModel model = DjlLabelingModel.load(checkpoint, "crossval-fold" + fold.index(), device)) {
            for (String s : p.strategies()) {
                List<PubMedQaFile.Item> items = generates(s) && p.vocItems() > 0
                        ? fold.heldOut().subList(0, Math.min(p.vocItems(), fold.heldOut().size())) : fold.heldOut();
                long s0 = System.nanoTime();
                List<Prediction> predictions = StrategyComparison.predict(model, labeler.withStrategy(s), items);
                double took = (System.nanoTime() - s0) / 1e9;
                seconds.put(s, took);
                results.add(fold.index(), s, predictions);
                progress.printf(Locale.ROOT, "[crossval]   fold %d %-11s %d items in %5.1f s: accuracy %.3f%n", fold.index(),
                        s, items.size(), took, LabelEvaluation.accuracy(predictions));
            }
        }
        return seconds;
    }

    /** voc generates explanations and the ensemble runs voc plus sampled answers: the slow ones on CPU. */
    static boolean generates(String strategy) {
        return strategy.equals("voc") || strategy.equals("ensemble");
    }

    private static CrossValidationFolds.Fold limit(CrossValidationFolds.Fold f, CrossvalParams p) {
        return f.limit(p.maxTrainItems() > 0 ? p.maxTrainItems() : Integer.MAX_VALUE,
                p.maxHeldOut() > 0 ? p.maxHeldOut() : Integer.MAX_VALUE);
    }

    /**
     * A stage-3 version was tuned on PQA-L training folds, i.e. on most of every fold's held-out items: starting
     * from one would score the model on items it has seen. Stage-1 and stage-2 versions never see PQA-L labels.
     */
    static void requireUsableBase(Path base) {
        String name = base.getFileName() == null ? "" : base.getFileName().toString();
        // A Hugging Face directory without a manifest is a brought model (a Qwen2 / Llama checkpoint): it never saw a fold.
        String version = Files.isRegularFile(base.resolve(Checkpoint.MANIFEST)) ? Checkpoint.open(base).version() : "";
        if (version.isEmpty()) {
            try {
                ModelDirectory.kindOf(base);
            } catch (IOException e) {
                throw new IllegalArgumentException("--base " + base + ": " + e.getMessage(), e);
            }
        }
        if (version.startsWith("s3-") || name.startsWith("s3-")) {
            throw new IllegalArgumentException("--base " + base + " is a stage-3 version, which was tuned on the PQA-L"
                    + " folds this run holds out; start from a stage-2 (or stage-1) version, e.g. <out>/checkpoints/stage2/s2-v0001");
        }
    }

    private static String accuracies(CrossValidationResults r, int fold) {
        StringBuilder b = new StringBuilder();
        for (String s : r.strategies()) {
            Double a = r.foldAccuracies(s).get(fold);
            if (a == null) continue;
            if (b.length() > 0) b.append(", ");
            b.append(s).append(String.format(Locale.ROOT, " %.3f", a));
        }
        return b.toString();
    }

    /**
     * CPU seconds this process has used: on shared cores the wall time says more about the neighbours than about
     * the run, the CPU time does not (it may be NaN where the JVM does not report it).
     */
    static double processCpuSeconds() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }
}
