package medstream.lm.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The weights of a model directory: {@code model.safetensors}, or the shards named by
 * {@code model.safetensors.index.json}'s {@code weight_map}. Tensors are read on demand, each memory-mapped from
 * its own file; {@link #requireExactly} reports every missing and unexpected key at once.
 */
public final class SafetensorsWeights implements AutoCloseable {

    private final Path dir;
    private final Map<String, SafetensorsFile> byTensor;
    private final List<SafetensorsFile> files;

    private SafetensorsWeights(Path dir, Map<String, SafetensorsFile> byTensor, List<SafetensorsFile> files) {
        this.dir = dir;
        this.byTensor = byTensor;
        this.files = files;
    }

    /**
     * Opens the weights of a directory.
     *
     * @param dir a Hugging Face model directory
     * @return the weights; close them when done
     * @throws IOException when neither file is there, a shard is missing, or a header is malformed
     */
    public static SafetensorsWeights open(Path dir) throws IOException {
        Path index = dir.resolve(SafetensorsWriter.INDEX);
        Path single = dir.resolve(SafetensorsWriter.SINGLE);
        Map<String, SafetensorsFile> byTensor = new LinkedHashMap<>();
        List<SafetensorsFile> files = new ArrayList<>();
        try {
            if (Files.isRegularFile(index)) {
                JsonNode weightMap = new ObjectMapper().readTree(Files.readString(index, StandardCharsets.UTF_8))
                        .path("weight_map");
                if (!weightMap.isObject()) {
                    throw new IOException(index + " has no weight_map object; it is not a safetensors index");
                }
                Map<String, SafetensorsFile> byName = new LinkedHashMap<>();
                for (var it = weightMap.fields(); it.hasNext(); ) {
                    var e = it.next();
                    String shardName = e.getValue().asText();
                    SafetensorsFile shard = byName.get(shardName);
                    if (shard == null) {
                        shard = SafetensorsFile.open(dir.resolve(shardName));
                        byName.put(shardName, shard);
                        files.add(shard);
                    }
                    if (!shard.tensors().containsKey(e.getKey())) {
                        throw new IOException(index + " maps '" + e.getKey() + "' to " + shardName
                                + ", which does not hold it; the index and the shards come from different saves");
                    }
                    byTensor.put(e.getKey(), shard);
                }
            } else if (Files.isRegularFile(single)) {
                SafetensorsFile file = SafetensorsFile.open(single);
                files.add(file);
                file.tensors().keySet().forEach(name -> byTensor.put(name, file));
            } else {
                throw new IOException(dir + " has neither " + SafetensorsWriter.SINGLE + " nor "
                        + SafetensorsWriter.INDEX + "; download the model's safetensors weights (not the .bin ones)");
            }
        } catch (IOException | RuntimeException e) {
            for (SafetensorsFile f : files) {
                f.close();
            }
            throw e;
        }
        return new SafetensorsWeights(dir, byTensor, files);
    }

    /** Every tensor name, in file order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(byTensor.keySet());
    }

    /** A tensor's header entry. */
    public TensorInfo info(String name) {
        SafetensorsFile file = byTensor.get(name);
        if (file == null) {
            throw new IllegalArgumentException(dir + " has no tensor '" + name + "'");
        }
        return file.tensors().get(name);
    }

    /** Reads one tensor as floats. */
    public HostTensor read(String name) throws IOException {
        info(name);
        return byTensor.get(name).read(name);
    }

    /**
     * Fails unless the files hold exactly the expected keys, ignoring {@code ignorable} ones.
     *
     * @param expected keys the model needs
     * @param ignorable keys that may be present and are not used (e.g. a tied {@code lm_head.weight})
     * @param model what expects them, for the message
     * @throws IllegalArgumentException listing every missing and every unexpected key, with the likely fix
     */
    public void requireExactly(Collection<String> expected, Collection<String> ignorable, String model) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(byTensor.keySet());
        Set<String> unexpected = new TreeSet<>(byTensor.keySet());
        unexpected.removeAll(expected);
        unexpected.removeAll(ignorable);
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException(dir + " does not match " + model + ": missing " + missing.size()
                    + " keys " + missing + ", unexpected " + unexpected.size() + " keys " + unexpected
                    + ". Check config.json against the weights (model_type, num_hidden_layers, tie_word_embeddings,"
                    + " attention_bias) or use the config that was saved with them");
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (SafetensorsFile f : files) {
            try {
                f.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
