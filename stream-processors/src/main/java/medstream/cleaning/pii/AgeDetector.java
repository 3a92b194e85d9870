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

    /** After the number: "-year-old", " years of age", " y/o", "岁". */
    private static final Pattern AFTER = Pattern.compile(
            "(?:\\s*|-)(?:years?|yrs?|y)(?:\\s*|-)(?:of\\s+age|old|o\\b)|\\s*(?:y/o|y\\.o\\.|yo\\b|岁|周岁)",
            Pattern.CASE_INSENSITIVE);
    /** Before the number: "aged ", "age: ", "年龄：", "享年"; the number must then not go on as a decimal or percent. */
    private static final Pattern BEFORE = Pattern.compile(
            "(?:\\baged?|\\bage:|\\bage of|\\bage was|\\bage is|年龄[:：]?|享年)\\s*$", Pattern.CASE_INSENSITIVE);
    private static final int BEFORE_WINDOW = 14;

    @Override
    public void find(String text, List<PiiMatch> out) {
        Matcher after = null;
        Matcher before = null;
        for (int at : Candidates.digitRuns(text)) {
            int end = at;
            while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
                end++;
            }
            if (!isOver89(text, at, end) || at > 0 && text.charAt(at - 1) == '.') {
                continue;
            }
            if (after == null) {
                after = AFTER.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                before = BEFORE.matcher(text).useTransparentBounds(true); // "$" at the window's end: anchoring bounds
            }
            boolean decimal = end < text.length() && (text.charAt(end) == '.' && end + 1 < text.length()
                    && Character.isDigit(text.charAt(end + 1)) || text.charAt(end) == '%');
            if (after.region(end, text.length()).lookingAt()
                    || !decimal && before.region(Math.max(0, at - BEFORE_WINDOW), at).find()) {
                out.add(new PiiMatch(PiiType.AGE, at, end));
            }
        }
    }

    /** 90 to 129, as digits. */
    private static boolean isOver89(String text, int start, int end) {
        if (end - start == 2) {
            return text.charAt(start) == '9';
        }
        return end - start == 3 && text.charAt(start) == '1' && text.charAt(start + 1) <= '2';
    }
}
