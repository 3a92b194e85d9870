package medstream.labeler.lf;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A labeling function made of regular expressions over one field of the input: it votes {@code label} when every
 * {@code required} pattern finds a match and {@code unless} (if any) finds none; otherwise it abstains. The vote's
 * reason quotes the first match, so a reviewer sees why the rule fired. Patterns run on the normalised, capped text
 * of {@link LfInput} and use only bounded repetitions, so no input makes them slow.
 *
 * @param id       the rule's id
 * @param field    which text it reads
 * @param label    the option it votes for
 * @param required patterns that must all match
 * @param unless   a pattern that vetoes the vote when it matches, or null
 */
public record CueFunction(String id, Field field, String label, List<Pattern> required, Pattern unless)
        implements LabelingFunction {

    /** The text a cue reads. */
    public enum Field {
        QUESTION(LfInput::question), CONTEXT(LfInput::context), CONCLUSION(LfInput::conclusion);

        private final Function<LfInput, String> text;

        Field(Function<LfInput, String> text) {
            this.text = text;
        }

        String of(LfInput in) {
            return text.apply(in);
        }
    }

    /** Validates and copies. */
    public CueFunction {
        if (required.isEmpty()) throw new IllegalArgumentException("labeling function " + id + " needs at least one pattern");
        if (!Vote.OPTIONS.contains(label)) throw new IllegalArgumentException(id + " votes '" + label + "', none of " + Vote.OPTIONS);
        required = List.copyOf(required);
    }

    /** A cue of one or more patterns (all required), written as regular expressions over lower-case text. */
    public static CueFunction of(String id, Field field, String label, String... required) {
        return new CueFunction(id, field, label, List.of(required).stream().map(Pattern::compile).toList(), null);
    }

    /** The same cue, vetoed where {@code regex} matches. */
    public CueFunction unless(String regex) {
        return new CueFunction(id, field, label, required, Pattern.compile(regex));
    }

    @Override
    public String definition() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s %s -> %s:", id, field, label));
        required.forEach(p -> b.append(" +/").append(p.pattern()).append('/'));
        if (unless != null) b.append(" -/").append(unless.pattern()).append('/');
        return b.toString();
    }

    @Override
    public boolean readsAnswer() {
        return field != Field.QUESTION;
    }

    @Override
    public Vote vote(LfInput input) {
        String text = field.of(input);
        if (text.isEmpty()) return Vote.abstain(id, "EMPTY_" + field);
        String first = null;
        for (Pattern p : required) {
            Matcher m = p.matcher(text);
            if (!m.find()) return Vote.abstain(id, "");
            if (first == null) first = m.group();
        }
        if (unless != null && unless.matcher(text).find()) return Vote.abstain(id, "");
        return Vote.of(id, label, "matched '" + first + "'");
    }
}
