package medstream.cli.crossval;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import medstream.cli.CliSettings;
import medstream.experiments.crossval.CrossValidation;
import medstream.experiments.crossval.CrossvalParams;
import medstream.experiments.crossval.CrossvalReport;
import medstream.experiments.crossval.FoldTasks;
import medstream.labeler.strategy.Strategies;
import medstream.topics.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./medstream crossval}: cross-validation of the labeler on the PQA-L folds ({@link CrossValidation}).
 * Progress on stderr, the result table on stdout, everything in {@code --out}.
 */
@Command(name = "crossval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cross-validates the labeler on the 10 official PQA-L folds: per fold, trains a stage-3 model on the "
                + "450 training items with the trainer's code (from --base, or a fresh --preset model whose BPE tokenizer "
                + "sees only those items), labels the 50 held-out items with each strategy through the labeler's pipeline "
                + "and routing, and pools the 500 predictions per strategy. Next to them, reference baselines trained on "
                + "the same 450 items without a language model (majority class, word-count naive Bayes) show what the "
                + "items teach at all; --baselines-only runs just those.",
                "Writes <out>/crossval.json (accuracy, macro-F1, per-class F1, ECE, majority baseline, ACCEPT coverage "
                        + "and accuracy, coverage curve, per-fold accuracy, training figures, reference baselines), <out>/coverage.png and "
                        + "<out>/crossval.md."})
public final class CrossvalCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory of the shared data sets (default: ../shared/data beside the repository).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/crossval", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--folds", paramLabel = "N", defaultValue = "10", description = "Run the first N folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--strategies", paramLabel = "LIST", split = ",", defaultValue = "voc,ppl,long-answer,ensemble",
            description = "Strategies to evaluate (default: ${DEFAULT-VALUE}).")
    List<String> strategies;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = CrossvalParams.DEFAULT_PRESET,
            description = "lm preset of the fresh model: tiny, small, base, large; with --base, the base's preset (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--base", paramLabel = "DIR",
            description = "Start every fold from this checkpoint (e.g. <out>/checkpoints/stage2/s2-v0001 of a local run) or "
                    + "Hugging Face Qwen2 / Llama directory instead of a fresh model; its tokenizer (and chat template) is used. "
                    + "A stage-3 version is refused (it saw the held-out items).")
    Path base;

    @Option(names = "--lora", negatable = true, description = "Train LoRA adapters instead of every weight (default: on with --base, off for a fresh model).")
    Boolean lora;

    @Option(names = "--epochs", paramLabel = "E", description = "Passes over each fold's training items (default: 3).")
    Integer epochs;

    @Option(names = "--lr", paramLabel = "RATE", description = "Peak learning rate, linear decay (default: 1e-3).")
    Double lr;

    @Option(names = "--batch", paramLabel = "B", description = "Rows per optimizer step (default: 8).")
    Integer batch;

    @Option(names = "--dropout", paramLabel = "P", description = "Dropout of a fresh model while training (default: 0).")
    Double dropout;

    @Option(names = "--prompt-loss-weight", paramLabel = "W",
            description = "Weight of the prompt tokens' LM loss next to the answer's 1 (0 = answer only, the default).")
    Double promptLossWeight;

    @Option(names = "--vocab", paramLabel = "V", description = "BPE vocabulary of a fresh model's tokenizer (default: 4096).")
    Integer vocab;

    @Option(names = "--voc-items", paramLabel = "N",
            description = "Most held-out items per fold for voc and ensemble, which generate text (0 = all; default: 10).")
    Integer vocItems;

    @Option(names = "--max-train-items", paramLabel = "N", defaultValue = "0", description = "Smoke runs: most training items per fold (0 = all).")
    int maxTrainItems;

    @Option(names = "--max-held-out", paramLabel = "N", defaultValue = "0", description = "Smoke runs: most held-out items per fold (0 = all).")
    int maxHeldOut;

    @Option(names = "--prompt-version", paramLabel = "V", defaultValue = "v2",
            description = "Labeler prompt templates; v2 is the stage-3 layout the model is tuned on (default: ${DEFAULT-VALUE}).")
    String promptVersion;

    @Option(names = "--threshold", paramLabel = "P", description = "ACCEPT threshold of the labeler (default: medstream.labeler.threshold, 0.6).")
    Double threshold;

    @Option(names = "--class-weights", paramLabel = "W",
            description = "Sample weights of the training records: balanced (every class the same total weight) or none"
                    + " (every record 1) (default: none).")
    String classWeights;

    @Option(names = "--baselines-only",
            description = "Train no model and run no strategy: only the reference baselines (majority class; naive Bayes"
                    + " over question + conclusion, the conclusion alone, question + contexts), in seconds.")
    boolean baselinesOnly;

    @Option(names = "--pretrain-epochs", paramLabel = "E",
            description = "Before the folds, train one fresh model for E passes over unlabeled PubMedQA text (the PQA-L"
                    + " test half and the PQA-A sample, no trainval item: checked) and start every fold from it, as"
                    + " AntGLM-Med injects knowledge before task tuning; 0: every fold starts from random weights"
                    + " (default: " + CrossvalParams.DEFAULT_PRETRAIN_EPOCHS + "; only 0 with --base).")
    Integer pretrainEpochs;

    @Option(names = "--pretrain-files", paramLabel = "LIST", split = ",",
            description = "Unlabeled text for --pretrain-epochs: PubMedQA-format .json files (labels ignored) or .jsonl"
                    + " of {question, passage}, e.g. the real PQA-U (default: the PQA-L test half and the PQA-A sample"
                    + " under --data). Checked to hold no PQA-L trainval text.")
    List<Path> pretrainFiles;

    @Option(names = "--device", paramLabel = "DEV", defaultValue = "auto", description = "Labeling device: auto, cpu or gpuN (default: ${DEFAULT-VALUE}).")
    String device;

    @Override
    public Integer call() throws Exception {
        CrossvalParams p = params();
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        if (p.baselinesOnly()) {
            err.printf(Locale.ROOT, "[crossval] %d fold(s), reference baselines only (no model, no strategy), out %s%n",
                    p.folds(), p.out());
        } else {
            err.printf(Locale.ROOT, "[crossval] %d fold(s), strategies %s, preset %s%s, %d epochs, lr %.1e, batch %d,"
                    + " class weights %s, out %s%n", p.folds(), p.strategies(), p.preset(),
                    p.base() != null ? ", base " + p.base()
                            : p.pretrainEpochs() > 0 ? " (pretrained " + p.pretrainEpochs() + " epochs)" : " (fresh)", p.epochs(), p.peakLr(), p.batchSize(),
                    p.classWeights().option(), p.out());
        }
        CrossvalReport report = CrossValidation.run(p, err);
        spec.commandLine().getOut().print(report.markdown());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The run's parameters from the options, checked before anything is trained. */
    CrossvalParams params() {
        CommandLine cli = spec.commandLine();
        Path dir = data != null ? data : CliSettings.dataDir(Settings.load(null));
        if (!Files.isDirectory(dir.resolve("pubmedqa-pqal"))) {
            throw new CommandLine.ParameterException(cli, "No pubmedqa-pqal folder under " + dir
                    + ": pass --data DIR (the folder holding pubmedqa-pqal/ with pqal_trainval.json and pqal_cv_folds.json)");
        }
        if (!List.of("tiny", "small", "base", "large").contains(preset)) {
            throw new CommandLine.ParameterException(cli, "--preset '" + preset + "': expected tiny, small, base or large");
        }
        for (String s : strategies) {
            if (!Strategies.MODEL_NAMES.contains(s)) {
                throw new CommandLine.ParameterException(cli, "--strategies: '" + s + "' is not one of "
                        + String.join(", ", Strategies.MODEL_NAMES));
            }
        }
        if (base != null && !Files.isDirectory(base)) {
            throw new CommandLine.ParameterException(cli, "--base " + base + " is not a directory: give a checkpoint directory");
        }
        if (pretrainEpochs != null && pretrainEpochs > 0 && base != null) {
            throw new CommandLine.ParameterException(cli, "--pretrain-epochs trains the base every fold starts from;"
                    + " drop it or --base " + base);
        }
        if (pretrainFiles != null) {
            for (Path f : pretrainFiles) {
                if (!Files.isRegularFile(f)) throw new CommandLine.ParameterException(cli, "--pretrain-files: no file " + f);
            }
        }
        if (folds < 1 || folds > 10) throw new CommandLine.ParameterException(cli, "--folds must be 1..10, got " + folds);
        FoldTasks.ClassWeights weights;
        try {
            weights = classWeights != null ? FoldTasks.ClassWeights.parse(classWeights) : null;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        CrossvalParams d = CrossvalParams.defaults(dir, out);
        return new CrossvalParams(d.trainval(), d.foldsFile(), out, folds, strategies, preset, base,
                vocab != null ? vocab : d.vocabSize(), epochs != null ? epochs : d.epochs(), lr != null ? lr : d.peakLr(),
                batch != null ? batch : d.batchSize(), dropout != null ? dropout : d.dropout(), lora != null ? lora : base != null, vocItems != null ? vocItems : d.vocItems(),
                maxTrainItems, maxHeldOut, promptVersion, threshold != null ? threshold : d.threshold(), device, d.seed(),
                promptLossWeight != null ? promptLossWeight : d.promptLossWeight(),
                weights != null ? weights : d.classWeights(), baselinesOnly,
                // A given base is the folds' start already: nothing is pretrained unless asked (and then refused above).
                pretrainEpochs != null ? pretrainEpochs : base != null ? 0 : d.pretrainEpochs(),
                pretrainFiles != null ? pretrainFiles : d.pretrainFiles());
    }
}
