package medstream.labeler.strategy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import medstream.labeler.core.LabelInput;
import medstream.labeler.prompt.PromptTemplate;
import medstream.lm.prompt.McqPrompt;

/**
 * Shared pieces of prompt building: slots from an input, option continuations, truncation of explanations. The
 * shapes themselves are lm's ({@code medstream.lm.prompt}), which the trainer renders too.
 */
final class Prompts {
    /** The slot that lists the options, one line each. */
    private static final String OPTIONS = "options";

    private Prompts() {}

    /** The {@code context} and {@code question} slots, and the input's option lines where the template lists them. */
    static Map<String, String> slots(PromptTemplate t, LabelInput in) {
        Map<String, String> m = new HashMap<>();
        m.put("context", in.context());
        m.put("question", in.question());
        if (t.hasSlot(OPTIONS)) {
            m.put(OPTIONS, String.join("\n", in.options().stream().map(o -> McqPrompt.optionLine(o, o)).toList()));
        }
        return m;
    }

    /** Options as the answers that follow the prompt's cue (a leading space, as after "Answer:" in running text). */
    static List<String> continuations(List<String> options) {
        return options.stream().map(o -> McqPrompt.answer(o, o)).toList();
    }

    /** Renders with the input's slots plus extra ones. */
    static String render(PromptTemplate t, LabelInput in, Map<String, String> extra) {
        Map<String, String> m = slots(t, in);
        m.putAll(extra);
        return t.render(m);
    }

    /** Cuts {@code s} to {@code max} characters, marking the cut. */
    static String truncate(String s, int max) {
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, Math.max(0, max - 3)) + "...";
    }

    /** Tokens of the template with an empty context and the given extra slots, plus a reserve for what follows. */
    static int overhead(PromptTemplate t, LabelInput in, Map<String, String> extra, int reserve,
                        medstream.labeler.model.LabelingModel model) {
        Map<String, String> m = slots(t, in);
        m.put("context", "");
        m.putAll(extra);
        return model.countTokens(t.render(m)) + reserve;
    }
}
