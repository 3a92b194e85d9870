package medstream.lm.prompt;

import java.util.List;

/**
 * The Verification-of-Choice (AntGLM-Med) prompts, on the question and context lines of {@link McqPrompt}:
 * explain an assumed answer, judge whether an explanation is supported, and answer with every explanation in view
 * (that last one is the multiple-choice prompt itself, with the explanations before the options).
 */
public final class VerificationPrompt {
    /** The reply that says an explanation is supported, scored against {@link #UNSUPPORTED}. */
    public static final String SUPPORTED = "yes";
    /** The reply that says it is not. */
    public static final String UNSUPPORTED = "no";

    private VerificationPrompt() {}

    /** Asks for an explanation of why {@code option} is the answer; the explanation is generated after it. */
    public static String explain(String question, String context, String option) {
        return head(question, context) + "Assume the answer is \"" + option + "\". Using only the context, explain why"
                + " the answer is " + option + ".\n" + McqPrompt.EXPLANATION_CUE;
    }

    /** Asks whether an explanation of {@code option} is supported; {@link #SUPPORTED} or {@link #UNSUPPORTED} follows. */
    public static String judge(String question, String context, String option, String explanation) {
        return head(question, context) + "Proposed answer: " + option + "\n" + McqPrompt.EXPLANATION_CUE + " "
                + explanation + "\nIs this explanation supported by the context? Answer " + SUPPORTED + " or "
                + UNSUPPORTED + ":";
    }

    /** The prefix after which each option's explanation is scored by its likelihood. */
    public static String judgeByLikelihood(String question, String context) {
        return head(question, context) + McqPrompt.EXPLANATION_CUE;
    }

    /** The answer prompt: the multiple-choice prompt with every option's explanation before the options. */
    public static String answer(String question, String context, String explanations, List<String> optionLines) {
        return McqPrompt.render(question, context, explanations + "\n", optionLines);
    }

    /** The explanations as the answer prompt shows them: {@code "If the answer were X: ..."}, one per line. */
    public static String explanations(List<String> options, List<String> explanations) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < options.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append("If the answer were ").append(options.get(i)).append(": ").append(explanations.get(i));
        }
        return sb.toString();
    }

    private static String head(String question, String context) {
        return McqPrompt.questionLine(question) + McqPrompt.contextLine(context);
    }
}
