package medstream.trainer.api;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import medstream.contracts.CorpusText;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.trainer.StageEngine;
import medstream.trainer.StageSpec;
import medstream.trainer.TrainerListener;
import medstream.trainer.config.StageConfig;
import medstream.trainer.config.TrainingHyperparameters;

/**
 * Stage-1 pretraining from memory: a fresh model of a preset, with a given tokenizer, trained on texts with the
 * stage-1 trainer's own code (documents packed into rows, loss on every token, the preset's stage-1 rate and batch);
 * one round of {@code epochs} passes, no replay, no evaluation, the schedule laid out over exactly those tokens.
 */
public final class CorpusPretraining {
    private CorpusPretraining() {}

    /**
     * Pretrains a version.
     *
     * @param preset the lm preset of the model and of the stage-1 defaults
     * @param seed the model's initialisation and the data-order seed
     * @param tokenizer the model's tokenizer (which the version carries)
     * @param texts the texts, one document each
     * @param epochs passes over the texts
     * @param root where the version goes: {@code root/stage1/s1-v0001}, next to the untrained model {@link FreshModel#DIRECTORY}
     * @param progress where the progress lines go
     * @return the version and its figures ({@code rows}: the documents formatted)
     */
    public static TrainedVersion pretrain(String preset, long seed, BpeTokenizer tokenizer, List<CorpusText> texts,
            int epochs, Path root, PrintStream progress) throws IOException {
        if (epochs < 1) {
            throw new IllegalArgumentException("need epochs >= 1, got " + epochs);
        }
        long plannedTokens = 0;
        for (CorpusText t : texts) {
            plannedTokens += tokenizer.encode(t.getText()).length + 1; // + EOS, as the formatter ends each document
        }
        plannedTokens *= epochs;
        TrainingHyperparameters h = TrainingHyperparameters.forPreset(preset).withSeed(seed);
        StageConfig s1 = h.stage1().withPlannedTokens(Math.max(1, plannedTokens)).withReplayFraction(0);
        TrainingHyperparameters hyper = h.withStage(s1).withEval(new TrainingHyperparameters.EvalConfig(0, 0, false));
        Path untrained = root.resolve(FreshModel.DIRECTORY);
        FreshModel.write(untrained, hyper.model(tokenizer.vocabSize()), tokenizer);
        try (StageEngine<CorpusText> engine = StageEngine.openFromParent(StageSpec.STAGE1, hyper, untrained, root,
                TrainerListener.NONE, progress)) {
            return MemoryRound.train(engine, MemoryRound.format(engine, texts, CorpusText::getId, e -> e), epochs);
        }
    }
}
