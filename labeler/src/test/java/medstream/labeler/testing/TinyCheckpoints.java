package medstream.labeler.testing;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import medstream.labeler.prompt.PromptTemplate;
import medstream.lm.checkpoint.Checkpoint;
import medstream.lm.model.CausalLm;
import medstream.lm.model.ModelConfig;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.BpeTrainer;

/**
 * Writes checkpoints of the lm {@code tiny} preset with a 256-token window (untrained: mechanics tests only) with a small BPE
 * tokenizer trained on a few hand-written sentences.
 */
public final class TinyCheckpoints {
    private static final List<String> TEXT = List.of(
            "Context: Treatment improved survival in all patients studied.",
            "Question: Does the treatment improve survival? Answer (yes, no or maybe): yes",
            "Treatment did not change survival in the patients studied. The answer is no.",
            "Whether treatment changes survival remains unclear. The answer is maybe.",
            "Assume the answer is yes. Using only the context, explain why. Explanation: the context supports it.",
            "Is this explanation supported by the context? Answer yes or no: no",
            "Conclusion: Given the conclusion, the answer to the question is yes.");

    private TinyCheckpoints() {}

    /** A tokenizer of 400 ids trained on the prompt templates and a few sentences. */
    public static BpeTokenizer tokenizer() {
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            corpus.addAll(TEXT);
            // The prompt templates themselves, so their words become tokens as with a real tokenizer.
            for (String t : List.of("ppl", "long-answer", "voc-explain", "voc-judge", "voc-answer", "self-consistency")) {
                corpus.add(PromptTemplate.load(t, "v1").text());
            }
        }
        return new BpeTrainer(400).train(corpus);
    }

    /**
     * Writes a fresh tiny model and its tokenizer as a checkpoint under {@code root}.
     *
     * @return the checkpoint directory
     */
    public static Path write(Path root, String name, long seed) throws IOException {
        BpeTokenizer tok = tokenizer();
        Path tokFile = Files.createDirectories(root.resolve("tok-" + name)).resolve("tokenizer.json");
        tok.save(tokFile);
        ModelConfig tiny = ModelConfig.tiny(tok.vocabSize()).withSeed(seed);
        // The tiny preset with a 256-token window: VoC's answer prompt carries three explanations.
        ModelConfig config = new ModelConfig(tiny.vocabSize(), tiny.layers(), tiny.dModel(), tiny.heads(), 256, 0.0, seed);
        try (CausalLm model = CausalLm.create(config, Device.cpu())) {
            Path dir = root.resolve(name);
            Checkpoint.writer(model).tokenizerFiles(List.of(tokFile)).writeTo(dir);
            return dir;
        }
    }
}
