package medstream.lm.prompt;

import java.util.List;

/**
 * The multiple-choice question prompt: stage 3 trains on it and the labeler scores the options after it.
 *
 * <pre>
 * "Question: {question}\n" ["Context: {context}\n"] [between] "Options:\n" "{line}\n"... "Answer:"
 *     | " {answer}" ["\nExplanation: {explanation}"]
 * </pre>
 * ({@code |} is where the prompt ends and the answer, the scored or trained continuation, begins.) An option's line
 * is its key ({@code yes}) when its text is the key or empty, else {@code "A. text"}; the answer is that line after a
 * space. Question and context are stripped; a blank context has no line.
 */
public final class McqPrompt {
    /** Cue that ends the prompt; the answer follows it. */
    public static final String ANSWER_CUE = "Answer:";
    /** Cue before an explanation, after an answer in stage 3 and as the VoC explanation prompt's end. */
    public static final String EXPLANATION_CUE = "Explanation:";
    private static final String OPTIONS_HEADER = "Options:\n";

    private McqPrompt() {}

    /** {@code "Question: {question}\n"}. */
    public static String questionLine(String question) {
        return "Question: " + question.strip() + "\n";
    }

    /** {@code "Context: {context}\n"}, or empty for a null or blank context. */
    public static String contextLine(String context) {
        return context == null || context.isBlank() ? "" : "Context: " + context.strip() + "\n";
    }

    /** An option as the options block lists it: its key when the text adds nothing, else {@code "key. text"}. */
    public static String optionLine(String key, String text) {
        String k = key.strip();
        String t = text == null ? "" : text.strip();
        return t.isEmpty() || t.equalsIgnoreCase(k) ? k : k + ". " + t;
    }

    /** An option as the answer after {@link #ANSWER_CUE}: its line after a space ({@code " yes"}, {@code " A. text"}). */
    public static String answer(String key, String text) {
        return " " + optionLine(key, text);
    }

    /** {@code "Options:\n"} and each line followed by a newline. */
    public static String optionsBlock(List<String> lines) {
        StringBuilder sb = new StringBuilder(OPTIONS_HEADER);
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** What follows an answer when there is an explanation: {@code "\nExplanation: {explanation}"}. */
    public static String explanation(String explanation) {
        return "\n" + EXPLANATION_CUE + " " + explanation.strip();
    }

    /** The whole prompt, up to and including {@link #ANSWER_CUE}. */
    public static String render(String question, String context, List<String> optionLines) {
        return render(question, context, "", optionLines);
    }

    /**
     * The whole prompt with text between the context and the options (VoC's explanations).
     *
     * @param between text placed after the context line, as given (end it with a newline)
     */
    public static String render(String question, String context, String between, List<String> optionLines) {
        return questionLine(question) + contextLine(context) + between + optionsBlock(optionLines) + ANSWER_CUE;
    }
}
