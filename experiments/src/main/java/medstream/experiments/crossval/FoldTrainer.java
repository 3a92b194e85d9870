package medstream.experiments.crossval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import medstream.contracts.McqTask;
import medstream.labeler.eval.CrossValidationFolds;
import medstream.lm.model.ModelConfig;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.BpeTrainer;
import medstream.trainer.api.FreshModel;
import medstream.trainer.api.McqTuning;
import medstream.trainer.api.TrainedVersion;

/**
 * Trains one fold's stage-3 model with the trainer's own code ({@link McqTuning}): from the {@code --base} checkpoint,
 * or from a fresh preset model whose tokenizer is trained on the fold's training items only ({@link FreshModel}); one
 * round of {@code epochs} passes, written as the stage-3 version that the labeler then loads.
 */
final class FoldTrainer {
    private FoldTrainer() {}

    /**
     * A trained fold.
     *
     * @param checkpoint the stage-3 checkpoint
     * @param figures    training figures for the report
     */
    record TrainedFold(Path checkpoint, Map<String, Object> figures) {}

    static TrainedFold train(CrossvalParams p, CrossValidationFolds.Fold fold, Path root, PrintStream progress)
            throws IOException {
        Map<String, Object> figures = new LinkedHashMap<>();
        List<String> heldOutText = FoldTasks.distinctiveTexts(fold.heldOut());
        long t0 = System.nanoTime();
        Path parent = p.base();
        if (parent == null) {
            List<String> corpus = FoldTasks.tokenizerCorpus(fold.train());
            CrossValidationFolds.requireDisjoint("the tokenizer corpus of fold " + fold.index(), heldOutText, corpus);
            BpeTokenizer tokenizer = new BpeTrainer(p.vocabSize()).train(corpus);
            parent = root.resolve(FreshModel.DIRECTORY);
            figures.put("parameters", FreshModel.write(parent, ModelConfig.preset(p.preset(), tokenizer.vocabSize())
                    .withDropout(p.dropout()).withSeed(p.seed()), tokenizer));
            figures.put("tokenizer_vocab", tokenizer.vocabSize());
            figures.put("tokenizer_texts", corpus.size());
        }
        figures.put("prepare_s", (System.nanoTime() - t0) / 1e9);

        List<McqTask> tasks = FoldTasks.tasks(fold.train(), p.classWeights());
        CrossValidationFolds.requireDisjoint("the training questions of fold " + fold.index(), heldOutText,
                tasks.stream().map(McqTask::getQuestion).toList());
        CrossValidationFolds.requireDisjoint("the training conclusions of fold " + fold.index(), heldOutText,
                tasks.stream().map(McqTask::getContext).toList());
        TrainedVersion v = McqTuning.tune(parent, tasks, new McqTuning.Settings(p.preset(), p.peakLr(), p.batchSize(),
                p.epochs(), p.lora(), p.promptLossWeight(), p.seed()), root, progress);
        figures.put("parameters", v.parameters());
        figures.put("train_items", fold.train().size());
        figures.put("train_rows", v.rows());
        figures.put("unformattable", v.unformattable().size());
        Map<String, Double> weights = new TreeMap<>();
        tasks.forEach(t -> weights.put(t.getAnswer(), t.getSampleWeight()));
        figures.put("class_weights", weights);
        figures.put("epochs", p.epochs());
        figures.put("steps", v.steps());
        figures.put("mean_row_tokens", (double) v.rowTokens() / v.rows());
        figures.put("trained_tokens", v.trainedTokens());
        figures.put("first_loss", v.lossCurve().isEmpty() ? null : v.lossCurve().get(0)[1]);
        figures.put("epoch_losses", epochLosses(v.lossCurve(), p.epochs()));
        figures.put("final_loss", Double.isFinite(v.finalLoss()) ? v.finalLoss() : null);
        figures.put("train_s", v.trainSeconds());
        figures.put("tokens_per_s", v.tokensPerSecond());
        figures.put("checkpoint_s", v.checkpointSeconds());
        figures.put("lora", p.lora());
        figures.put("prompt_loss_weight", p.promptLossWeight());
        return new TrainedFold(v.checkpoint(), figures);
    }

    /** Mean loss of each epoch's share of the steps (the rows of all epochs are shuffled together). */
    static List<Double> epochLosses(List<double[]> curve, int epochs) {
        List<Double> out = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            int from = curve.size() * e / epochs;
            int to = curve.size() * (e + 1) / epochs;
            double sum = 0;
            for (int i = from; i < to; i++) sum += curve.get(i)[1];
            out.add(to > from ? sum / (to - from) : Double.NaN);
        }
        return out;
    }
}
