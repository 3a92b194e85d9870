package medstream.lm.prompt;

import medstream.lm.hf.ChatFormat;

/**
 * The stage-2 instruction prompt. Plain markers for a model without a chat template:
 * {@code "Instruction: {instruction}" ["\nInput: {input}"] "\nResponse:" | " {output}"}; for a model with one, the
 * instruction (and input after a blank line) is the user turn and the output the assistant's reply
 * ({@link ChatFormat#userTurn}, {@link ChatFormat#reply}).
 */
public final class InstructionPrompt {
    /** Cue that ends a plain instruction prompt. */
    public static final String RESPONSE_CUE = "\nResponse:";

    private InstructionPrompt() {}

    /**
     * The prompt's body, before the response cue (plain) or as the user turn's content (chat).
     *
     * @param input the input, or null or blank for none
     */
    public static String body(String instruction, String input, ChatFormat chat) {
        boolean hasInput = input != null && !input.isBlank();
        if (chat == ChatFormat.PLAIN) {
            return "Instruction: " + instruction.strip() + (hasInput ? "\nInput: " + input.strip() : "");
        }
        return instruction.strip() + (hasInput ? "\n\n" + input.strip() : "");
    }

    /** The output as it follows the prompt: after a space in plain text, as the reply itself in a chat. */
    public static String response(String output, ChatFormat chat) {
        return chat.reply(" " + output.strip());
    }
}
