package medstream.experiments.crossval;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import medstream.labeler.strategy.Strategies;

/**
 * Every setting of a cross-validation run, with its default in one place ({@link #defaults}).
 *
 * <p>Where the training defaults come from (docs/BENCHMARKS.md, "Labeler cross-validation on PQA-L" and "Cross-validation,
 * session 3"): the model has to learn the yes/no/maybe task from 450 items, so the run trains on the shortest signal
 * PQA-L offers (question + the abstract's conclusion, the {@code long-answer} strategy's input, in trainer-consumer's
 * stage-3 layout) with the loss on the answer (McqFormatter masks the prompt). Records weigh 1
 * ({@code classWeights none}): class-balanced weights cost long-answer 13 points of accuracy (0.434 against 0.560)
 * for no gain in macro-F1. Every fold starts from random weights ({@code pretrainEpochs 0}): a base pretrained for 5
 * epochs on unlabeled PubMedQA text reached 0.540, no better (the 0.570-0.578 first measured with it came from a
 * tokenizer that split two of the three options into two pieces). Against the majority class 0.552 and a naive
 * Bayes over the same words 0.570. Three epochs of the {@code small} preset are what two cores afford (about 45 s per
 * fold on a quiet machine); more epochs memorise the training items. {@code tiny}'s 128-token window rejects voc and
 * many long-answer prompts in the labeler's own context check; it is for tests.
 *
 * @param trainval      {@code pqal_trainval.json}
 * @param foldsFile     {@code pqal_cv_folds.json}
 * @param out           output directory (crossval.json, crossval.md, coverage.png)
 * @param folds         how many folds to run, the first ones in file order (1..10)
 * @param strategies    labeler strategies to evaluate, in report order
 * @param preset        lm preset of a fresh model (tiny, small, base, large); with {@code base} it must match its shape
 * @param base          a checkpoint to start every fold from (e.g. a stage-2 version), or null for a fresh model
 * @param vocabSize     BPE vocabulary of a fresh model's tokenizer (trained on the fold's training items only)
 * @param epochs        passes over the fold's training rows
 * @param peakLr        peak learning rate (linear decay to 0 after a 6% warm-up, as stage 3)
 * @param batchSize     rows per optimizer step
 * @param dropout       dropout of a fresh model while training
 * @param lora          true: train LoRA adapters over a frozen base (stage 3's default, sensible with {@code base});
 *                      false: train every weight (the only sensible choice for a fresh model)
 * @param vocItems      most held-out items per fold for {@code voc} and {@code ensemble} (they generate text, which is
 *                      slow on CPU); 0 = all
 * @param maxTrainItems most training items per fold, 0 = all (smoke runs and tests only)
 * @param maxHeldOut    most held-out items per fold, 0 = all (smoke runs and tests only)
 * @param promptVersion labeler prompt templates; v2 is trainer-consumer's stage-3 layout, the one the model is tuned on
 * @param threshold     labeler ACCEPT threshold
 * @param device        cpu, gpuN, or auto (the first GPU DJL sees, else cpu)
 * @param seed          model initialisation and data-order seed
 * @param promptLossWeight weight of the prompt tokens' language-model loss relative to the answer's (0 = answer only,
 *                      McqFormatter's mask, the default); a small weight gives a fresh model dense gradients on what
 *                      the text says while the answer keeps the most weight per token
 * @param classWeights  how the training records are weighted by gold class ({@link FoldTasks.ClassWeights})
 * @param baselinesOnly true: train no model and run no strategy, only the reference baselines
 *                      ({@link ReferenceBaselines}, seconds); they run in every cross-validation anyway
 * @param pretrainEpochs passes of knowledge injection (stage 1, AntGLM-Med's first step) over {@code pretrainFiles}
 *                      before the folds, for a fresh model: one pretrained base, shared by every fold, that no
 *                      PQA-L training or held-out item is in ({@link PretrainCorpus}); 0 = none (each fold starts
 *                      from random weights)
 * @param pretrainFiles unlabeled PubMedQA text for the pretraining ({@link PretrainCorpus#defaultFiles})
 */
public record CrossvalParams(Path trainval, Path foldsFile, Path out, int folds, List<String> strategies, String preset,
        Path base, int vocabSize, int epochs, double peakLr, int batchSize, double dropout, boolean lora, int vocItems,
        int maxTrainItems, int maxHeldOut, String promptVersion, double threshold, String device, long seed,
        double promptLossWeight, FoldTasks.ClassWeights classWeights, boolean baselinesOnly, int pretrainEpochs,
        List<Path> pretrainFiles) {

    /** Default preset: see docs/BENCHMARKS.md, "Labeler cross-validation on PQA-L" for why. */
    public static final String DEFAULT_PRESET = "small";
    /** Default passes of knowledge injection before the folds: none (see above). */
    public static final int DEFAULT_PRETRAIN_EPOCHS = 0;

    /** Validates. */
    public CrossvalParams {
        strategies = List.copyOf(strategies);
        if (strategies.isEmpty()) throw new IllegalArgumentException("--strategies names none; use some of " + Strategies.MODEL_NAMES);
        for (String s : strategies) {
            if (!Strategies.MODEL_NAMES.contains(s)) {
                throw new IllegalArgumentException("--strategies: '" + s + "' is not one of " + Strategies.MODEL_NAMES);
            }
        }
        if (folds < 1) throw new IllegalArgumentException("--folds must be >= 1, got " + folds);
        if (epochs < 1 || batchSize < 1 || vocabSize < 300) {
            throw new IllegalArgumentException("need epochs >= 1, batch >= 1 and a vocabulary >= 300, got " + epochs + ", "
                    + batchSize + ", " + vocabSize);
        }
        if (!(peakLr > 0) || !(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("need a positive learning rate and dropout in [0,1), got " + peakLr + ", "
                    + dropout);
        }
        if (vocItems < 0 || maxTrainItems < 0 || maxHeldOut < 0) throw new IllegalArgumentException("item caps must be >= 0");
        if (!(promptLossWeight >= 0 && promptLossWeight <= 1)) {
            throw new IllegalArgumentException("--prompt-loss-weight must be in [0, 1], got " + promptLossWeight);
        }
        if (classWeights == null) throw new IllegalArgumentException("--class-weights is missing: give balanced or none");
        if (pretrainEpochs < 0) throw new IllegalArgumentException("--pretrain-epochs must be >= 0, got " + pretrainEpochs);
        pretrainFiles = List.copyOf(pretrainFiles);
        preset = preset.toLowerCase(Locale.ROOT);
    }

    /** The defaults for the shared PQA-L files under {@code dataDir}, writing to {@code out}. */
    public static CrossvalParams defaults(Path dataDir, Path out) {
        Path pqal = dataDir.resolve("pubmedqa-pqal");
        return new CrossvalParams(pqal.resolve("pqal_trainval.json"), pqal.resolve("pqal_cv_folds.json"), out, 10,
                Strategies.MODEL_NAMES, DEFAULT_PRESET, null, 4096, 3, 1e-3, 8, 0.0, false, 10, 0, 0, "v2", 0.6, "auto", 1337L,
                0.0, FoldTasks.ClassWeights.NONE, false, DEFAULT_PRETRAIN_EPOCHS, PretrainCorpus.defaultFiles(dataDir));
    }

    /** The same run with another model shape and strategies. */
    public CrossvalParams withModel(String presetName, int vocab, List<String> strategyNames) {
        return new CrossvalParams(trainval, foldsFile, out, folds, strategyNames, presetName, base, vocab, epochs, peakLr,
                batchSize, dropout, lora, vocItems, maxTrainItems, maxHeldOut, promptVersion, threshold, device, seed,
                promptLossWeight, classWeights, baselinesOnly, pretrainEpochs, pretrainFiles);
    }

    /** The same run with every fold starting from {@code start} (a pretrained base), training adapters or not. */
    public CrossvalParams withBase(Path start, boolean adapters) {
        return new CrossvalParams(trainval, foldsFile, out, folds, strategies, preset, start, vocabSize, epochs, peakLr,
                batchSize, dropout, adapters, vocItems, maxTrainItems, maxHeldOut, promptVersion, threshold, device, seed,
                promptLossWeight, classWeights, baselinesOnly, pretrainEpochs, pretrainFiles);
    }

    /** The same run, training no model and running no strategy when {@code only}: the reference baselines alone. */
    public CrossvalParams withBaselinesOnly(boolean only) {
        return new CrossvalParams(trainval, foldsFile, out, folds, strategies, preset, base, vocabSize, epochs, peakLr,
                batchSize, dropout, lora, vocItems, maxTrainItems, maxHeldOut, promptVersion, threshold, device, seed,
                promptLossWeight, classWeights, only, pretrainEpochs, pretrainFiles);
    }
}
