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
import medstream.lm.model.DecoderNet;
import medstream.lm.tokenizer.TextTokenizer;

/**
 * What {@link TinyCompletionsServer} answers, computed with a project checkpoint or a Hugging Face directory: with
 * {@code echo}, every prompt token's log-probability from one forward pass (BOS first for a project checkpoint, as the
 * in-process model prepends it; a Hugging Face model's prompt as its tokenizer encodes it, special-token text becoming
 * special tokens and rendered empty in the answer, as vLLM does) plus one greedy token; with
 * {@code structured_outputs.choice}, the likeliest choice; else generated text. Calls are serialised (the lm model is not
 * thread-safe).
 */
final class TinyCompletions implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DecoderNet lm;
    private final TextTokenizer tokenizer;
    /** A project checkpoint is fed BOS first; the tiny Qwen tokenizer, like Qwen's, adds none. */
    private final boolean huggingFace;
    private final DjlLabelingModel generator;
    private final String modelName;

    TinyCompletions(Path dir, String modelName) throws IOException {
        ModelDirectory.Loaded loaded = ModelDirectory.open(dir, Device.cpu());
        this.lm = (DecoderNet) loaded.model();
        this.tokenizer = loaded.tokenizer();
        this.huggingFace = loaded.kind() == ModelDirectory.Kind.HUGGING_FACE;
        // Generation is served for a project checkpoint only (a Hugging Face model here is for scoring).
        this.generator = huggingFace ? null : new DjlLabelingModel(lm, tokenizer, modelName, "cpu");
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
            } else if (generator == null) {
                throw new UnsupportedOperationException("this test server generates with project checkpoints only");
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
        int[] body = huggingFace ? tokenizer.encode(prompt, true) : tokenizer.encode(prompt);
        int first = huggingFace ? 0 : 1;
        int[] ids = new int[first + body.length + (maxTokens > 0 ? 1 : 0)];
        if (!huggingFace) ids[0] = tokenizer.bosId();
        System.arraycopy(body, 0, ids, first, body.length);
        int promptLen = body.length + first;
        float[][] logits = lm.logits(Arrays.copyOf(ids, promptLen));
        if (maxTokens > 0) ids[promptLen] = argmax(logits[promptLen - 1]);
        ArrayNode tokens = JSON.createArrayNode();
        ArrayNode logprobs = JSON.createArrayNode();
        ArrayNode offsets = JSON.createArrayNode();
        ArrayNode top = JSON.createArrayNode();
        for (int i = 0; i < ids.length; i++) {
            // Special tokens (the BOS, chat markers) are not text: they render empty, as vLLM's detokenizer skips them.
            tokens.add(tokenizer.decode(new int[] {ids[i]}, true));
            String before = tokenizer.decode(Arrays.copyOfRange(ids, 0, i), true);
            offsets.add(before.codePointCount(0, before.length()));
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
        choice.put("text", tokenizer.decode(ids, true));
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

    /** The likeliest id the tokenizer has (a model's vocabulary may be padded beyond it, as real ones are). */
    private int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < Math.min(v.length, tokenizer.vocabSize()); i++) if (v[i] > v[best]) best = i;
        return best;
    }

    @Override
    public void close() {
        if (generator != null) {
            generator.close(); // closes lm
        } else {
            lm.close();
        }
    }
}
