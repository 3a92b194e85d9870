package medstream.labeler.model.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import medstream.labeler.model.GenerationParams;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.model.OptionScores;
import medstream.labeler.model.PromptWithOptions;
import medstream.labeler.model.ScoringMode;
import medstream.lm.hf.ChatFormat;
import medstream.lm.hf.HfDirectory;
import medstream.lm.tokenizer.TextTokenizer;
import medstream.lm.tokenizer.hf.HfTokenizer;

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
 * <p>A chat model (a Qwen2 / Llama checkpoint, or one medstream tuned from it) gets each prompt as the user's turn of
 * its chat template and answers in the assistant's, as {@code PromptEncoder} frames it in-process
 * ({@code medstream.labeler.openai.chat-format}); the option's span is then found from the generated token's offset
 * backwards, so special tokens the server leaves out of its offsets do not matter.
 *
 * <p>Generation (VoC explanations, self-consistency answers) asks for {@code max_tokens} and cuts the text at the stop
 * string on this side, as the in-process model does. Answers are cached ({@link CompletionCache}); requests fail with
 * {@link OpenAiException} after the retries, which the labeler dead-letters as {@code BACKEND_ERROR}.
 *
 * <p>Thread-safe; one instance per worker. Closing it ends its request threads.
 */
public final class OpenAiCompletionsModel implements LabelingModel {
    private static final String LLAMA3_BOS = "<|begin_of_text|>";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OpenAiConfig config;
    private final CompletionClient client;
    private final String version;
    private final String device;
    private final int contextWindow;
    private final TextTokenizer tokenizer;
    /** The chat template prompts are framed in (PLAIN: none), as the in-process model frames them. */
    private final ChatFormat chat;
    /** Tokens a prompt gets around its own: BOS, or the chat template's (a count, for fitting contexts). */
    private final int frameTokens;

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
            this.chat = chatFormat(config, tokenizer);
            String frame = chat.userTurn("");
            this.frameTokens = chat == ChatFormat.PLAIN ? 1 : tokenizer != null ? tokenizer.encode(frame, true).length
                    : frame.getBytes(StandardCharsets.UTF_8).length + 1;
            this.contextWindow = config.contextWindow() > 0 ? config.contextWindow() : askContextWindow();
        } catch (IOException | RuntimeException e) {
            client.close();
            if (e instanceof RuntimeException re) throw re;
            throw new IllegalArgumentException("Cannot read " + OpenAiConfig.TOKENIZER.key() + " " + config.tokenizer() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The chat format of the setting; with {@code auto}, the one {@code tokenizer_config.json} beside the configured
     * tokenizer names (detected as {@code HfDirectory} detects it in-process), plain without a tokenizer.
     */
    static ChatFormat chatFormat(OpenAiConfig config, TextTokenizer tokenizer) throws IOException {
        switch (config.chatFormat()) {
            case "plain": return ChatFormat.PLAIN;
            case "chatml": return ChatFormat.CHATML;
            case "llama3": return ChatFormat.LLAMA3;
            default: break;
        }
        if (!(tokenizer instanceof HfTokenizer hf)) return ChatFormat.PLAIN;
        Path tokenizerConfig = config.tokenizer().resolveSibling(HfDirectory.TOKENIZER_CONFIG);
        return ChatFormat.detect(Files.isRegularFile(tokenizerConfig) ? JSON.readTree(tokenizerConfig.toFile()) : null, hf);
    }

    /**
     * A prompt as the server is sent it: unchanged, or the chat template's user turn around it with the assistant's turn
     * open. Llama-3's {@code <|begin_of_text|>} is left out: the server's tokenizer adds its BOS to every prompt, as
     * vLLM's chat endpoint renders the template and encodes it without adding one.
     */
    String framed(String prompt) {
        if (chat == ChatFormat.PLAIN) return prompt;
        String turn = chat.userTurn(prompt);
        return turn.startsWith(LLAMA3_BOS) ? turn.substring(LLAMA3_BOS.length()) : turn;
    }

    /** The chat format prompts are framed in. */
    public ChatFormat chat() {
        return chat;
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
     * With the served model's tokenizer: its count plus the frame's (a BOS, or the chat template's tokens), as the
     * in-process model counts. Without: UTF-8 bytes plus the frame's, an upper bound for byte-level BPE, so contexts are
     * cut more than needed but never overflow.
     */
    @Override
    public int countTokens(String text) {
        return (tokenizer != null ? tokenizer.tokenCount(text) : text.getBytes(StandardCharsets.UTF_8).length) + frameTokens;
    }

    @Override
    public List<OptionScores> scoreOptions(List<PromptWithOptions> batch, ScoringMode mode) {
        List<ObjectNode> requests = new ArrayList<>();
        for (PromptWithOptions p : batch) {
            for (String o : p.options()) requests.add(CompletionJson.scoring(config.model(), framed(p.prompt()) + chat.reply(o)));
        }
        List<Completion> answers = client.completeAll(requests);
        List<OptionScores> out = new ArrayList<>(batch.size());
        int k = 0;
        for (PromptWithOptions p : batch) {
            String prompt = framed(p.prompt());
            int promptChars = prompt.codePointCount(0, prompt.length());
            double[] sum = new double[p.options().size()];
            int[] tokens = new int[sum.length];
            for (int i = 0; i < sum.length; i++) {
                String o = chat.reply(p.options().get(i));
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
        List<ObjectNode> requests = prompts.stream()
                .map(p -> CompletionJson.generation(config.model(), framed(p), params, config.structuredChoice())).toList();
        return client.completeAll(requests).stream().map(c -> params.cutAtStop(endOfTurnCut(c.text()))).toList();
    }

    /** A chat model's reply ends at the template's end of turn, where the in-process model stops. */
    private String endOfTurnCut(String text) {
        int end = chat == ChatFormat.PLAIN ? -1 : text.indexOf(chat.endOfTurn());
        return end < 0 ? text : text.substring(0, end);
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
