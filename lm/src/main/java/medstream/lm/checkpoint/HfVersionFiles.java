package medstream.lm.checkpoint;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medstream.lm.hf.DType;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.HfDirectory;
import medstream.lm.hf.HostTensor;
import medstream.lm.hf.SafetensorsFile;
import medstream.lm.hf.SafetensorsWriter;
import medstream.lm.model.HfCausalLm;
import medstream.lm.model.LoraConfig;

/**
 * The Hugging Face layout of a checkpoint of {@link HfCausalLm}: the directory is a model directory that
 * transformers and vLLM load ({@code config.json} with model_type, {@code model.safetensors} with the adapters merged
 * in, the tokenizer files beside them), and what only resuming needs lives in {@link #TRAINING_DIR}: the optimizer
 * moments and the unmerged LoRA adapters. HF loaders read {@code model.safetensors} or glob {@code *.safetensors} at
 * the top level, so nothing else may sit there.
 *
 * <p>With LoRA the merged weights are not the weights being trained; a resumed run needs the frozen base exactly
 * (W + BA rounded to f32 cannot be split again). The base is the directory the stage started from (the user's base
 * model or the previous stage's version), which the trainer keeps; its path is recorded in {@code state.json} as
 * {@link #LORA_BASE} rather than copied, which would double every LoRA version of a 7B model.
 */
final class HfVersionFiles {

    /** Subdirectory with the files only a resumed run reads. */
    static final String TRAINING_DIR = "training";
    /** The unmerged LoRA adapters, under {@link #TRAINING_DIR}. */
    static final String ADAPTERS = "lora.safetensors";
    /** state.json key: the model directory whose weights are the frozen base of the adapters. */
    static final String LORA_BASE = "loraBase";

    private HfVersionFiles() {}

    /** True when a config.json is a Hugging Face one (our GPT's config has no model_type). */
    static boolean isHuggingFace(JsonNode config) {
        return config.has("model_type");
    }

    /** Writes config.json, the merged weights and, with LoRA, the adapters. */
    static void writeModel(Path dir, HfCausalLm model) throws IOException {
        model.config().write(dir);
        SafetensorsWriter.write(dir.resolve(SafetensorsWriter.SINGLE), model.mergedTensors(), DType.F32);
        if (model.loraConfig().isPresent()) {
            Path training = Files.createDirectories(dir.resolve(TRAINING_DIR));
            SafetensorsWriter.write(training.resolve(ADAPTERS), model.adapterTensors(), DType.F32);
        }
    }

    /** Where the optimizer moments of a checkpoint go. */
    static Path optimizerFile(Path dir, boolean huggingFace) {
        return huggingFace ? dir.resolve(TRAINING_DIR).resolve(Checkpoint.OPTIMIZER) : dir.resolve(Checkpoint.OPTIMIZER);
    }

    /** The tokenizer and generation files at the top level of a version. */
    static List<Path> tokenizerFiles(Path dir) {
        return HfDirectory.SIDE_FILES.stream().map(dir::resolve).filter(Files::isRegularFile).sorted().toList();
    }

    /**
     * The model as it was being trained: the merged weights, or with LoRA the recorded base plus the saved adapters.
     */
    static HfCausalLm loadTrainable(Checkpoint c, HfConfig config, LoraConfig lora, JsonNode state, Device device)
            throws IOException {
        if (lora == null) {
            return HfCausalLm.load(c.dir(), config, device);
        }
        String base = state.path(LORA_BASE).asText("");
        if (base.isEmpty()) {
            throw new CorruptCheckpointException(c.dir(), c.dir().resolve(Checkpoint.STATE), "checkpoint " + c.dir()
                    + " holds LoRA adapters but no '" + LORA_BASE + "' (the model directory they adapt); it cannot be"
                    + " resumed, only loaded merged", null);
        }
        Path baseDir = Path.of(base);
        if (!Files.isDirectory(baseDir)) {
            throw new IllegalStateException("checkpoint " + c.dir() + " trains LoRA adapters on " + baseDir + ", which"
                    + " is gone; restore that directory (the base model or the previous stage's version) to resume");
        }
        HfCausalLm model = HfCausalLm.load(baseDir, config, device);
        try {
            model.enableLora(lora);
            Map<String, HostTensor> adapters = new LinkedHashMap<>();
            try (SafetensorsFile f = SafetensorsFile.open(c.dir().resolve(TRAINING_DIR).resolve(ADAPTERS))) {
                for (String name : f.tensors().keySet()) {
                    adapters.put(name, f.read(name));
                }
            }
            model.loadAdapters(adapters);
            return model;
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
