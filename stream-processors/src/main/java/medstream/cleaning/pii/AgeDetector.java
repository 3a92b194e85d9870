package medstream.cleaning.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds ages over 89 ("93-year-old", "aged 91", "age: 95", "92 yo", "96岁", "年龄：97"). Only the number is replaced
 * ("The [AGE]-year-old widow"), and only next to an age word, so "90 mg" or "95% CI" stay. Younger ages are not
 * identifiers under HIPAA Safe Harbor and stay as well.
 */
final class AgeDetector implements PiiDetector {

    private static final Pattern AGE = Pattern.compile(
            old("a") + "(?:\\s*|-)(?:years?|yrs?|y)(?:\\s*|-)(?:of\\s+age|old|o\\b)"
                    + "|" + old("b") + "\\s*(?:y/o|y\\.o\\.|yo\\b|岁|周岁)"
                    + "|\\b(?:aged?|age:|age of|age was|age is)\\s*(?<w>9\\d|1[0-2]\\d)(?![\\d.%])"
                    + "|(?:年龄|享年)[:：]?\\s*(?<z>9\\d|1[0-2]\\d)(?!\\d)", Pattern.CASE_INSENSITIVE);

    private static final List<String> GROUPS = List.of("a", "b", "w", "z");

    @Override
    public void find(String text, List<PiiMatch> out) {
        if (text.indexOf('9') < 0 && text.indexOf('1') < 0) {
            return;
        }
        Matcher m = AGE.matcher(text);
        while (m.find()) {
            for (String group : GROUPS) {
                if (m.start(group) >= 0) {
                    out.add(new PiiMatch(PiiType.AGE, m.start(group), m.end(group)));
                    break;
                }
            }
        }
    }

    /** An age of 90-129 not inside a longer number, as a named group. */
    private static String old(String group) {
        return "(?<![\\d.])(?<" + group + ">9\\d|1[0-2]\\d)";
    }
}
