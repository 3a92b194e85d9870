package medstream.trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import medstream.lm.checkpoint.Checkpoint;
import medstream.lm.hf.ChatFormat;
import medstream.lm.hf.HfDirectory;
import medstream.lm.model.CausalLm;
import medstream.lm.model.DecoderNet;
import medstream.lm.model.HfCausalLm;
import medstream.lm.prompt.PromptEncoder;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.BpeTrainer;
import medstream.lm.tokenizer.TextTokenizer;
import medstream.lm.train.LmTrainer;
import medstream.lm.train.StepResult;
import medstream.lm.train.TrainBatch;
import medstream.trainer.config.StageConfig;
import medstream.trainer.config.TrainingHyperparameters;
import medstream.trainer.format.Example;
import medstream.trainer.format.RecordFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model a stage trains, its optimizer, tokenizer, chat format, row context and formatter, and where they came
 * from. A stage starts in one of four ways, one factory each: {@link #resumed} from its own checkpoint,
 * {@link #fromParent} from the previous stage's version (also when it re-adapts to a newer one), {@link #fromBase}
 * from a Hugging Face directory, {@link #fresh} from a tokenizer (stage 1 from scratch). Each factory closes what it
 * loaded when a later step fails, since nothing else owns it yet; afterwards {@link StageEngine} owns and closes it.
 *
 * @param <V> record type of the stage
 */
final class StageModel<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StageModel.class);

    private final DecoderNet net;
    private final LmTrainer trainer;
    private final Tokenization tok;
    /** Rows hold context + 1 ids: the GPT's context, or the preset's for a Hugging Face model (at most its own). */
    private final int context;
    /** The model directory a LoRA model's frozen weights came from; null without LoRA or for the GPT. */
    private final Path loraBase;
    private final RecordFormatter<V> formatter;

    /** How text becomes ids: the tokenizer, its chat template shape, and the copies of its files checkpoints carry. */
    private record Tokenization(TextTokenizer tokenizer, ChatFormat chat, List<Path> files) {}

    private StageModel(StageSpec<V> spec, StageConfig config, Tokenization tok, int context, DecoderNet net,
            LmTrainer trainer, Path loraBase) {
        this.net = net;
        this.trainer = trainer;
        this.tok = tok;
        this.context = context;
        this.loraBase = loraBase;
        this.formatter = spec.formatter().create(tok.tokenizer(), tok.chat(), context, config.truncation());
    }

    /** The stage's own checkpoint: its weights and adapters, optimizer moments and step, tokenizer and LoRA base. */
    static <V> StageModel<V> resumed(Checkpoint c, StageSpec<V> spec, TrainingHyperparameters hyper, Path workDir) {
        DecoderNet net = c.loadTrainable(hyper.djlDevice());
        return owning(net, () -> {
            Tokenization tok = tokenizationOf(c, workDir);
            return new StageModel<>(spec, hyper.stage(spec.stage()), tok, rowContext(hyper, net, tok.tokenizer()),
                    net, c.newTrainer(net), c.loraBase().orElse(null));
        });
    }

    /** The previous stage's version, with a new optimizer (and new adapters when this stage trains LoRA). */
    static <V> StageModel<V> fromParent(Checkpoint parent, StageSpec<V> spec, TrainingHyperparameters hyper,
            Path workDir) {
        LOG.info("stage {}: starting from {} version {}", spec.stage(), parent.dir().getParent().getFileName(),
                parent.version());
        DecoderNet net = parent.loadMerged(hyper.djlDevice()); // the parent's adapters become part of this stage's base
        return owning(net, () -> startTraining(net, parent.dir(), tokenizationOf(parent, workDir), spec, hyper));
    }

    /** A Hugging Face directory (stage 1, or an engine opened on one): its weights, tokenizer and chat template. */
    static <V> StageModel<V> fromBase(Path dir, StageSpec<V> spec, TrainingHyperparameters hyper, Path workDir) {
        LOG.info("stage {}: continuing from the Hugging Face model {}", spec.stage(), dir);
        HfDirectory hf;
        DecoderNet net;
        try {
            hf = HfDirectory.open(dir);
            net = HfCausalLm.load(dir, hf.config(), hyper.djlDevice());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the base model " + dir + " (medstream.trainer.base): "
                    + e.getMessage(), e);
        }
        return owning(net, () -> {
            Tokenization tok = new Tokenization(hf.tokenizer(), hf.chat(), copyTokenizerFiles(
                    HfDirectory.SIDE_FILES.stream().map(dir::resolve).filter(Files::isRegularFile).toList(), workDir));
            StageModel<V> m = startTraining(net, dir, tok, spec, hyper);
            LOG.info("stage {}: {} base, {} parameters, vocabulary {}, chat format {}, rows of {} tokens", spec.stage(),
                    ((HfCausalLm) net).config().modelType(), net.parameterCount(), tok.tokenizer().vocabSize(),
                    tok.chat(), m.context);
            return m;
        });
    }

    /** Stage 1 from scratch: a new GPT of the preset's size over {@code t}; it trains in full, without adapters. */
    static <V> StageModel<V> fresh(BpeTokenizer t, StageSpec<V> spec, TrainingHyperparameters hyper, Path workDir) {
        Tokenization tok = tokenization(t, workDir);
        StageConfig config = hyper.stage(spec.stage());
        DecoderNet net = CausalLm.create(hyper.model(t.vocabSize()), hyper.djlDevice());
        return owning(net, () -> {
            int context = rowContext(hyper, net, t);
            LmTrainer trainer = new LmTrainer(net, config.optimizer(), config.schedule(context + 1));
            LOG.info("stage {}: new {} model, {} parameters, vocabulary {}", spec.stage(), hyper.preset(),
                    net.parameterCount(), t.vocabSize());
            return new StageModel<>(spec, config, tok, context, net, trainer, null);
        });
    }

    /**
     * The rest of a factory, after it loaded {@code net}: closes {@code net} when that fails, since nothing else owns
     * it yet. The optimizer's moments live under the model's memory manager, so they go with it.
     */
    private static <V> StageModel<V> owning(DecoderNet net, Supplier<StageModel<V>> rest) {
        try {
            return rest.get();
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    /** Trains the stage-1 tokenizer on texts (the first records of the topic, in partition/offset order). */
    static BpeTokenizer trainTokenizer(List<String> texts, int stage, TrainingHyperparameters hyper) {
        long t0 = System.nanoTime();
        BpeTokenizer t = new BpeTrainer(hyper.vocabSize()).train(texts);
        LOG.info("stage {}: trained a {}-id tokenizer on {} records in {} ms", stage, t.vocabSize(), texts.size(),
                (System.nanoTime() - t0) / 1_000_000);
        return t;
    }

    /** Adapters when the stage trains LoRA, then the optimizer; {@code weightsDir} holds the weights just loaded. */
    private static <V> StageModel<V> startTraining(DecoderNet net, Path weightsDir, Tokenization tok,
            StageSpec<V> spec, TrainingHyperparameters hyper) {
        StageConfig config = hyper.stage(spec.stage());
        int context = rowContext(hyper, net, tok.tokenizer());
        Path loraBase = null;
        if (config.usesLora()) {
            net.enableLora(config.lora());
            // A GPT checkpoint holds its frozen weights; a Hugging Face one names the directory they are read from.
            loraBase = net instanceof HfCausalLm ? weightsDir : null;
        }
        LmTrainer trainer = new LmTrainer(net, config.optimizer(), config.schedule(context + 1));
        return new StageModel<>(spec, config, tok, context, net, trainer, loraBase);
    }

    /**
     * The ids a row spans (less one). The GPT's rows span its context; a Hugging Face model's own (often 32k) would
     * make rows no CPU run can afford, so its rows span the preset's context, at most the model's.
     */
    private static int rowContext(TrainingHyperparameters hyper, DecoderNet net, TextTokenizer t) {
        return net instanceof HfCausalLm ? Math.min(hyper.model(t.vocabSize()).context(), net.contextLength())
                : net.contextLength();
    }

    /** The tokenizer (and chat format) a checkpoint carries. */
    private static Tokenization tokenizationOf(Checkpoint c, Path workDir) {
        if (c.isHuggingFace()) {
            try {
                HfDirectory hf = HfDirectory.open(c.dir());
                return new Tokenization(hf.tokenizer(), hf.chat(), copyTokenizerFiles(c.tokenizerFiles(), workDir));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the tokenizer of " + c.dir(), e);
            }
        }
        Path file = c.tokenizerFiles().stream()
                .filter(p -> p.getFileName().toString().equals(StageEngine.TOKENIZER_FILE)).findFirst()
                .orElseThrow(() -> new IllegalStateException("checkpoint " + c.dir() + " holds no "
                        + StageEngine.TOKENIZER_FILE + "; every trainer checkpoint carries its tokenizer"));
        try {
            return tokenization(BpeTokenizer.load(file), workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer of " + c.dir(), e);
        }
    }

    /** The project's own tokenizer, saved into the work directory: it has no chat template. */
    private static Tokenization tokenization(BpeTokenizer t, Path workDir) {
        Path file = workDir.resolve(StageEngine.TOKENIZER_FILE);
        try {
            t.save(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new Tokenization(t, ChatFormat.PLAIN, List.of(file));
    }

    private static List<Path> copyTokenizerFiles(List<Path> files, Path workDir) {
        List<Path> copies = new ArrayList<>();
        try {
            for (Path f : files) {
                copies.add(Files.copy(f, workDir.resolve(f.getFileName().toString()),
                        StandardCopyOption.REPLACE_EXISTING));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy tokenizer files into " + workDir, e);
        }
        return copies;
    }

    DecoderNet net() {
        return net;
    }

    TextTokenizer tokenizer() {
        return tok.tokenizer();
    }

    /** Rows hold {@code context() + 1} ids. */
    int context() {
        return context;
    }

    /** How the model is prompted: its tokenizer and chat template shape (PLAIN for the project's GPT). */
    PromptEncoder prompts() {
        return new PromptEncoder(tok.tokenizer(), tok.chat());
    }

    /** @throws medstream.trainer.format.UnformattableRecordException when the record cannot be used */
    Example format(V record) {
        return formatter.format(record);
    }

    StepResult step(TrainBatch batch) {
        return trainer.step(batch);
    }

    /** The schedule's learning rate after the steps taken so far. */
    double learningRate() {
        return trainer.schedule().lr(trainer.completedSteps());
    }

    /** A checkpoint of what this model is: weights, optimizer, tokenizer files and where LoRA's frozen weights are. */
    Checkpoint.Writer checkpointWriter() {
        Checkpoint.Writer writer = Checkpoint.writer(net).trainer(trainer).tokenizerFiles(tok.files());
        return loraBase == null ? writer : writer.loraBase(loraBase);
    }

    /** Closes the optimizer before the model its state lives under. */
    @Override
    public void close() {
        trainer.close();
        net.close();
    }
}
