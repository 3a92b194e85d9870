package medstream.trainer.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import medstream.lm.checkpoint.Checkpoint;
import medstream.lm.model.CausalLm;
import medstream.lm.model.ModelConfig;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.trainer.StageEngine;

/**
 * An untrained model of medstream's GPT with its tokenizer, written as a checkpoint that {@link McqTuning} or a stage
 * opened with {@link StageEngine#openFromParent} starts from: the parent of an experiment that trains from random
 * weights (the weights come from the config's seed, so the same config writes the same model).
 */
public final class FreshModel {
    /**
     * The directory name, under an experiment's root, its untrained model is written to: the name trained versions
     * record as their parent version.
     */
    public static final String DIRECTORY = "untrained";

    private FreshModel() {}

    /**
     * Writes the model.
     *
     * @param dir the checkpoint directory to create; its name becomes the version the trained model names as parent
     * @param config the model's shape, dropout and seed (e.g. {@code ModelConfig.preset("small", tokenizer.vocabSize())})
     * @param tokenizer the tokenizer the model and every version trained from it use
     * @return the model's parameter count
     */
    public static long write(Path dir, ModelConfig config, BpeTokenizer tokenizer) throws IOException {
        if (config.vocabSize() != tokenizer.vocabSize()) {
            throw new IllegalArgumentException("the model config has a vocabulary of " + config.vocabSize()
                    + " ids but the tokenizer has " + tokenizer.vocabSize() + "; build the config for the tokenizer's"
                    + " vocabulary");
        }
        Path scratch = Files.createTempDirectory("medstream-fresh-model-");
        try (CausalLm model = CausalLm.create(config)) {
            Path tokenizerFile = scratch.resolve(StageEngine.TOKENIZER_FILE);
            tokenizer.save(tokenizerFile);
            Checkpoint.writer(model).tokenizerFiles(List.of(tokenizerFile)).writeTo(dir);
            return model.parameterCount();
        } finally {
            Files.deleteIfExists(scratch.resolve(StageEngine.TOKENIZER_FILE));
            Files.deleteIfExists(scratch);
        }
    }
}
