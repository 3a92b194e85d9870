package medstream.experiments.bench.labeler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ai.djl.Device;
import medstream.labeler.offline.PubMedQaFile;
import medstream.lm.checkpoint.Checkpoint;
import medstream.lm.model.CausalLm;
import medstream.lm.model.ModelConfig;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.BpeTrainer;

/**
 * Models a benchmark builds for itself when none is given, made the way the labeler's own benchmark test
 * ({@code LabelerBenchmarkIT}) makes them: a BPE tokenizer trained on the PQA-L trainval texts and an untrained lm
 * preset. Untrained is right for a speed benchmark: speed does not depend on the weights, and an untrained model
 * never stops generating early, the worst case.
 */
public final class BenchModels {
    /** Vocabulary of the benchmark tokenizer, as in LabelerBenchmarkIT. */
    public static final int VOCAB = 4096;

    private BenchModels() {}

    /**
     * Writes a checkpoint of {@code preset} with a tokenizer trained on {@code pqalTrainval} under {@code root}.
     *
     * @return the checkpoint directory
     */
    public static Path labelerCheckpoint(Path pqalTrainval, String preset, Path root) {
        List<String> corpus = new ArrayList<>();
        for (PubMedQaFile.Item it : PubMedQaFile.read(pqalTrainval)) {
            corpus.add(it.request().getQuestion());
            corpus.addAll(it.request().getContexts());
            if (it.request().getLongAnswer() != null) corpus.add(it.request().getLongAnswer());
        }
        BpeTokenizer tokenizer = new BpeTrainer(VOCAB).train(corpus);
        try {
            Path tokenizerFile = Files.createDirectories(root.resolve("tokenizer")).resolve("tokenizer.json");
            tokenizer.save(tokenizerFile);
            Path checkpoint = root.resolve("bench-" + preset);
            try (CausalLm model = CausalLm.create(ModelConfig.preset(preset, tokenizer.vocabSize()), Device.cpu())) {
                Checkpoint.writer(model).tokenizerFiles(List.of(tokenizerFile)).writeTo(checkpoint);
            }
            return checkpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark checkpoint under " + root, e);
        }
    }
}
