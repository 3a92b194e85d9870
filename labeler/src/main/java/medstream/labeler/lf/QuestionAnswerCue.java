package medstream.labeler.lf;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A labeling function over the question and the conclusion together: it votes {@code label} when the question
 * matches {@code asked} and the conclusion matches {@code answered}. For cues whose meaning depends on what was asked:
 * "differs" answers "are they the same?" with no, and "is X better?" with yes.
 *
 * @param id       the rule's id
 * @param label    the option it votes for
 * @param asked    the pattern over the question
 * @param answered the pattern over the conclusion
 */
public record QuestionAnswerCue(String id, String label, Pattern asked, Pattern answered) implements LabelingFunction {

    /** From two regular expressions over the lower-case question and conclusion. */
    public QuestionAnswerCue(String id, String label, String asked, String answered) {
        this(id, label, Pattern.compile(asked), Pattern.compile(answered));
    }

    /** Validates. */
    public QuestionAnswerCue {
        if (!Vote.OPTIONS.contains(label)) throw new IllegalArgumentException(id + " votes '" + label + "', none of " + Vote.OPTIONS);
    }

    @Override
    public String definition() {
        return String.format(Locale.ROOT, "%s QUESTION+/%s/ CONCLUSION+/%s/ -> %s", id, asked.pattern(), answered.pattern(), label);
    }

    /** The question's polarity is part of the cue already: a negated question does not flip it. */
    @Override
    public boolean readsAnswer() {
        return false;
    }

    @Override
    public Vote vote(LfInput input) {
        if (input.question().isEmpty() || input.conclusion().isEmpty()) return Vote.abstain(id, "EMPTY_QUESTION_OR_CONCLUSION");
        Matcher q = asked.matcher(input.question());
        if (!q.find()) return Vote.abstain(id, "");
        Matcher a = answered.matcher(input.conclusion());
        if (!a.find()) return Vote.abstain(id, "");
        return Vote.of(id, label, "asked '" + q.group() + "', answered '" + a.group() + "'");
    }
}
