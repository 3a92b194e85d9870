package medstream.labeler.model.openai;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import medstream.topics.config.Setting;
import medstream.topics.config.Settings;

/**
 * Settings of the OpenAI-compatible completions backend ({@code medstream.labeler.backend=openai}): where the server is,
 * which model it serves, and how hard the client tries. The API key is read from the environment variable named by
 * {@code api-key-env}, never from a file or a flag, and never printed: {@link #toString()} and {@link #effective}
 * show {@code ****}.
 *
 * @param baseUrl       the server's API root, e.g. {@code http://host:8000/v1} (requests go to {@code <baseUrl>/completions})
 * @param model         the model name the server serves, sent with every request and part of every cache key
 * @param apiKey        bearer token ("" = send none)
 * @param maxInFlight   most requests one model instance (one worker) has open at once
 * @param timeout       per-attempt request timeout
 * @param maxRetries    attempts after the first on 408/429/5xx, I/O errors, timeouts and unreadable answers
 * @param cacheDir      where successful answers are kept across restarts (null = in memory only)
 * @param contextWindow the model's window in tokens (0 = ask {@code <baseUrl>/models} for {@code max_model_len})
 * @param tokenizer     a {@code tokenizer.json} that counts tokens as the server does (null = count UTF-8 bytes)
 * @param structuredChoice hold answers that must be one of the options to them ({@code structured_outputs.choice})
 * @param chatFormat    how prompts are framed: {@code auto} (the chat template beside {@code tokenizer}, else plain),
 *                      {@code plain}, {@code chatml} or {@code llama3}
 */
public record OpenAiConfig(URI baseUrl, String model, String apiKey, int maxInFlight, Duration timeout, int maxRetries,
                           Path cacheDir, int contextWindow, Path tokenizer, boolean structuredChoice, String chatFormat) {

    private static final String P = "medstream.labeler.openai.";
    public static final Setting<String> BASE_URL = Setting.string(P + "base-url", "http://localhost:8000/v1",
            "API root of the OpenAI-compatible server (vLLM, SGLang, ...), e.g. http://host:8000/v1");
    public static final Setting<String> MODEL = Setting.string(P + "model", "",
            "Model name the server serves (vllm serve NAME), sent with every request");
    public static final Setting<String> API_KEY_ENV = Setting.string(P + "api-key-env", "OPENAI_API_KEY",
            "Name of the environment variable holding the API key (the key itself is never printed); unset = no key");
    public static final Setting<Integer> MAX_IN_FLIGHT = Setting.integer(P + "max-in-flight", 8,
            "Most completion requests one labeler worker has open at once");
    public static final Setting<Long> TIMEOUT_MS = Setting.longValue(P + "timeout-ms", 60_000, "Timeout of one request attempt");
    public static final Setting<Integer> MAX_RETRIES = Setting.integer(P + "max-retries", 4,
            "Retries (jittered exponential backoff) on 408/429/5xx, I/O errors, timeouts and unreadable answers");
    public static final Setting<String> CACHE_DIR = Setting.string(P + "cache-dir", "state/labeler/openai-cache",
            "Directory of cached successful answers, so a restart or a retried batch does not pay twice; empty = memory only");
    public static final Setting<Integer> CONTEXT_WINDOW = Setting.integer(P + "context-window", 0,
            "Model window in tokens; 0 reads max_model_len from <base-url>/models (vLLM reports it)");
    public static final Setting<String> TOKENIZER = Setting.string(P + "tokenizer", "",
            "tokenizer.json of the served model, to fit contexts exactly; empty counts UTF-8 bytes (an upper bound for byte-level BPE)");
    public static final Setting<Boolean> STRUCTURED_CHOICE = Setting.bool(P + "structured-choice", false,
            "Restrict sampled answers (ensemble self-consistency) to the options with structured_outputs.choice (vLLM >= 0.10.2)");

    public static final Setting<String> CHAT_FORMAT = Setting.string(P + "chat-format", "auto",
            "Prompt framing: auto (the chat template of tokenizer_config.json beside the tokenizer setting, else plain), plain,"
                    + " chatml (Qwen) or llama3; a chat model is scored in the template it was tuned in, as in-process");

    /** Every setting of the backend, for printing. */
    public static final List<Setting<?>> ALL = List.of(BASE_URL, MODEL, API_KEY_ENV, MAX_IN_FLIGHT, TIMEOUT_MS, MAX_RETRIES,
            CACHE_DIR, CONTEXT_WINDOW, TOKENIZER, STRUCTURED_CHOICE, CHAT_FORMAT);

    /** The settings without a chat format: plain prompts. */
    public OpenAiConfig(URI baseUrl, String model, String apiKey, int maxInFlight, Duration timeout, int maxRetries,
                        Path cacheDir, int contextWindow, Path tokenizer, boolean structuredChoice) {
        this(baseUrl, model, apiKey, maxInFlight, timeout, maxRetries, cacheDir, contextWindow, tokenizer, structuredChoice,
                "plain");
    }

    /** Validates. */
    public OpenAiConfig {
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException(BASE_URL.key() + " must be an http(s) URL such as http://host:8000/v1, got " + baseUrl);
        }
        if (maxInFlight < 1) throw new IllegalArgumentException(MAX_IN_FLIGHT.key() + " must be >= 1, got " + maxInFlight);
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException(TIMEOUT_MS.key() + " must be > 0");
        if (maxRetries < 0) throw new IllegalArgumentException(MAX_RETRIES.key() + " must be >= 0, got " + maxRetries);
        if (contextWindow < 0) throw new IllegalArgumentException(CONTEXT_WINDOW.key() + " must be >= 0, got " + contextWindow);
        apiKey = apiKey == null ? "" : apiKey;
        chatFormat = chatFormat == null ? "auto" : chatFormat.trim().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("auto", "plain", "chatml", "llama3").contains(chatFormat)) {
            throw new IllegalArgumentException(CHAT_FORMAT.key() + " must be auto, plain, chatml or llama3, got " + chatFormat);
        }
    }

    /** Resolves every setting; the key comes from the process environment. */
    public static OpenAiConfig from(Settings s) {
        return from(s, System::getenv);
    }

    /** Resolves every setting with {@code env} as the environment (tests). */
    public static OpenAiConfig from(Settings s, UnaryOperator<String> env) {
        String base = s.get(BASE_URL).trim();
        String cache = s.get(CACHE_DIR).trim();
        String tok = s.get(TOKENIZER).trim();
        String keyVar = s.get(API_KEY_ENV).trim();
        return new OpenAiConfig(URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base), s.get(MODEL).trim(),
                keyVar.isEmpty() ? "" : env.apply(keyVar), s.get(MAX_IN_FLIGHT), Duration.ofMillis(s.get(TIMEOUT_MS)),
                s.get(MAX_RETRIES), cache.isEmpty() ? null : Path.of(cache), s.get(CONTEXT_WINDOW), tok.isEmpty() ? null : Path.of(tok),
                s.get(STRUCTURED_CHOICE), s.get(CHAT_FORMAT));
    }

    /** The effective settings for the start-up log, with whether a key was found (never the key). */
    public static Map<String, String> effective(Settings s, UnaryOperator<String> env) {
        Map<String, String> m = new LinkedHashMap<>(s.effective(ALL));
        String keyVar = s.get(API_KEY_ENV).trim();
        String key = keyVar.isEmpty() ? null : env.apply(keyVar);
        m.put(P + "api-key", key == null || key.isEmpty() ? "(none)" : "****");
        return m;
    }

    /** {@code <baseUrl>/<path>}. */
    public URI endpoint(String path) {
        return URI.create(baseUrl + "/" + path);
    }

    /** Checks what a backend cannot start without. */
    public OpenAiConfig requireModel() {
        if (model.isEmpty()) {
            throw new IllegalArgumentException(MODEL.key() + " is empty: set it to the model the server at " + baseUrl
                    + " serves (the NAME of `vllm serve NAME`; GET " + endpoint("models") + " lists them)");
        }
        return this;
    }

    @Override
    public String toString() {
        return "OpenAiConfig[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey.isEmpty() ? "(none)" : "****")
                + ", maxInFlight=" + maxInFlight + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", cacheDir=" + cacheDir
                + ", contextWindow=" + contextWindow + ", tokenizer=" + tokenizer + ", structuredChoice=" + structuredChoice + ", chatFormat=" + chatFormat + "]";
    }
}
