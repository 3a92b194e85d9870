package medstream.lm.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads and writes {@code tokenizer.json}, version 1; the format is documented in {@code package-info.java}. */
final class TokenizerFile {

    static final String FORMAT = "medstream-bpe";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerFile() {
    }

    static void write(BpeTokenizer tokenizer, Path file) throws IOException {
        MergeTable merges = tokenizer.merges();
        StringBuilder out = new StringBuilder(32 + merges.mergeCount() * 14);
        out.append("{\n");
        out.append("  \"format\": ").append(quote(FORMAT)).append(",\n");
        out.append("  \"version\": ").append(VERSION).append(",\n");
        out.append("  \"pre_tokenizer\": ").append(quote(tokenizer.preTokenizer().name())).append(",\n");
        out.append("  \"byte_tokens\": ").append(MergeTable.BYTE_TOKENS).append(",\n");
        out.append("  \"vocab_size\": ").append(tokenizer.vocabSize()).append(",\n");
        out.append("  \"special_tokens\": [");
        List<String> specials = tokenizer.specialTokens();
        for (int i = 0; i < specials.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n");
            out.append("    {\"id\": ").append(tokenizer.id(specials.get(i)))
                    .append(", \"content\": ").append(quote(specials.get(i))).append('}');
        }
        out.append(specials.isEmpty() ? "],\n" : "\n  ],\n");
        out.append("  \"merges\": [");
        for (int rank = 0; rank < merges.mergeCount(); rank++) {
            out.append(rank == 0 ? "\n" : ",\n");
            out.append("    [").append(merges.left(rank)).append(", ").append(merges.right(rank)).append(']');
        }
        out.append(merges.mergeCount() == 0 ? "],\n" : "\n  ],\n");
        out.append("  \"metadata\": ").append(JSON.writeValueAsString(new TreeMap<>(tokenizer.metadata()))).append('\n');
        out.append("}\n");

        // Write next to the target and move, so a reader never sees half a file.
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temporary, out, StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static BpeTokenizer read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IOException("tokenizer file " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException("tokenizer file " + file + " lacks \"format\": \"" + FORMAT
                    + "\"; is it a Hugging Face tokenizer.json? Train one with BpeTrainer instead.");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IOException("tokenizer file " + file + " has version " + version + ", this code reads version "
                    + VERSION + "; use the medstream release that wrote it.");
        }
        int byteTokens = root.path("byte_tokens").asInt(-1);
        if (byteTokens != MergeTable.BYTE_TOKENS) {
            throw new IOException("tokenizer file " + file + " declares " + byteTokens + " byte tokens, expected 256.");
        }
        try {
            PreTokenizer preTokenizer = PreTokenizer.forName(root.path("pre_tokenizer").asText(null));
            MergeTable merges = readMerges(root.path("merges"));
            List<String> specials = readSpecials(root.path("special_tokens"), merges.tokenCount());
            BpeTokenizer tokenizer = new BpeTokenizer(preTokenizer, merges, specials, readMetadata(root.path("metadata")));
            int declared = root.path("vocab_size").asInt(-1);
            if (declared != tokenizer.vocabSize()) {
                throw new IllegalArgumentException("\"vocab_size\" is " + declared + " but bytes, merges and special tokens add up to "
                        + tokenizer.vocabSize());
            }
            return tokenizer;
        } catch (IllegalArgumentException e) {
            throw new IOException("tokenizer file " + file + " is inconsistent: " + e.getMessage(), e);
        }
    }

    private static MergeTable readMerges(JsonNode node) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("\"merges\" must be an array of [left, right] id pairs");
        }
        int[] lefts = new int[node.size()];
        int[] rights = new int[node.size()];
        for (int rank = 0; rank < node.size(); rank++) {
            JsonNode pair = node.get(rank);
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).canConvertToInt() || !pair.get(1).canConvertToInt()) {
                throw new IllegalArgumentException("merge " + rank + " is " + pair + ", expected [left, right] ids");
            }
            lefts[rank] = pair.get(0).asInt();
            rights[rank] = pair.get(1).asInt();
        }
        return new MergeTable(lefts, rights);
    }

    private static List<String> readSpecials(JsonNode node, int firstId) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("\"special_tokens\" must be an array of {id, content}");
        }
        List<String> contents = new ArrayList<>();
        for (JsonNode special : node) {
            int expectedId = firstId + contents.size();
            if (special.path("id").asInt(-1) != expectedId || !special.path("content").isTextual()) {
                throw new IllegalArgumentException("special token " + special + " should have id " + expectedId
                        + " (ids follow the merges without gaps) and a text content");
            }
            contents.add(special.get("content").asText());
        }
        return contents;
    }

    private static Map<String, String> readMetadata(JsonNode node) {
        Map<String, String> metadata = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            metadata.put(field.getKey(), field.getValue().asText());
        }
        return metadata;
    }

    private static String quote(String text) throws JsonProcessingException {
        return JSON.writeValueAsString(text);
    }
}
