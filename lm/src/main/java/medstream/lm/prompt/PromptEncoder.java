package medstream.lm.prompt;

import medstream.lm.hf.ChatFormat;
import medstream.lm.tokenizer.TextTokenizer;

/**
 * A prompt and its continuations as a model is fed them. Without a chat template: BOS, the prompt text, then the
 * continuation as written ({@code " yes"} after {@code "Answer:"}). With one: the prompt as the user turn and an
 * open assistant turn ({@link ChatFormat#userTurn}), the continuation as the assistant's reply
 * ({@link ChatFormat#reply}), generation stopping at the template's end of turn. Prompt text is the caller's
 * (control-token strings in it stay text); only the template's own markers become special tokens.
 *
 * @param tokenizer the model's tokenizer
 * @param chat the model's chat template shape, PLAIN for none
 */
public record PromptEncoder(TextTokenizer tokenizer, ChatFormat chat) {
    /** Stands for the prompt when the template is rendered once to find what comes before and after it. */
    private static final String SLOT = "\u0001";

    /** The ids of a prompt. */
    public int[] prompt(String text) {
        return concat(before(), tokenizer.encode(chat == ChatFormat.LLAMA3 ? text.strip() : text), after());
    }

    /**
     * The ids every prompt starts with: BOS, or the template up to the user's message. A formatter that encodes a
     * prompt's parts one by one (to cut the context alone) frames them with this and {@link #after}.
     */
    public int[] before() {
        if (chat == ChatFormat.PLAIN) {
            return new int[] {tokenizer.bosId()};
        }
        String frame = chat.userTurn(SLOT);
        return tokenizer.encode(frame.substring(0, frame.indexOf(SLOT)), true);
    }

    /** The ids every prompt ends with: none, or the template from the user's message to the open assistant turn. */
    public int[] after() {
        if (chat == ChatFormat.PLAIN) {
            return new int[0];
        }
        String frame = chat.userTurn(SLOT);
        return tokenizer.encode(frame.substring(frame.indexOf(SLOT) + SLOT.length()), true);
    }

    /** The ids that end a trained reply: EOS, or the template's end of turn (what {@link #stopId} stops on). */
    public int[] end() {
        return chat == ChatFormat.PLAIN ? new int[] {tokenizer.eosId()} : tokenizer.encode(chat.endOfTurn(), true);
    }

    /** The ids of a continuation of a prompt (an option, an answer). */
    public int[] continuation(String text) {
        return tokenizer.encode(chat.reply(text));
    }

    /** How many ids {@link #prompt} makes of {@code text}. */
    public int promptLength(String text) {
        return prompt(text).length;
    }

    /** The id that ends a reply: the template's end of turn when it is one token, else EOS. */
    public int stopId() {
        if (chat != ChatFormat.PLAIN) {
            int[] end = tokenizer.encode(chat.endOfTurn(), true);
            if (end.length == 1) {
                return end[0];
            }
        }
        return tokenizer.eosId();
    }

    /** The arrays one after another (prompt pieces, a prompt and its response). */
    public static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
