package medstream.lm.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The {@code normalizer} section of a Hugging Face {@code tokenizer.json}: none, the Unicode forms (Qwen2 uses
 * NFC), {@code Lowercase}, or a {@code Sequence} of those. Other normalizers (Replace, Prepend, Strip, BertNormalizer,
 * Precompiled) belong to tokenizers that are not byte-level BPE and are refused with the type named.
 */
final class Normalizers {

    private Normalizers() {
    }

    static UnaryOperator<String> parse(JsonNode node, String source) throws IOException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return UnaryOperator.identity();
        }
        String type = node.path("type").asText("");
        switch (type) {
            case "NFC":
                return s -> Normalizer.normalize(s, Normalizer.Form.NFC);
            case "NFD":
                return s -> Normalizer.normalize(s, Normalizer.Form.NFD);
            case "NFKC":
                return s -> Normalizer.normalize(s, Normalizer.Form.NFKC);
            case "NFKD":
                return s -> Normalizer.normalize(s, Normalizer.Form.NFKD);
            case "Lowercase":
                return s -> s.toLowerCase(Locale.ROOT);
            case "Sequence": {
                List<UnaryOperator<String>> steps = new ArrayList<>();
                for (JsonNode step : node.path("normalizers")) {
                    steps.add(parse(step, source));
                }
                return s -> {
                    String out = s;
                    for (UnaryOperator<String> step : steps) {
                        out = step.apply(out);
                    }
                    return out;
                };
            }
            default:
                throw new IOException(source + ": normalizer type '" + type + "' is not supported (supported: NFC, NFD, "
                        + "NFKC, NFKD, Lowercase, Sequence); only byte-level BPE tokenizers (GPT-2, Llama-3, Qwen) are read");
        }
    }
}
