package medstream.labeler.model.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import medstream.labeler.model.GenerationParams;

/**
 * The {@code /v1/completions} wire format: the two request shapes the labeler sends and the part of the answer it
 * reads ({@code choices[0].text} and {@code choices[0].logprobs.{tokens, token_logprobs, text_offset}}).
 */
final class CompletionJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private CompletionJson() {}

    /**
     * The request that scores a continuation by prompt log-probabilities, as lm-evaluation-harness does: the prompt and
     * continuation as one text, echoed back with the log-probability of every token ({@code echo}, {@code logprobs: 1}),
     * one greedy token generated (some servers refuse {@code max_tokens: 0}; the generated token is left out by offset).
     */
    static ObjectNode scoring(String model, String text) {
        ObjectNode n = JSON.createObjectNode();
        n.put("model", model);
        n.put("prompt", text);
        n.put("max_tokens", 1);
        n.put("temperature", 0.0);
        n.put("echo", true);
        n.put("logprobs", 1);
        return n;
    }

    /**
     * The request that continues a prompt, held to {@link GenerationParams#choices()} by vLLM's
     * {@code structured_outputs.choice} when {@code structuredChoice} is on. No {@code stop} is sent: the labeler cuts at {@link GenerationParams#stopAt()}
     * itself ({@link GenerationParams#cutAtStop}), which skips a stop string at the very start where a server would stop.
     */
    static ObjectNode generation(String model, String prompt, GenerationParams p, boolean structuredChoice) {
        ObjectNode n = JSON.createObjectNode();
        n.put("model", model);
        n.put("prompt", prompt);
        n.put("max_tokens", p.maxNewTokens());
        n.put("temperature", p.temperature());
        if (!p.isGreedy()) {
            n.put("seed", p.seed());
            if (p.topK() > 0) n.put("top_k", p.topK());
        }
        if (structuredChoice && !p.choices().isEmpty()) {
            ArrayNode choice = n.putObject("structured_outputs").putArray("choice");
            p.choices().forEach(choice::add);
        }
        return n;
    }

    /** A request without its prompt, as the cache key's parameters (field order fixed by the builders above). */
    static String parameters(ObjectNode request) {
        ObjectNode copy = request.deepCopy();
        copy.remove("prompt");
        copy.remove("model");
        return copy.toString();
    }

    /** The first choice of an answer. */
    static Completion parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedAnswer("the answer is not JSON (" + e.getOriginalMessage() + "): " + abbreviate(body));
        }
        JsonNode choice = root == null ? null : root.path("choices").path(0);
        if (choice == null || !choice.isObject() || !choice.path("text").isTextual()) {
            throw new MalformedAnswer("the answer has no choices[0].text: " + abbreviate(body));
        }
        JsonNode lp = choice.path("logprobs");
        if (!lp.isObject()) return new Completion(choice.get("text").asText(), List.of(), List.of(), new int[0]);
        JsonNode tokens = lp.path("tokens");
        JsonNode logprobs = lp.path("token_logprobs");
        JsonNode offsets = lp.path("text_offset");
        if (!tokens.isArray() || !logprobs.isArray() || !offsets.isArray()
                || tokens.size() != logprobs.size() || tokens.size() != offsets.size()) {
            throw new MalformedAnswer("choices[0].logprobs needs tokens, token_logprobs and text_offset of one length: "
                    + abbreviate(body));
        }
        List<String> toks = new ArrayList<>(tokens.size());
        List<Double> lps = new ArrayList<>(tokens.size());
        int[] offs = new int[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            toks.add(tokens.get(i).asText());
            // The first token has no log-probability (nothing precedes it): null on the wire.
            lps.add(logprobs.get(i).isNumber() ? logprobs.get(i).asDouble() : null);
            offs[i] = offsets.get(i).asInt();
        }
        return new Completion(choice.get("text").asText(), toks, lps, offs);
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }

    /** An answer that arrived but cannot be read; retried like a server error (a proxy may have cut it). */
    static final class MalformedAnswer extends RuntimeException {
        MalformedAnswer(String message) {
            super(message);
        }
    }
}
