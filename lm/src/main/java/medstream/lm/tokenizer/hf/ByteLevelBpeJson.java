package medstream.lm.tokenizer.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small byte-level BPE {@code tokenizer.json} in the Llama-3 / Qwen2 layout (NFC, the Llama-3 split regex,
 * ByteLevel): ids 0..255 are the bytes in GPT-2's byte-to-character table order, then one id per merge, then the
 * special tokens. Used to build test checkpoints that {@link HfTokenizer} and the {@code tokenizers} library load.
 */
public final class ByteLevelBpeJson {

    private static final String SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}|"
            + " ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private ByteLevelBpeJson() {}

    /**
     * Builds the JSON.
     *
     * @param merges pairs of text pieces in rank order, e.g. {"h", "e"}; spaces are written as GPT-2's byte
     *     characters, and every left and right piece must be a byte or an earlier merge's result
     * @param specials special tokens, ids after the merges
     * @return the tokenizer.json object
     */
    public static ObjectNode build(List<String[]> merges, List<String> specials) {
        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int b = 0; b < 256; b++) {
            vocab.put(String.valueOf(ByteLevel.charOf(b)), b);
        }
        ArrayNode mergeArray = json.createArrayNode();
        for (String[] pair : merges) {
            String left = ByteLevel.encode(pair[0]);
            String right = ByteLevel.encode(pair[1]);
            if (!vocab.containsKey(left) || !vocab.containsKey(right)) {
                throw new IllegalArgumentException("merge (" + pair[0] + ", " + pair[1] + ") uses a piece that no"
                        + " earlier merge produced");
            }
            vocab.putIfAbsent(left + right, vocab.size());
            mergeArray.addArray().add(left).add(right);
        }
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        ArrayNode added = root.putArray("added_tokens");
        int id = vocab.size();
        for (String special : specials) {
            added.addObject().put("id", id++).put("content", special).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putObject("normalizer").put("type", "NFC");
        ObjectNode pre = root.putObject("pre_tokenizer").put("type", "Sequence");
        ArrayNode steps = pre.putArray("pretokenizers");
        ObjectNode split = steps.addObject().put("type", "Split");
        split.putObject("pattern").put("Regex", SPLIT);
        split.put("behavior", "Isolated").put("invert", false);
        steps.addObject().put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", false)
                .put("use_regex", false);
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", false)
                .put("use_regex", false);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").putNull("dropout").putNull("unk_token").putNull("continuing_subword_prefix")
                .putNull("end_of_word_suffix").put("fuse_unk", false).put("byte_fallback", false)
                .put("ignore_merges", false);
        ObjectNode vocabNode = model.putObject("vocab");
        vocab.forEach(vocabNode::put);
        model.set("merges", mergeArray);
        return root;
    }
}
