package medstream.cleaning.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds dates more specific than a year. A day-specific date ("03/14/2021", "January 5, 2020", "2021年3月15日") is
 * taken wherever it stands: in clinical text every such date belongs to a patient's course. A month and year ("March
 * 2020", "2020年3月", "03/2021") is only taken after an event of care (admitted, discharged, seen, surgery, 入院 ...)
 * and never as one end of a range ("from January 2010 to December 2015"): that is how a study period is written. A
 * date of either kind among words of a study (patients, cohort, enrolled ...) and near no single person (he, she, the
 * patient) is a study's date and stays, as do dates of citations ("Accessed 3/30/2011"). Bare years and year ranges
 * never match. Labeled dates of birth are taken by {@link StructuredDetector} as DOB first.
 */
final class DateDetector implements PiiDetector {

    private static final String M = DatePatterns.MONTH_EXACT;
    private static final String YEAR = "(?:19|20)\\d{2}";
    private static final Pattern DAY_DATE = Pattern.compile(
            "(?<![\\d/.-])(?:\\d{1,2}[/-]\\d{1,2}[/-](?:" + YEAR + "|\\d{2})|\\d{1,2}\\.\\d{1,2}\\." + YEAR
                    + "|" + YEAR + "[/.-](?:0?[1-9]|1[0-2])[/.-](?:0?[1-9]|[12]\\d|3[01]))(?![\\d/-]|\\.\\d)"
                    + "|\\b" + M + "\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+" + YEAR + "\\b"
                    + "|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + M + ",?\\s+" + YEAR + "\\b"
                    + "|" + YEAR + "\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号]"
                    + "|(?<!\\d)\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号]");
    private static final Pattern MONTH_DATE = Pattern.compile(
            "\\b" + M + ",?\\s+" + YEAR + "\\b|(?<![\\d/])(?:0?[1-9]|1[0-2])/" + YEAR + "(?![\\d/])"
                    + "|" + YEAR + "\\s*年\\s*\\d{1,2}\\s*月(?!\\s*\\d{1,2}\\s*[日号])");
    /** A month and day after "on" ("seen on March 5"): the preposition makes it an event's date, no cue needed. */
    private static final Pattern ON_MONTH_DAY = Pattern.compile(
            "(?<=\\b(?:on|since|until|by)\\s{1,3})" + M + "\\s+\\d{1,2}(?:st|nd|rd|th)?\\b(?!,?\\s*\\d)");
    /** An event of care before a month-year date; within {@link #CUE_WINDOW} characters. */
    private static final Pattern EVENT = Pattern.compile("(?i)admi(?:t|ss)|discharg|seen|visit|present|underw|surg"
            + "|operat|procedure|died|death|expired|deceased|transferr|follow|biops|diagnos|delivered|born|injur"
            + "|accident|fell|onset|started|began|last|hospitali|readmi|resect|transplant|implant|入院|出院|就诊|手术"
            + "|死亡|复诊|确诊|随访|住院|发病|起病|分娩|转入|转院");
    /** An event of care next to a Chinese month and day without a year ("3月15日行手术"). */
    private static final Pattern ZH_EVENT = Pattern.compile("[入出]院|就诊|术|行|复[诊查]|死亡|发病|起病|随访|检查|住院|转|分娩|确诊"
            + "|急诊|门诊");
    /** A date-of-birth label further before the date than the DOB rule looks ("Age/DOB: 67 / 1965-03-01"). */
    private static final Pattern BIRTH = Pattern.compile("(?i)\\bDOB\\b|birth|出生|生日");
    private static final int BIRTH_WINDOW = 24;
    private static final Pattern RANGE_AFTER = Pattern.compile("\\s*(?:to|through|until|and|-|–|—|至|到)\\s*(?:"
            + M + ",?\\s+)?" + YEAR);
    private static final Pattern RANGE_BEFORE = Pattern.compile("(?i)(?:from|between|to|through|until|and|-|–|—|至|到)"
            + "\\s*$");
    private static final int CUE_WINDOW = 60;
    /** Longest date text a pattern is tried over ("September 12th, 2021" and spaces). */
    private static final int MAX_DATE_LENGTH = 40;
    /** Words of a study about many people; a date near one and near no single person is a study's date. */
    private static final Pattern COHORT = Pattern.compile("(?i)\\b(?:patients|subjects|participants|cases|children"
            + "|women|men|adults|infants|cohort|stud(?:y|ies)|trials?|records|consecutive|enrolled|registry|survey"
            + "|database|period)\\b(?!['’])|患者均|研究|纳入|病例");
    private static final Pattern PERSON = Pattern.compile("(?i)\\b(?:he|she|his|her|him|mr|mrs|ms|the patient"
            + "|patient's|pt)\\b|该患者|患者[于因自]");
    private static final int STUDY_WINDOW = 200;
    /** Words before a date of a publication or a web page ("Accessed 3/30/2011"), which belongs to no patient. */
    private static final Pattern CITATION = Pattern.compile("(?i)(?:accessed|updated|published|retrieved|revised"
            + "|reviewed|as of|GeneReviews\\.)\\s*(?:on\\s+)?$");
    private static final int CITATION_WINDOW = 24;

    @Override
    public void find(String text, List<PiiMatch> out) {
        if (!hasDigit(text)) {
            return;
        }
        int[] starts = Candidates.merge(Candidates.dateDigitRuns(text), Candidates.monthNames(text));
        Candidates.Scan days = new Candidates.Scan(DAY_DATE, text, starts, MAX_DATE_LENGTH);
        while (days.find()) {
            Matcher m = days.matcher();
            if (!isChineseMonthDayWithoutCue(text, m) && !isStudyDate(text, m.start(), m.end())
                    && !CITATION.matcher(text).region(Math.max(0, m.start() - CITATION_WINDOW), m.start()).find()) {
                boolean birth = BIRTH.matcher(text).region(Math.max(0, m.start() - BIRTH_WINDOW), m.start()).find();
                out.add(new PiiMatch(birth ? PiiType.DOB : PiiType.DATE, m.start(), m.end()));
            }
        }
        Candidates.Scan onMonthDay = new Candidates.Scan(ON_MONTH_DAY, text, starts, MAX_DATE_LENGTH);
        while (onMonthDay.find()) {
            out.add(new PiiMatch(PiiType.DATE, onMonthDay.matcher().start(), onMonthDay.matcher().end()));
        }
        Candidates.Scan months = new Candidates.Scan(MONTH_DATE, text, starts, MAX_DATE_LENGTH);
        Matcher event = EVENT.matcher(text);
        Matcher rangeAfter = RANGE_AFTER.matcher(text);
        Matcher rangeBefore = RANGE_BEFORE.matcher(text);
        while (months.find()) {
            int start = months.matcher().start();
            int end = months.matcher().end();
            boolean range = rangeAfter.region(end, Math.min(text.length(), end + 24)).lookingAt()
                    || rangeBefore.region(Math.max(0, start - 10), start).find();
            boolean cued = event.region(Math.max(0, start - CUE_WINDOW), Math.min(text.length(), end + 6)).find();
            if (cued && !range && !isStudyDate(text, start, end)) {
                out.add(new PiiMatch(PiiType.DATE, start, end));
            }
        }
    }

    /**
     * Whether a date's sentence speaks of a study ("patients treated between ...") and of no single person. The
     * sentence, not a fixed window: a note's next sentence may cite a cohort without making this date a study's.
     */
    private static boolean isStudyDate(String text, int start, int end) {
        int from = start;
        while (from > 0 && start - from < STUDY_WINDOW && !sentenceEndsBefore(text, from)) {
            from--;
        }
        int to = end;
        while (to < text.length() && to - end < STUDY_WINDOW && !sentenceEndsBefore(text, to + 1)) {
            to++;
        }
        return COHORT.matcher(text).region(from, to).find() && !PERSON.matcher(text).region(from, to).find();
    }

    /** Whether a sentence ends right before {@code at}: a line break, "。", or ". " before a capital. */
    private static boolean sentenceEndsBefore(String text, int at) {
        char previous = text.charAt(at - 1);
        if (previous == '\n' || previous == '。' || previous == ';' || previous == '；') {
            return true;
        }
        if (previous != ' ' || at < 3 || text.charAt(at - 2) != '.' || at >= text.length()
                || !Character.isUpperCase(text.charAt(at))) {
            return false;
        }
        int wordStart = at - 2;
        while (wordStart > 0 && Character.isLetter(text.charAt(wordStart - 1))) {
            wordStart--;
        }
        // "Mr. Smith", "St. Mary's", "J. Smith": an abbreviation, not a sentence's end.
        return at - 2 - wordStart > 1 && !EnglishWords.ABBREVIATED_TITLES.contains(text, wordStart, at - 2)
                && !text.startsWith("St", wordStart);
    }

    /** "3月15日" without a year is a date of care only next to an event ("3月15日入院"); else it may be a holiday. */
    private static boolean isChineseMonthDayWithoutCue(String text, Matcher m) {
        int monthAt = text.indexOf('月', m.start());
        int yearAt = text.indexOf('年', m.start());
        if (monthAt < 0 || monthAt >= m.end() || yearAt >= 0 && yearAt < m.end()) {
            return false;
        }
        int from = Math.max(0, m.start() - 8);
        int to = Math.min(text.length(), m.end() + 8);
        return !ZH_EVENT.matcher(text).region(from, to).find();
    }

    static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }
}
