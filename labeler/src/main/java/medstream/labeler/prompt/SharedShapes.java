package medstream.labeler.prompt;

import java.util.List;
import medstream.lm.prompt.McqPrompt;
import medstream.lm.prompt.VerificationPrompt;

/**
 * The templates of version {@value #VERSION}: lm's shared prompt shapes ({@link McqPrompt},
 * {@link VerificationPrompt}) rendered with the labeler's {@code {{slots}}} in place of their text, so the
 * option-scoring prompts are the trainer's stage-3 prompt by construction, not by a copy kept in step. Older
 * versions are text files under {@code prompts/}.
 */
final class SharedShapes {
    /** The version whose templates come from the shared shapes. */
    static final String VERSION = "v2";
    /** The slot holding the option lines, one per line ({@link McqPrompt#optionLine}). */
    static final String OPTIONS = "options";

    private SharedShapes() {}

    /** The template text of {@code name}, or null when the shared shapes have no such template. */
    static String text(String name) {
        String q = slot("question");
        String c = slot("context");
        List<String> options = List.of(slot(OPTIONS));
        return switch (name) {
            case "ppl", "self-consistency" -> McqPrompt.render(q, c, options);
            case "long-answer" -> McqPrompt.render(q, slot("long_answer"), options);
            case "voc-explain" -> VerificationPrompt.explain(q, c, slot("option"));
            case "voc-judge" -> VerificationPrompt.judge(q, c, slot("option"), slot("explanation"));
            case "voc-judge-likelihood" -> VerificationPrompt.judgeByLikelihood(q, c);
            case "voc-answer" -> VerificationPrompt.answer(q, c, slot("explanations"), options);
            default -> null;
        };
    }

    private static String slot(String name) {
        return "{{" + name + "}}";
    }
}
