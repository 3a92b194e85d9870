package medstream.labeler.model.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import medstream.labeler.model.GenerationParams;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.model.OptionScores;
import medstream.labeler.model.PromptWithOptions;
import medstream.labeler.model.ScoringMode;
import medstream.lm.tokenizer.TextTokenizer;

/**
 * A model served by an OpenAI-compatible completions server (vLLM, SGLang, llama.cpp's server, ...) behind
 * {@link LabelingModel}.
 *
 * <p>Option scores are prompt log-probabilities, the recipe of lm-evaluation-harness: prompt and option are sent as one
 * text with {@code echo: true, logprobs: 1}, and the option's score is the sum of {@code token_logprobs} of the tokens
 * whose {@code text_offset} lies inside the option ({@link Completion#span}). Text rather than token ids: the
 * completions API has no tokenizer endpoint every server shares, and offsets find the span without a client
 * tokenizer, so nothing can drift from the server's. One request per (prompt, option), at most {@code max-in-flight}
 * open; the server batches them (vLLM's prefix cache reuses the shared prompt, so {@link ScoringMode} is moot here).
 *
 * <p>Generation (VoC explanations, self-consistency answers) asks for {@code max_tokens} and cuts the text at the stop
 * string on this side, as the in-process model does. Answers are cached ({@link CompletionCache}); requests fail with
 * {@link OpenAiException} after the retries, which the labeler dead-letters as {@code BACKEND_ERROR}.
 *
 * <p>Thread-safe; one instance per worker. Closing it ends its request threads.
 */
public final class OpenAiCompletionsModel implements LabelingModel {
    private final OpenAiConfig config;
    private final CompletionClient client;
    private final String version;
    private final String device;
    private final int contextWindow;
    private final TextTokenizer tokenizer;

    /**
     * Connects: reads the tokenizer file if configured and, without {@code context-window}, asks {@code /models} for it.
     *
     * @param version the version results name, or null for {@code openai:<model>}
     */
    public static OpenAiCompletionsModel connect(OpenAiConfig config, String version) {
        return new OpenAiCompletionsModel(config.requireModel(), new CompletionClient(config), version);
    }

    OpenAiCompletionsModel(OpenAiConfig config, CompletionClient client, String version) {
        this.config = config;
        this.client = client;
        this.version = version != null ? version : "openai:" + config.model();
        this.device = "openai@" + config.baseUrl().getAuthority();
        try {
            this.tokenizer = config.tokenizer() == null ? null : TextTokenizer.load(config.tokenizer());
            this.contextWindow = config.contextWindow() > 0 ? config.contextWindow() : askContextWindow();
        } catch (IOException | RuntimeException e) {
            client.close();
            if (e instanceof RuntimeException re) throw re;
            throw new IllegalArgumentException("Cannot read " + OpenAiConfig.TOKENIZER.key() + " " + config.tokenizer() + ": "
                    + e.getMessage(), e);
        }
    }

    /** vLLM lists {@code max_model_len} per model under {@code /models}; other servers need the setting. */
    private int askContextWindow() {
        for (JsonNode m : client.get("models").path("data")) {
            if (config.model().equals(m.path("id").asText()) && m.path("max_model_len").canConvertToInt()
                    && m.path("max_model_len").asInt() > 0) {
                return m.path("max_model_len").asInt();
            }
        }
        throw new IllegalArgumentException(config.endpoint("models") + " does not report max_model_len for model '" + config.model()
                + "'; set " + OpenAiConfig.CONTEXT_WINDOW.key() + " to the model's window in tokens");
    }

    @Override public String version() { return version; }
    @Override public String device() { return device; }
    @Override public int contextWindow() { return contextWindow; }

    /**
     * With the served model's tokenizer: its count plus one for a BOS, as the in-process model counts. Without: UTF-8
     * bytes plus one, an upper bound for byte-level BPE, so contexts are cut more than needed but never overflow.
     */
    @Override
    public int countTokens(String text) {
        return (tokenizer != null ? tokenizer.tokenCount(text) : text.getBytes(StandardCharsets.UTF_8).length) + 1;
    }

    @Override
    public List<OptionScores> scoreOptions(List<PromptWithOptions> batch, ScoringMode mode) {
        List<ObjectNode> requests = new ArrayList<>();
        for (PromptWithOptions p : batch) {
            for (String o : p.options()) requests.add(CompletionJson.scoring(config.model(), p.prompt() + o));
        }
        List<Completion> answers = client.completeAll(requests);
        List<OptionScores> out = new ArrayList<>(batch.size());
        int k = 0;
        for (PromptWithOptions p : batch) {
            int promptChars = p.prompt().codePointCount(0, p.prompt().length());
            double[] sum = new double[p.options().size()];
            int[] tokens = new int[sum.length];
            for (int i = 0; i < sum.length; i++) {
                String o = p.options().get(i);
                Completion.SpanLogProb s = answers.get(k++).span(promptChars, promptChars + o.codePointCount(0, o.length()));
                sum[i] = s.sum();
                tokens[i] = s.tokens();
            }
            out.add(new OptionScores(sum, tokens));
        }
        return out;
    }

    @Override
    public List<String> generate(List<String> prompts, GenerationParams params) {
        List<ObjectNode> requests = prompts.stream().map(p -> CompletionJson.generation(config.model(), p, params, config.structuredChoice())).toList();
        return client.completeAll(requests).stream().map(c -> params.cutAtStop(c.text())).toList();
    }

    /** Attempts sent, answers served from the cache and retries so far (for status lines and tests). */
    public String requestStats() {
        return "sent " + client.sent() + ", cache hits " + client.cacheHits() + ", retries " + client.retries();
    }

    CompletionClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
