package medstream.lm.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import medstream.lm.tokenizer.hf.HfTokenizer;

/**
 * The shape of a model's chat template, detected from {@code tokenizer_config.json}: ChatML (Qwen) or Llama-3
 * headers. Renders messages as the template would, without a template engine; encode the result with special
 * tokens allowed. Template-specific extras (Qwen2.5's default system message, tool calls, dates) are not added.
 */
public enum ChatFormat {
    /** {@code <|im_start|>role\ncontent<|im_end|>\n}; the assistant turn ends at {@code <|im_end|>}. */
    CHATML("<|im_start|>", "<|im_end|>"),
    /** {@code <|start_header_id|>role<|end_header_id|>\n\ncontent<|eot_id|>} after {@code <|begin_of_text|>}. */
    LLAMA3("<|start_header_id|>", "<|eot_id|>"),
    /** No chat template: messages are joined as plain text. */
    PLAIN("", "");

    private final String marker;
    private final String endOfTurn;

    ChatFormat(String marker, String endOfTurn) {
        this.marker = marker;
        this.endOfTurn = endOfTurn;
    }

    /** One chat message. */
    public record Message(String role, String content) {}

    /** The token text that ends a turn (the stop token of generation); empty for PLAIN. */
    public String endOfTurn() {
        return endOfTurn;
    }

    /**
     * Detects the format from {@code tokenizer_config.json} (its chat_template string), falling back to the
     * tokenizer's special tokens when the config has no template.
     *
     * @param tokenizerConfig the parsed file, or null
     * @param tokenizer the model's tokenizer
     * @return the format; PLAIN when neither applies
     */
    public static ChatFormat detect(JsonNode tokenizerConfig, HfTokenizer tokenizer) {
        String template = tokenizerConfig == null ? "" : tokenizerConfig.path("chat_template").asText("");
        for (ChatFormat f : List.of(CHATML, LLAMA3)) {
            if (template.contains(f.marker)) {
                return f;
            }
        }
        for (ChatFormat f : List.of(CHATML, LLAMA3)) {
            if (template.isEmpty() && tokenizer.id(f.marker) >= 0 && tokenizer.id(f.endOfTurn) >= 0) {
                return f;
            }
        }
        return PLAIN;
    }

    /**
     * A single-turn prompt: {@code prompt} as the user's message and an open assistant turn after it, the model's
     * reply to be scored or generated there. PLAIN returns the prompt unchanged.
     */
    public String userTurn(String prompt) {
        return this == PLAIN ? prompt : render(List.of(new Message("user", prompt)), true);
    }

    /**
     * A continuation of a prompt as this format's reply: unchanged in plain text (where it follows a cue such as
     * {@code "Answer:"} after a space), without its leading whitespace as an assistant turn's content.
     */
    public String reply(String continuation) {
        return this == PLAIN ? continuation : continuation.stripLeading();
    }

    /**
     * Renders a conversation.
     *
     * @param messages turns in order
     * @param addGenerationPrompt true to end with an open assistant turn for the model to complete
     * @return the prompt text, holding special-token text
     */
    public String render(List<Message> messages, boolean addGenerationPrompt) {
        StringBuilder out = new StringBuilder(this == LLAMA3 ? "<|begin_of_text|>" : "");
        for (Message m : messages) {
            switch (this) {
                case CHATML -> out.append("<|im_start|>").append(m.role()).append('\n').append(m.content())
                        .append("<|im_end|>\n");
                case LLAMA3 -> out.append("<|start_header_id|>").append(m.role()).append("<|end_header_id|>\n\n")
                        .append(m.content().strip()).append("<|eot_id|>");
                default -> out.append(m.content()).append('\n');
            }
        }
        if (addGenerationPrompt) {
            switch (this) {
                case CHATML -> out.append("<|im_start|>assistant\n");
                case LLAMA3 -> out.append("<|start_header_id|>assistant<|end_header_id|>\n\n");
                default -> { }
            }
        }
        return out.toString();
    }
}
