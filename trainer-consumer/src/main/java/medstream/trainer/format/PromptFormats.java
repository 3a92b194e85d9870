package medstream.trainer.format;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import medstream.contracts.Option;
import medstream.lm.hf.ChatFormat;
import medstream.lm.prompt.McqPrompt;
import medstream.lm.prompt.PromptEncoder;
import medstream.lm.tokenizer.TextTokenizer;

/**
 * Stage 2 and 3 rows and prompts as token ids, over the text shapes of {@code medstream.lm.prompt}
 * ({@link McqPrompt}, {@link medstream.lm.prompt.InstructionPrompt}), which the labeler renders too: a model is
 * scored on exactly the prompt shape it was tuned on. Plain text markers for a model without a chat template; with
 * one (a Qwen2 / Llama base), the same text as the user's message and the answer as the assistant's reply, ended by
 * the template's end of turn ({@link PromptEncoder}), as the labeler scores it.
 *
 * <pre>
 * stage 2:  BOS "Instruction: {instruction}" ["\nInput: {input}"] "\nResponse:" | " {output}" EOS
 * stage 3:  BOS "Question: {question}\n" ["Context: {context}\n"] "Options:\nA. ..\nB. ..\n" "Answer:"
 *           | " {key}. {text}" ["\nExplanation: {explanation}"] EOS
 * </pre>
 * ({@code |} marks where the loss mask starts.)
 */
public final class PromptFormats {

    private PromptFormats() {}

    /** How an option is written after the answer cue: {@code " A. text"}, or {@code " yes"} when key = text. */
    public static String optionContinuation(Option option) {
        return McqPrompt.answer(option.getKey(), option.getText());
    }

    /** The options block of a stage-3 prompt. */
    static String optionsBlock(List<Option> options) {
        return McqPrompt.optionsBlock(options.stream().map(o -> McqPrompt.optionLine(o.getKey(), o.getText())).toList());
    }

    /** Finds the option whose key is {@code answer} (exact after strip, else ignoring case), or null. */
    public static Option findOption(List<Option> options, String answer) {
        if (answer == null) {
            return null;
        }
        String a = answer.strip();
        for (Option o : options) {
            if (o.getKey().strip().equals(a)) {
                return o;
            }
        }
        for (Option o : options) {
            if (o.getKey().strip().toLowerCase(Locale.ROOT).equals(a.toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        return null;
    }

    /**
     * The stage-3 prompt ids for a question, as a model without a chat template is fed them.
     *
     * @see #mcqPrompt(PromptEncoder, String, String, List, int)
     */
    public static int[] mcqPrompt(TextTokenizer tokenizer, String question, String context, List<Option> options,
            int budget) {
        return mcqPrompt(new PromptEncoder(tokenizer, ChatFormat.PLAIN), question, context, options, budget);
    }

    /**
     * The stage-3 prompt ids for a question, its context cut (from its end) so the whole prompt has at most
     * {@code budget} ids. Used for evaluation, where the options are scored after it.
     *
     * @param encoder the model's tokenizer and chat template shape
     * @param question question text
     * @param context context text or null
     * @param options options in order
     * @param budget most ids the prompt may have
     * @return the frame's start (BOS, or the chat template up to the user's message) + question + (cut) context +
     *     options + answer cue + the frame's end (nothing, or the open assistant turn), possibly cut from the left if
     *     even without context it is longer than the budget
     */
    public static int[] mcqPrompt(PromptEncoder encoder, String question, String context, List<Option> options,
            int budget) {
        McqParts p = McqParts.of(encoder, question, context, options);
        int room = Math.max(0, budget - p.fixedLength());
        int[] prompt = p.prompt(Arrays.copyOf(p.context, Math.min(p.context.length, room)));
        return prompt.length <= budget ? prompt : Arrays.copyOfRange(prompt, prompt.length - budget, prompt.length);
    }

    /** Concatenates arrays. */
    static int[] concat(int[]... parts) {
        return PromptEncoder.concat(parts);
    }

    /** A row: prompt then response, the loss on the response only. */
    static Example row(int[] prompt, int[] response, float weight) {
        int[] tokens = concat(prompt, response);
        float[] mask = new float[tokens.length - 1];
        // Target i is tokens[i + 1]; response ids sit at positions prompt.length .. end.
        Arrays.fill(mask, prompt.length - 1, mask.length, 1f);
        return new Example(tokens, mask, weight);
    }

    /**
     * The encoded pieces of a stage-3 prompt, one by one so the context alone can be cut, between the frame of the
     * model's prompts ({@link PromptEncoder#before}, {@link PromptEncoder#after}). Encoding them apart gives the ids
     * of encoding the whole text: each piece ends with a newline or the answer cue and the next starts with a
     * letter, a boundary byte-level BPE pre-tokenizers split at anyway (StagePromptParityTest checks it).
     */
    record McqParts(int[] before, int[] question, int[] context, int[] options, int[] cue, int[] after) {
        static McqParts of(PromptEncoder encoder, String question, String context, List<Option> options) {
            TextTokenizer tokenizer = encoder.tokenizer();
            String contextLine = McqPrompt.contextLine(context);
            return new McqParts(encoder.before(), tokenizer.encode(McqPrompt.questionLine(question)),
                    contextLine.isEmpty() ? new int[0] : tokenizer.encode(contextLine),
                    tokenizer.encode(optionsBlock(options)), tokenizer.encode(McqPrompt.ANSWER_CUE), encoder.after());
        }

        /** Everything but the context. */
        int fixedLength() {
            return before.length + question.length + options.length + cue.length + after.length;
        }

        int[] prompt(int[] cutContext) {
            return concat(before, question, cutContext, options, cue, after);
        }
    }
}
