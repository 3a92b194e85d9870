package medstream.cli.crossval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medstream.contracts.CorpusText;
import medstream.labeler.core.InputValidator;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.BpeTrainer;
import medstream.trainer.RoundInput;
import medstream.trainer.RoundResult;
import medstream.trainer.StageEngine;
import medstream.trainer.StageSpec;
import medstream.trainer.TrainerListener;
import medstream.trainer.config.StageConfig;
import medstream.trainer.config.TrainingHyperparameters;
import medstream.trainer.format.Example;
import medstream.trainer.format.UnformattableRecordException;
import medstream.trainer.round.RoundPlanner;

/**
 * The knowledge-injection step before a cross-validation's folds (AntGLM-Med's stage 1, with the trainer's own
 * stage-1 code): a fresh model of the run's preset, with a tokenizer trained on the pretraining corpus only, trained
 * for {@code pretrainEpochs} passes over {@link PretrainCorpus} chunks (packed rows, loss on every token), written as a
 * stage-1 checkpoint that every fold then starts from instead of random weights. The corpus holds no PQA-L trainval
 * text (checked here), so the base has seen no fold's training or held-out item.
 */
final class PretrainedBase {
    static final String TOPIC = "crossval.pretrain";

    private PretrainedBase() {}

    /**
     * A pretrained base.
     *
     * @param checkpoint the stage-1 checkpoint
     * @param figures    corpus and training figures for the report
     */
    record Base(Path checkpoint, Map<String, Object> figures) {}

    static Base train(CrossvalParams p, List<String> trainvalTexts, Path root, PrintStream progress) throws IOException {
        long t0 = System.nanoTime();
        List<String> corpus = PretrainCorpus.read(p.pretrainFiles());
        PretrainCorpus.requireNoneOf("the pretraining corpus " + p.pretrainFiles(), trainvalTexts, corpus);
        BpeTokenizer tokenizer = tokenizer(corpus, p.vocabSize());

        List<CorpusText> records = new ArrayList<>();
        for (String text : corpus) {
            for (String chunk : PretrainCorpus.chunks(text, PretrainCorpus.CHUNK_WORDS)) {
                records.add(CorpusText.newBuilder().setId("pretrain:" + records.size()).setText(chunk).setLanguage("en")
                        .setSourceKind("DOCUMENT").setSource("pubmedqa-unlabeled").setOriginIds(List.of())
                        .setApproxTokens(chunk.split(" ").length).build());
            }
        }
        long plannedTokens = 0;
        for (CorpusText r : records) plannedTokens += tokenizer.encode(r.getText()).length + 1;
        plannedTokens *= p.pretrainEpochs();
        TrainingHyperparameters h = TrainingHyperparameters.forPreset(p.preset());
        try (StageEngine<CorpusText> engine = StageEngine.open(StageSpec.STAGE1, hyperparameters(h, plannedTokens), root, TOPIC,
                TrainerListener.NONE, progress, tokenizer)) {
            List<Example> once = new ArrayList<>();
            long tokens = 0;
            int unformattable = 0;
            for (CorpusText r : records) {
                try {
                    Example e = engine.format(r);
                    once.add(e);
                    tokens += e.length();
                } catch (UnformattableRecordException e) {
                    unformattable++;
                }
            }
            List<Example> rows = new ArrayList<>();
            for (int e = 0; e < p.pretrainEpochs(); e++) rows.addAll(once);
            progress.printf("[crossval] pretraining: %d texts, %d chunks, %d tokens, %d epochs, vocabulary %d%n",
                    corpus.size(), once.size(), tokens, p.pretrainEpochs(), tokenizer.vocabSize());
            RoundResult r = engine.trainRound(new RoundInput(rows, Map.of(0, new long[] {0, once.size()}),
                    Map.of(0, (long) once.size()), Map.of(0, tokens * p.pretrainEpochs()), 0,
                    RoundPlanner.Reason.CAUGHT_UP));
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("files", p.pretrainFiles().stream().map(Path::toString).toList());
            figures.put("texts", corpus.size());
            figures.put("chunks", once.size());
            figures.put("unformattable", unformattable);
            figures.put("tokens_per_epoch", tokens);
            figures.put("epochs", p.pretrainEpochs());
            figures.put("steps", r.steps());
            figures.put("tokenizer_vocab", tokenizer.vocabSize());
            figures.put("parameters", engine.model().parameterCount());
            figures.put("first_loss", engine.state().lossCurve().isEmpty() ? null : engine.state().lossCurve().get(0)[1]);
            figures.put("final_loss", Double.isFinite(r.finalLoss()) ? r.finalLoss() : null);
            figures.put("train_s", r.trainSeconds());
            figures.put("tokens_per_s", r.tokensPerSecond());
            figures.put("wall_s", (System.nanoTime() - t0) / 1e9);
            return new Base(r.checkpoint(), figures);
        }
    }

    /**
     * The base's tokenizer, trained on the corpus and, as a fold's tokenizer, on answer tails: here every option once
     * per corpus text (the folds' rows are not known yet), so that " yes", " no", " maybe" are one token each for
     * every fold tuned from this base (the strategies score an option by its mean log-likelihood per token).
     */
    static BpeTokenizer tokenizer(List<String> corpus, int vocabSize) {
        List<String> texts = new ArrayList<>(corpus);
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) answers.addAll(InputValidator.KNOWN_OPTIONS);
        texts.addAll(FoldTasks.answerTails(answers));
        return new BpeTrainer(vocabSize).train(texts);
    }

    /** Stage 1 without replay or evaluation, its schedule laid out over exactly the planned tokens. */
    private static TrainingHyperparameters hyperparameters(TrainingHyperparameters h, long plannedTokens) {
        StageConfig s1 = h.stage1().withPlannedTokens(Math.max(1, plannedTokens)).withReplayFraction(0);
        return h.withStage(s1).withEval(new TrainingHyperparameters.EvalConfig(0, 0, false));
    }
}
