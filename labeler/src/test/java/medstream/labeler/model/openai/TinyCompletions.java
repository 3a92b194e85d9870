package medstream.labeler.model.openai;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import medstream.labeler.model.DjlLabelingModel;
import medstream.labeler.model.GenerationParams;
import medstream.lm.ModelDirectory;
import medstream.lm.model.CausalLm;
import medstream.lm.tokenizer.TextTokenizer;

/**
 * What {@link TinyCompletionsServer} answers, computed with a project checkpoint: with {@code echo}, every prompt token's
 * log-probability from one forward pass (BOS first, as the in-process model prepends it) plus one greedy token; with
 * {@code structured_outputs.choice}, the likeliest choice; else generated text. Calls are serialised (the lm model is not
 * thread-safe).
 */
final class TinyCompletions implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CausalLm lm;
    private final TextTokenizer tokenizer;
    private final DjlLabelingModel generator;
    private final String modelName;

    TinyCompletions(Path dir, String modelName) throws IOException {
        ModelDirectory.Loaded loaded = ModelDirectory.open(dir, Device.cpu());
        this.lm = (CausalLm) loaded.model();
        this.tokenizer = loaded.tokenizer();
        this.generator = new DjlLabelingModel(lm, tokenizer, modelName, "cpu");
        this.modelName = modelName;
    }

    int contextLength() {
        return lm.contextLength();
    }

    /** The answer to a completions request: echo with log-probabilities, a choice, or generated text. */
    ObjectNode answer(JsonNode req, int number) {
        String prompt = req.path("prompt").asText();
        int maxTokens = req.path("max_tokens").asInt(16);
        boolean echo = req.path("echo").asBoolean(false);
        ObjectNode choice = JSON.createObjectNode();
        choice.put("index", 0);
        synchronized (lm) {
            if (echo) {
                echoWithLogprobs(prompt, maxTokens, choice);
            } else if (req.path("structured_outputs").path("choice").isArray()) {
                choice.put("text", likeliestChoice(prompt, req.path("structured_outputs").path("choice")));
                choice.putNull("logprobs");
            } else {
                GenerationParams p = new GenerationParams(maxTokens, req.path("temperature").asDouble(0.0), req.path("top_k").asInt(0),
                        req.path("seed").asLong(0), "", true);
                choice.put("text", generator.generate(java.util.List.of(prompt), p).get(0));
                choice.putNull("logprobs");
            }
        }
        choice.put("finish_reason", "length");
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "cmpl-" + number);
        root.put("object", "text_completion");
        root.put("model", modelName);
        root.set("choices", JSON.createArrayNode().add(choice));
        return root;
    }

    /** The prompt's tokens (BOS first) with their log-probabilities, plus one greedy token when max_tokens > 0. */
    private void echoWithLogprobs(String prompt, int maxTokens, ObjectNode choice) {
        int[] body = tokenizer.encode(prompt);
        int[] ids = new int[body.length + (maxTokens > 0 ? 2 : 1)];
        ids[0] = tokenizer.bosId();
        System.arraycopy(body, 0, ids, 1, body.length);
        int promptLen = body.length + 1;
        float[][] logits = lm.logits(Arrays.copyOf(ids, promptLen));
        if (maxTokens > 0) ids[promptLen] = argmax(logits[promptLen - 1]);
        ArrayNode tokens = JSON.createArrayNode();
        ArrayNode logprobs = JSON.createArrayNode();
        ArrayNode offsets = JSON.createArrayNode();
        ArrayNode top = JSON.createArrayNode();
        for (int i = 0; i < ids.length; i++) {
            // The BOS is not text: it renders empty, as vLLM's detokenizer skips special tokens.
            tokens.add(i == 0 ? "" : tokenizer.decode(new int[] {ids[i]}, true));
            String before = tokenizer.decode(Arrays.copyOfRange(ids, 1, Math.max(1, i)), true);
            offsets.add(i == 0 ? 0 : before.codePointCount(0, before.length()));
            if (i == 0) {
                logprobs.addNull();
                top.addNull();
                continue;
            }
            double[] lp = logSoftmax(logits[i - 1]);
            logprobs.add(lp[ids[i]]);
            int best = argmax(logits[i - 1]);
            top.add(JSON.createObjectNode().put(tokenizer.decode(new int[] {best}, true), lp[best]));
        }
        ObjectNode lp = JSON.createObjectNode();
        lp.set("tokens", tokens);
        lp.set("token_logprobs", logprobs);
        lp.set("text_offset", offsets);
        lp.set("top_logprobs", top);
        choice.put("text", tokenizer.decode(Arrays.copyOfRange(ids, 1, ids.length), true));
        choice.set("logprobs", lp);
    }

    /**
     * {@code structured_outputs.choice}, greedily: the choice with the highest log-likelihood right after the prompt (each
     * encoded on its own, as the in-process scorer does). Sampling among the choices is not imitated.
     */
    private String likeliestChoice(String prompt, JsonNode choices) {
        int[] body = tokenizer.encode(prompt);
        String best = null;
        double bestLogProb = Double.NEGATIVE_INFINITY;
        for (JsonNode c : choices) {
            int[] option = tokenizer.encode(c.asText());
            int[] ids = new int[1 + body.length + option.length];
            ids[0] = tokenizer.bosId();
            System.arraycopy(body, 0, ids, 1, body.length);
            System.arraycopy(option, 0, ids, 1 + body.length, option.length);
            float[][] logits = lm.logits(ids);
            double sum = 0;
            for (int i = 1 + body.length; i < ids.length; i++) sum += logSoftmax(logits[i - 1])[ids[i]];
            if (sum > bestLogProb) {
                bestLogProb = sum;
                best = c.asText();
            }
        }
        return best;
    }

    private static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) max = Math.max(max, l);
        double sum = 0;
        for (float l : logits) sum += Math.exp(l - max);
        double logZ = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) out[i] = logits[i] - logZ;
        return out;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    @Override
    public void close() {
        generator.close();
    }
}
