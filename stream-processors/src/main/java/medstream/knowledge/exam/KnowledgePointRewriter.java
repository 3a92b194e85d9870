package medstream.knowledge.exam;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import medstream.knowledge.TextUnits;

/**
 * Rewrites a question and its correct answer into a declarative knowledge statement for stage 1, by
 * rules over the question's last sentence (the clinical vignette before it is kept as it is):
 * <ul>
 *   <li>{@code ... due to which of the following [noun]?} -> "... due to ANSWER."</li>
 *   <li>{@code Which of the following is the X?} -> "The X is ANSWER."</li>
 *   <li>{@code Which of the following [noun] best explains X?} -> "ANSWER best explains X."</li>
 *   <li>{@code What is the X?} -> "The X is ANSWER."</li>
 *   <li>{@code Which of the following is true of X?} -> "It is true of X that ANSWER."</li>
 *   <li>a completion stem without '?' ("... will cause ipsilateral", "Drug of choice for X:") -> stem + ANSWER</li>
 *   <li>{@code All of the following ... EXCEPT} -> "The following ...: A, B and C; ANSWER is the exception."</li>
 *   <li>Chinese: a blank （ ） or the question word (哪项, 哪种, 什么 ...) is replaced by the answer.</li>
 * </ul>
 * What rules cannot do is said plainly by {@link Rule#FALLBACK}: questions that match no rule, or that
 * are negated in another way ("Which is NOT ..."), keep their question form with the answer appended,
 * because a wrong rewrite would state the opposite of the fact. Callers count rules to see coverage.
 */
public final class KnowledgePointRewriter {
    /** Which rule produced the statement. */
    public enum Rule { TRAILING_WHICH, WHICH_IS, WHICH_NOUN_VERB, TRUE_OF, WHAT_IS, COMPLETION, EXCEPT, ZH_BLANK, ZH_QUESTION_WORD, FALLBACK }

    /** A statement and the rule that made it. */
    public record KnowledgePoint(String text, Rule rule) { }

    private static final Pattern TRAILING_WHICH = Pattern.compile(
            "^(.+?)\\s+(?:which|what) of the following(?:\\s+[\\w-]+){0,2}\\s*[?:.]?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern WHICH_IS = Pattern.compile(
            "^(?:which|what) of the following (is|are|was|were) (.+?)\\s*[?:.]?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern WHICH_NOUN_VERB = Pattern.compile(
            "^(?:which|what) of the following ((?:[\\w'-]+ ){0,4}?)(is|are|was|were|has|have|had|best|most|would|will|could|can|should|"
                    + "explains|describes|causes|caused|increases|decreases|inhibits|prevents|results|accounts)\\b (.+?)\\s*[?:.]?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WHAT_IS = Pattern.compile(
            "^(?:what|which) (is|are|was|were) (the .+?)\\s*[?:.]?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXCEPT = Pattern.compile(
            "^(.*?)[\\s,]*\\b(?:except|EXCEPT)\\b\\s*[:?.]?\\s*$");
    /** Negations in capitals are always about the options ("Which is NOT ..."). */
    private static final Pattern NEGATED_CAPS = Pattern.compile("\\b(?:NOT|LEAST|EXCEPT|FALSE|INCORRECT)\\b");
    /** Lower-case negations count only in a sentence that asks about the options ("She does not want ..." does not). */
    private static final Pattern NEGATED_WORD = Pattern.compile("\\b(?:not|least|false|incorrect|untrue|except)\\b");
    private static final Pattern ASKS_ABOUT_OPTIONS = Pattern.compile("(?i)\\b(?:which|what|following|true|correct)\\b");
    /** The predicate "true of X" / "correct about X" / "most accurate regarding X" of a which-question. */
    private static final Pattern TRUE_OF = Pattern.compile(
            "(?i)^(?:most |best )?(?:true|correct|accurate)\\b\\s*((?:of|about|regarding|concerning|for|in|with respect to)\\b.*)?$");
    /** A finite verb (or what usually is one) in a colon stem: then the answer follows without "is". */
    private static final Pattern VERBISH = Pattern.compile(
            "(?i)\\b(?:is|are|was|were|be|been|being|has|have|had|does|do|did|can|could|may|might|will|would|should|must|"
                    + "causes?|seen|shows?|leads?|results?|contains?|includes?|involves?|involving|called|known|\\w{3,}ed)\\b");
    private static final Pattern ZH_BLANK = Pattern.compile("[（(]\\s*[)）]|_{2,}");
    private static final Pattern ZH_QUESTION_WORD = Pattern.compile(
            "(?:下列|以下)?(?:哪一项|哪一种|哪一个|哪项|哪种|哪个|哪些|什么)");
    private static final Pattern ZH_NEGATED = Pattern.compile("不是|不属于|不正确|不包括|错误|除外|不宜|不能");

    /**
     * The knowledge statement for a question, the correct option's text, the other options' texts
     * (used by the EXCEPT rule) and an explanation (appended when present).
     */
    public KnowledgePoint rewrite(String question, String answer, List<String> otherOptions, String explanation, String language) {
        KnowledgePoint core = "zh".equals(language)
                ? rewriteZh(question.strip(), answer.strip())
                : rewriteEn(question.strip(), stripEnd(answer.strip()), otherOptions);
        if (explanation == null || explanation.isBlank()) {
            return core;
        }
        String sep = "zh".equals(language) ? "" : " ";
        return new KnowledgePoint(core.text() + sep + TextUnits.terminate(explanation.strip(), language), core.rule());
    }

    private KnowledgePoint rewriteEn(String question, String answer, List<String> others) {
        // Some MedQA stems end in '?"' (a quote left over from the source); it is not part of the question.
        String text = question.replaceAll("\\?\"$", "?");
        int start = lastSentenceStart(text);
        String context = text.substring(0, start);
        String last = text.substring(start).strip().replaceAll("\\s+", " ");
        String a = TextUnits.decapitalize(answer);

        Matcher m = EXCEPT.matcher(last);
        if (m.matches() && !others.isEmpty()) {
            String stem = m.group(1).replaceFirst("^(?i)all of the following", "The following").strip();
            String list = TextUnits.joinList(others.stream().map(o -> TextUnits.decapitalize(stripEnd(o.strip()))).toList(), "en");
            return statement(context, TextUnits.capitalize(stem) + ": " + list + "; " + a + " is the exception.", Rule.EXCEPT);
        }
        if (NEGATED_CAPS.matcher(last).find()
                || (NEGATED_WORD.matcher(last).find() && ASKS_ABOUT_OPTIONS.matcher(last).find())) {
            return fallbackEn(question, answer);
        }
        if ((m = TRAILING_WHICH.matcher(last)).matches()) {
            return statement(context, TextUnits.capitalize(m.group(1)) + " " + a + ".", Rule.TRAILING_WHICH);
        }
        if ((m = WHICH_IS.matcher(last)).matches() || (m = WHICH_NOUN_VERB.matcher(last)).matches()) {
            Matcher truth = TRUE_OF.matcher(m.group(m.groupCount()));
            if (truth.matches()) {
                // "Which of the following is true of X?" answered by a statement: "It is true of X that <statement>."
                String about = truth.group(1) == null ? "" : truth.group(1).strip();
                return statement(context, "It is true" + (about.isEmpty() ? "" : " " + about) + " that " + a + ".", Rule.TRUE_OF);
            }
        }
        if ((m = WHICH_IS.matcher(last)).matches()) {
            String rest = m.group(2);
            String sentence = rest.matches("(?i)^(the|a|an|this|these|those|its|his|her|their)\\b.*")
                    ? TextUnits.capitalize(rest) + " " + m.group(1) + " " + a + "."
                    : TextUnits.capitalize(answer) + " " + m.group(1) + " " + rest + ".";
            return statement(context, sentence, Rule.WHICH_IS);
        }
        if ((m = WHICH_NOUN_VERB.matcher(last)).matches()) {
            return statement(context, TextUnits.capitalize(answer) + " " + m.group(2) + " " + m.group(3) + ".", Rule.WHICH_NOUN_VERB);
        }
        if ((m = WHAT_IS.matcher(last)).matches()) {
            return statement(context, TextUnits.capitalize(m.group(2)) + " " + m.group(1) + " " + a + ".", Rule.WHAT_IS);
        }
        if (!last.endsWith("?") && !last.matches("(?i)^(which|what)\\b.*")) {
            return statement(context, completion(last, a), Rule.COMPLETION);
        }
        return fallbackEn(question, answer);
    }

    /**
     * Where the question's last sentence starts: after the last '.', '!' or '?' followed by space and a
     * capital or digit, or after the last line break followed by a capital or digit (MedQA puts lab
     * values on their own lines; MedMCQA's wrapped lines continue in lower case and are not breaks).
     */
    static int lastSentenceStart(String text) {
        for (int i = text.length() - 2; i >= 0; i--) {
            char c = text.charAt(i);
            boolean boundary = c == '\n' || ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(text.charAt(i + 1)));
            if (!boundary) {
                continue;
            }
            int j = i + 1;
            while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
                j++;
            }
            if (j < text.length() && j < text.length() - 1
                    && (Character.isUpperCase(text.charAt(j)) || Character.isDigit(text.charAt(j)))) {
                return j;
            }
        }
        return 0;
    }

    private static String completion(String stem, String answer) {
        if (stem.matches("(?s).*_{2,}.*")) {
            return TextUnits.terminate(stem.replaceFirst("_{2,}", answer), "en");
        }
        if (stem.matches("(?s).*[.!?]$")) {
            // The stem is a finished sentence (MMLU "... sixth cervical vertebra."): the answer is a new one.
            return stem + " " + TextUnits.terminate(TextUnits.capitalize(answer), "en");
        }
        String s = stem.replaceAll("[\\s:\\-–…]+$", "");
        boolean endsWithColon = stem.strip().endsWith(":");
        // "Concentration of tropicamide:" names a thing and needs "is"; "Heavy forces ... causes:" already has its verb.
        boolean needsCopula = endsWithColon && !VERBISH.matcher(s).find();
        return TextUnits.terminate(needsCopula ? s + " is " + answer : s + " " + answer, "en");
    }

    private KnowledgePoint rewriteZh(String question, String answer) {
        String q = question.replaceAll("[？?。\\s]+$", "");
        if (ZH_NEGATED.matcher(q).find()) {
            return new KnowledgePoint("问题：" + question + "答案：" + TextUnits.terminate(answer, "zh"), Rule.FALLBACK);
        }
        Matcher m = ZH_BLANK.matcher(q);
        if (m.find()) {
            return new KnowledgePoint(TextUnits.terminate(m.replaceFirst(Matcher.quoteReplacement(answer)), "zh"), Rule.ZH_BLANK);
        }
        m = ZH_QUESTION_WORD.matcher(q);
        if (m.find()) {
            return new KnowledgePoint(TextUnits.terminate(m.replaceFirst(Matcher.quoteReplacement(answer)), "zh"), Rule.ZH_QUESTION_WORD);
        }
        if (q.endsWith("是") || q.endsWith("为") || q.endsWith("：") || q.endsWith(":")) {
            return new KnowledgePoint(TextUnits.terminate(q.replaceAll("[：:]$", "是") + answer, "zh"), Rule.COMPLETION);
        }
        return new KnowledgePoint("问题：" + question + "答案：" + TextUnits.terminate(answer, "zh"), Rule.FALLBACK);
    }

    private static KnowledgePoint fallbackEn(String question, String answer) {
        return new KnowledgePoint("Question: " + question + " Answer: " + TextUnits.terminate(answer, "en"), Rule.FALLBACK);
    }

    /** The vignette as written (its line breaks kept), then the statement. */
    private static KnowledgePoint statement(String context, String sentence, Rule rule) {
        String prefix = context.strip();
        String sep = prefix.isEmpty() ? "" : context.substring(context.stripTrailing().length()).contains("\n") ? "\n" : " ";
        return new KnowledgePoint(prefix + sep + sentence, rule);
    }

    private static String stripEnd(String s) {
        return s.replaceAll("[.。]+$", "");
    }
}
