package medstream.experiments.crossval;

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
import medstream.trainer.api.CorpusPretraining;
import medstream.trainer.api.TrainedVersion;

/**
 * The knowledge-injection step before a cross-validation's folds (AntGLM-Med's stage 1, with the trainer's own
 * stage-1 code): a fresh model of the run's preset, with a tokenizer trained on the pretraining corpus only, trained
 * for {@code pretrainEpochs} passes over {@link PretrainCorpus} chunks (packed rows, loss on every token), written as a
 * stage-1 checkpoint that every fold then starts from instead of random weights. The corpus holds no PQA-L trainval
 * text (checked here), so the base has seen no fold's training or held-out item.
 */
final class PretrainedBase {
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
        TrainedVersion v = CorpusPretraining.pretrain(p.preset(), p.seed(), tokenizer, records, p.pretrainEpochs(), root,
                progress);
        progress.printf("[crossval] pretraining: %d texts, %d chunks, %d tokens, %d epochs, vocabulary %d%n",
                corpus.size(), v.rows(), v.rowTokens(), p.pretrainEpochs(), tokenizer.vocabSize());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("files", p.pretrainFiles().stream().map(Path::toString).toList());
        figures.put("texts", corpus.size());
        figures.put("chunks", v.rows());
        figures.put("unformattable", v.unformattable().size());
        figures.put("tokens_per_epoch", v.rowTokens());
        figures.put("epochs", p.pretrainEpochs());
        figures.put("steps", v.steps());
        figures.put("tokenizer_vocab", tokenizer.vocabSize());
        figures.put("parameters", v.parameters());
        figures.put("first_loss", v.lossCurve().isEmpty() ? null : v.lossCurve().get(0)[1]);
        figures.put("final_loss", Double.isFinite(v.finalLoss()) ? v.finalLoss() : null);
        figures.put("train_s", v.trainSeconds());
        figures.put("tokens_per_s", v.tokensPerSecond());
        figures.put("wall_s", (System.nanoTime() - t0) / 1e9);
        return new Base(v.checkpoint(), figures);
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
}
