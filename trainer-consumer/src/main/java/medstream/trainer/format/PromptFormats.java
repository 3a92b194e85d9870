package medstream.trainer.format;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import medstream.contracts.Option;
import medstream.lm.tokenizer.TextTokenizer;

/**
 * The text templates of stages 2 and 3, shared by training and evaluation so that a model is scored on
 * exactly the prompt shape it was tuned on. Plain text markers rather than chat special tokens: they work
 * with any tokenizer and read well in a decoded sample.
 *
 * <pre>
 * stage 2:  BOS "Instruction: {instruction}" ["\nInput: {input}"] "\nResponse:" | " {output}" EOS
 * stage 3:  BOS "Question: {question}\n" ["Context: {context}\n"] "Options:\nA. ..\nB. ..\n" "Answer:"
 *           | " {key}. {text}" ["\nExplanation: {explanation}"] EOS
 * </pre>
 * ({@code |} marks where the loss mask starts.)
 */
public final class PromptFormats {

    /** Cue that ends a stage-2 prompt. */
    public static final String RESPONSE_CUE = "\nResponse:";
    /** Cue that ends a stage-3 prompt. */
    public static final String ANSWER_CUE = "Answer:";

    private PromptFormats() {}

    /** How an option is written after the answer cue: {@code " A. text"}, or {@code " yes"} when key = text. */
    public static String optionContinuation(Option option) {
        String key = option.getKey().strip();
        String text = option.getText() == null ? "" : option.getText().strip();
        return text.isEmpty() || text.equalsIgnoreCase(key) ? " " + key : " " + key + ". " + text;
    }

    /** The options block of a stage-3 prompt. */
    static String optionsBlock(List<Option> options) {
        StringBuilder sb = new StringBuilder("Options:\n");
        for (Option o : options) {
            sb.append(optionContinuation(o).substring(1)).append('\n');
        }
        return sb.toString();
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
     * The stage-3 prompt ids for a question, its context cut (from its end) so the whole prompt has at most
     * {@code budget} ids. Used for evaluation, where the options are scored after it.
     *
     * @param tokenizer tokenizer
     * @param question question text
     * @param context context text or null
     * @param options options in order
     * @param budget most ids the prompt may have
     * @return BOS + question + (cut) context + options + answer cue, possibly cut from the left if even
     *     without context it is longer than the budget
     */
    public static int[] mcqPrompt(TextTokenizer tokenizer, String question, String context, List<Option> options,
            int budget) {
        McqParts p = McqParts.of(tokenizer, question, context, options);
        int room = Math.max(0, budget - p.fixedLength());
        int[] ctx = Arrays.copyOf(p.context, Math.min(p.context.length, room));
        int[] prompt = p.prompt(tokenizer.bosId(), ctx);
        return prompt.length <= budget ? prompt : Arrays.copyOfRange(prompt, prompt.length - budget, prompt.length);
    }

    /** Concatenates arrays. */
    static int[] concat(int[]... parts) {
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

    /** A row: prompt then response, the loss on the response only. */
    static Example row(int[] prompt, int[] response, float weight) {
        int[] tokens = concat(prompt, response);
        float[] mask = new float[tokens.length - 1];
        // Target i is tokens[i + 1]; response ids sit at positions prompt.length .. end.
        Arrays.fill(mask, prompt.length - 1, mask.length, 1f);
        return new Example(tokens, mask, weight);
    }

    /** The encoded pieces of a stage-3 prompt. */
    record McqParts(int[] question, int[] context, int[] options, int[] cue) {
        static McqParts of(TextTokenizer tokenizer, String question, String context, List<Option> options) {
            return new McqParts(tokenizer.encode("Question: " + question.strip() + "\n"),
                    context == null || context.isBlank() ? new int[0]
                            : tokenizer.encode("Context: " + context.strip() + "\n"),
                    tokenizer.encode(optionsBlock(options)), tokenizer.encode(ANSWER_CUE));
        }

        /** BOS + question + options + cue: everything but the context. */
        int fixedLength() {
            return 1 + question.length + options.length + cue.length;
        }

        int[] prompt(int bos, int[] cutContext) {
            return concat(new int[] {bos}, question, cutContext, options, cue);
        }
    }
}
