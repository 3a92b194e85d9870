package medstream.cli.crossval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import medstream.contracts.McqTask;
import medstream.labeler.eval.CrossValidationFolds;
import medstream.lm.checkpoint.Checkpoint;
import medstream.lm.model.CausalLm;
import medstream.lm.model.ModelConfig;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.BpeTrainer;
import medstream.trainer.RoundInput;
import medstream.trainer.RoundResult;
import medstream.trainer.StageEngine;
import medstream.trainer.StageSpec;
import medstream.trainer.TrainerListener;
import medstream.trainer.checkpoint.VersionStore;
import medstream.trainer.config.StageConfig;
import medstream.trainer.config.TrainingHyperparameters;
import medstream.trainer.format.Example;
import medstream.trainer.format.UnformattableRecordException;
import medstream.trainer.round.RoundPlanner;

/**
 * Trains one fold's stage-3 model with the trainer's own code: the fold's parent version (a fresh preset model with a
 * tokenizer trained on the fold's training items, or the {@code --base} checkpoint) is put where stage 3 looks for
 * its parent, and trainer-consumer's {@link StageEngine} is fed the formatted training records from memory, as
 * {@code TrainerBenchmark}'s memory path does: one round of {@code epochs} passes, shuffled by the round composer,
 * written as the stage-3 checkpoint {@code s3-v0001} that the labeler then loads.
 */
final class FoldTrainer {
    /** Offsets in the fold's checkpoint are keyed by this pseudo topic (there is no Kafka here). */
    static final String TOPIC = "crossval.pqal";

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
        Path parent = root.resolve("stage2").resolve(VersionStore.name(2, 1));
        Files.createDirectories(parent.getParent());
        if (p.base() == null) {
            List<String> corpus = FoldTasks.tokenizerCorpus(fold.train());
            CrossValidationFolds.requireDisjoint("the tokenizer corpus of fold " + fold.index(), heldOutText, corpus);
            BpeTokenizer tokenizer = new BpeTrainer(p.vocabSize()).train(corpus);
            Path tokenizerFile = root.resolve(StageEngine.TOKENIZER_FILE);
            tokenizer.save(tokenizerFile);
            ModelConfig config = ModelConfig.preset(p.preset(), tokenizer.vocabSize()).withDropout(p.dropout())
                    .withSeed(p.seed());
            try (CausalLm model = CausalLm.create(config)) {
                Checkpoint.writer(model).tokenizerFiles(List.of(tokenizerFile)).writeTo(parent);
                figures.put("parameters", model.parameterCount());
            }
            figures.put("tokenizer_vocab", tokenizer.vocabSize());
            figures.put("tokenizer_texts", corpus.size());
        } else {
            Files.createSymbolicLink(parent, p.base().toAbsolutePath());
        }
        figures.put("prepare_s", seconds(t0));

        List<McqTask> tasks = FoldTasks.tasks(fold.train(), p.classWeights());
        CrossValidationFolds.requireDisjoint("the training questions of fold " + fold.index(), heldOutText,
                tasks.stream().map(McqTask::getQuestion).toList());
        CrossValidationFolds.requireDisjoint("the training conclusions of fold " + fold.index(), heldOutText,
                tasks.stream().map(McqTask::getContext).toList());
        int context = Checkpoint.open(parent).config().context();
        // The schedule is laid out over every record; the few that do not fit a row only shorten its tail.
        int steps = (int) Math.ceil((double) tasks.size() * p.epochs() / p.batchSize());
        TrainingHyperparameters hyper = hyperparameters(p, context, steps);
        try (StageEngine<McqTask> engine = StageEngine.open(StageSpec.STAGE3, hyper, root, TOPIC, TrainerListener.NONE,
                progress, null)) {
            List<Example> once = new ArrayList<>(tasks.size());
            long tokens = 0;
            List<String> unformattable = new ArrayList<>();
            for (McqTask t : tasks) {
                try {
                    Example e = withPromptLoss(engine.format(t), (float) p.promptLossWeight());
                    once.add(e);
                    tokens += e.length();
                } catch (UnformattableRecordException e) {
                    // As in the trainer, where such records go to the dead-letter topic: counted, never trained on.
                    unformattable.add(t.getId() + ": " + e.reason());
                }
            }
            if (once.isEmpty()) {
                throw new IllegalStateException("none of fold " + fold.index() + "'s " + tasks.size() + " training records"
                        + " fits a row of the model's context (" + context + " tokens); use a preset with a longer context");
            }
            List<Example> rows = new ArrayList<>(once.size() * p.epochs());
            for (int e = 0; e < p.epochs(); e++) rows.addAll(once);
            figures.put("parameters", engine.model().parameterCount());
            RoundResult r = engine.trainRound(new RoundInput(rows, Map.of(0, new long[] {0, once.size()}),
                    Map.of(0, (long) once.size()), Map.of(0, tokens), 0, RoundPlanner.Reason.CAUGHT_UP));
            List<double[]> curve = engine.state().lossCurve();
            figures.put("train_items", fold.train().size());
            figures.put("train_rows", once.size());
            figures.put("unformattable", unformattable.size());
            Map<String, Double> weights = new TreeMap<>();
            tasks.forEach(t -> weights.put(t.getAnswer(), t.getSampleWeight()));
            figures.put("class_weights", weights);
            figures.put("epochs", p.epochs());
            figures.put("steps", r.steps());
            figures.put("mean_row_tokens", (double) tokens / once.size());
            figures.put("trained_tokens", r.trainedTokens());
            figures.put("first_loss", curve.isEmpty() ? null : curve.get(0)[1]);
            figures.put("epoch_losses", epochLosses(curve, p.epochs()));
            figures.put("final_loss", Double.isFinite(r.finalLoss()) ? r.finalLoss() : null);
            figures.put("train_s", r.trainSeconds());
            figures.put("tokens_per_s", r.tokensPerSecond());
            figures.put("checkpoint_s", r.checkpointSeconds());
            figures.put("lora", hyper.stage3().usesLora());
            figures.put("prompt_loss_weight", p.promptLossWeight());
            return new TrainedFold(r.checkpoint(), figures);
        }
    }

    /**
     * Stage 3's hyperparameters with this run's rate, batch and adapters; no replay (one round, nothing earlier to
     * replay), and a linear schedule laid out over exactly the round's steps.
     */
    static TrainingHyperparameters hyperparameters(CrossvalParams p, int context, int steps) {
        TrainingHyperparameters h = TrainingHyperparameters.forPreset(p.preset());
        int presetContext = h.model(h.vocabSize()).context();
        if (presetContext != context) {
            throw new IllegalArgumentException("--preset " + p.preset() + " has a context of " + presetContext
                    + " tokens but the starting model has " + context + "; pass the preset the base was built with");
        }
        StageConfig s3 = h.stage3().withPeakLr(p.peakLr()).withBatchSize(p.batchSize()).withReplayFraction(0)
                .withLora(p.lora() ? h.stage3().lora() : null)
                .withPlannedTokens((long) Math.max(2, steps) * p.batchSize() * (context + 1));
        return h.withStage(s3).withEval(new TrainingHyperparameters.EvalConfig(0, 0, false));
    }

    /**
     * The row with its prompt targets weighted {@code w} instead of 0 (McqFormatter masks the prompt; the answer
     * keeps weight 1). Without it, each 110-token row teaches a model trained from scratch one token; with it, the
     * prompt gives dense gradients too (off by default: on fold 0 it did not help, see CrossvalParams).
     */
    static Example withPromptLoss(Example e, float w) {
        if (w == 0) return e;
        float[] mask = e.lossMask().clone();
        int answer = 0;
        while (answer < mask.length && mask[answer] == 0) answer++;
        for (int i = 0; i < answer; i++) mask[i] = w;
        return new Example(e.tokens(), mask, e.weight());
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

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
