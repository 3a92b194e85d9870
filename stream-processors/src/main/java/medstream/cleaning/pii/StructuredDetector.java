package medstream.cleaning.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the structured identifiers: e-mails, phones, SSNs and resident ids, labeled MRNs and dates of birth, street
 * addresses and URLs with query strings.
 *
 * <p>Rules are regular expressions over normalised text (NFKC has made full-width digits and "：" ASCII), English
 * and Chinese. Identifiers that look like ordinary numbers (MRNs, dates of birth) are only taken after their label,
 * and only the value is replaced ("MRN: [MRN]"), so drug doses, lab values, ICD codes, years and PMIDs stay. Each
 * rule is only tried in windows around its anchors (digit runs, '@', label words). Thread-safe.
 */
final class StructuredDetector implements PiiDetector {

    /** Han characters that may appear in a Chinese address part; verbs and prepositions end it. */
    private static final String ADDR = "[\\u4e00-\\u9fa5&&[^住居于在至址为是的和从到往来自系位]]";
    private static final String PROVINCE = "(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东"
            + "|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆)"
            + "(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)?";
    private static final String DATE = DatePatterns.FULL_OR_MONTH;
    private static final int CI = Pattern.CASE_INSENSITIVE;

    private static final List<String> DOB_WORDS = List.of("dob", "d.o.b", "birth", "born", "出生", "生日");
    private static final List<String> MRN_WORDS = List.of("mrn", "medical record", "mr#", "mr #", "mr no", "mrno",
            "patient id", "hospital n", "chart", "account n", "住院号", "病历号", "门诊号", "病案号", "就诊卡号", "id号");
    private static final List<String> SSN_WORDS = List.of("ssn", "social security", "身份证");
    private static final List<String> PHONE_WORDS = List.of("tel", "phone", "mobile", "cell", "fax", "contact number",
            "callback", "reached at", "pager", "电话", "手机", "联系方式", "传真");

    private static final List<String> URL_WORDS = List.of("http", "www.");

    private static final List<Rule> RULES = List.of(
            new Rule(PiiType.URL, Pattern.compile(
                    "(?:https?://|www\\.)[\\x21-\\x7E&&[^<>\"'()\\[\\]{}]]*\\?[\\x21-\\x7E&&[^<>\"'()\\[\\]{}]]+",
                    CI), Anchor.URL, List.of()),
            new Rule(PiiType.EMAIL, Pattern.compile(
                    "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"), Anchor.AT, List.of()),
            new Rule(PiiType.DOB, Pattern.compile(
                    "(?:\\bDOB|\\bD\\.O\\.B\\.?|\\bdate of birth|\\bbirth\\s?date|\\bborn(?:\\s+on)?|出生日期|出生年月日?|生日)"
                            + "\\s*(?:[:#：]|is|was)?\\s*(?<v>" + DATE + ")", CI), Anchor.KEYWORDS, DOB_WORDS,
                    List.of("dob", "d.o.b", "date of birth", "birth", "born", "出生", "生日")),
            new Rule(PiiType.MRN, Pattern.compile(
                    "(?:\\bMRN|\\bmedical record (?:number|no\\.?|#)|\\bMR\\s?#|\\bMR\\s?No\\.?|\\bpatient ID"
                            + "|\\bhospital (?:number|no\\.?)|\\bchart (?:number|no\\.?|#)|\\baccount (?:number|no\\.?)"
                            + "|住院号|病历号|门诊号|病案号|住院病历号|就诊卡号|ID号)"
                            + "\\s*(?:[:#：]|is)?\\s*(?<v>[A-Z]{0,3}-?\\d[\\d-]{3,14}\\d)(?![\\d-])", CI),
                    Anchor.KEYWORDS, MRN_WORDS, List.of("mr", "medical record ", "patient id", "hospital ", "chart ",
                    "account ", "住院", "病历号", "门诊号", "病案号", "就诊卡号", "id号")),
            new Rule(PiiType.SSN, Pattern.compile(
                    "(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\d-])"
                            + "|(?<![\\dA-Za-z])[1-9]\\d{5}(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])"
                            + "\\d{3}[\\dXx](?![\\dA-Za-z])", CI), Anchor.SSN_DIGITS, List.of()),
            new Rule(PiiType.SSN, Pattern.compile(
                    "(?:\\bSSN|\\bsocial security (?:number|no\\.?)|身份证号码?)\\s*[:#：]?\\s*(?<v>\\d{3}\\s?\\d{2}\\s?\\d{4})(?!\\d)",
                    CI), Anchor.KEYWORDS, SSN_WORDS, List.of("ssn", "social security ", "身份证号")),
            new Rule(PiiType.PHONE, Pattern.compile(
                    "(?<![\\d.\\-/])(?:\\+?1[\\s.-]?)?(?:\\(\\d{3}\\)\\s?|\\d{3}[\\s.-])\\d{3}[\\s.-]\\d{4}"
                            + "(?:\\s*(?:ext\\.?|x)\\s*\\d{1,5})?(?![\\d\\-/])"
                            + "|(?<![\\d.])(?:\\+?86[\\s-]?)?1[3-9]\\d(?:[\\s-]?\\d{4}){2}(?!\\d)"
                            + "|(?<![\\d.])(?:\\+?86[\\s-]?)?(?:\\(0\\d{2,3}\\)\\s?|0\\d{2,3}[\\s-])\\d{7,8}(?:\\s*转\\s*\\d{1,5})?(?!\\d)"),
                    Anchor.PHONE_DIGITS, List.of()),
            new Rule(PiiType.PHONE, Pattern.compile(
                    "(?:\\btel|\\bphone|\\btelephone|\\bmobile|\\bcell|\\bfax|\\bcontact number|\\bcallback(?: number)?"
                            + "|\\breached at|\\bpager|电话|手机|联系电话|联系方式|传真)"
                            + "\\s*(?:[:#：]|number|no\\.?)?\\s*(?<v>\\+?\\(?\\d[\\d\\s().-]{5,16}\\d)(?!\\d)", CI),
                    Anchor.KEYWORDS, PHONE_WORDS, List.of("tel", "phone", "mobile", "cell", "fax", "contact number",
                    "callback", "reached at", "pager", "电话", "手机", "联系", "传真")),
            new Rule(PiiType.ADDRESS, Pattern.compile(
                    "(?<!\\d)\\d{1,5}\\s+(?:[NSEW]\\.?\\s+)?(?:(?:[A-Z][a-z]+|\\d+(?:st|nd|rd|th))\\.?\\s+){1,3}"
                            + "(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl"
                            + "|Terrace|Ter|Parkway|Pkwy|Circle|Cir|Highway|Hwy)\\b\\.?"
                            + "(?:,?\\s*(?:Apt|Apartment|Suite|Ste|Unit|#)\\.?\\s*#?[A-Za-z0-9-]+)?"
                            + "(?:,\\s*[A-Z][a-z]+(?:\\s[A-Z][a-z]+){0,2})?"
                            + "(?:,\\s*[A-Z]{2}(?:\\s+\\d{5}(?:-\\d{4})?)?)?"), Anchor.ADDRESS_DIGITS, List.of()),
            new Rule(PiiType.ADDRESS, Pattern.compile(
                    "\\b(?i:p\\.?\\s?o\\.?\\s+box)\\s+\\d{1,6}(?:,\\s*[A-Z][a-z]+(?:\\s[A-Z][a-z]+){0,2})?"
                            + "(?:,\\s*[A-Z]{2}(?:\\s+\\d{5}(?:-\\d{4})?)?)?"), Anchor.KEYWORDS, List.of("box"),
                    List.of("p")));

    /**
     * Chinese addresses end in 号/栋/幢 (house or building number); the pattern is only tried in a window before each
     * of those characters, since trying its optional province/city/district chain at every position of a Chinese
     * text is what made scrubbing slow.
     */
    private static final Pattern ZH_ADDRESS = Pattern.compile(
                    "(?:" + PROVINCE + ")?(?:" + ADDR + "{2,4}[市州盟])?(?:" + ADDR + "{1,4}[区县旗])?"
                            + "(?:" + ADDR + "{1,8}?(?:路|街|大道|大街|巷|胡同)(?:\\d+弄)?\\d+号(?:院)?"
                            + "|" + ADDR + "{2,8}?(?:小区|花园|新村|公寓|家园)\\d+(?:栋|幢|号楼))"
                            + "(?:\\d+(?:栋|幢|号楼))?(?:\\d+单元)?(?:\\d+室)?");
    private static final int ZH_ADDRESS_BEFORE = 32;
    private static final int ZH_ADDRESS_AFTER = 16;


    @Override
    public void find(String text, List<PiiMatch> all) {
        Gates gates = Gates.of(text, URL_WORDS);
        if (!gates.digit() && !gates.at()) {
            return;
        }
        for (Rule rule : RULES) {
            int[] anchors = gates.anchors(rule.anchor(), rule.keywords());
            if (anchors != null && anchors.length == 0) {
                continue;
            }
            Matcher m = rule.pattern().matcher(text).useTransparentBounds(true);
            int[] windows = anchors == null ? new int[] {0, text.length()}
                    : windows(anchors, rule.anchor().before, rule.anchor().after, text.length());
            int[] starts = anchors == null || rule.starts().isEmpty() ? null : gates.occurrences(rule.starts());
            for (int w = 0; w < windows.length; w += 2) {
                if (starts == null) {
                    m.region(windows[w], windows[w + 1]);
                    collect(rule.type(), m, rule.valueGroup(), text, all);
                } else {
                    collectAt(rule.type(), m, rule.valueGroup(), text, starts, windows[w], windows[w + 1], all);
                }
            }
        }
        if (gates.digit()) {
            findChineseAddresses(text, all);
        }
    }

    /** The URL prefixes, then every rule's keyword anchors and start literals: scanned for by {@link TextScans}. */
    static List<List<String>> labelWordLists() {
        List<List<String>> lists = new ArrayList<>();
        lists.add(URL_WORDS);
        for (Rule rule : RULES) {
            lists.add(rule.keywords());
            lists.add(rule.starts());
        }
        return lists;
    }

    /** Merged [from, to) windows around sorted anchor positions, flattened as from0, to0, from1, to1 ... */
    private static int[] windows(int[] anchors, int before, int after, int length) {
        int[] out = new int[anchors.length * 2];
        int n = 0;
        for (int anchor : anchors) {
            int from = Math.max(0, anchor - before);
            int to = Math.min(length, anchor + after);
            if (n > 0 && from <= out[n - 1]) {
                out[n - 1] = Math.max(out[n - 1], to);
            } else {
                out[n++] = from;
                out[n++] = to;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static void collect(PiiType type, Matcher m, boolean valueGroup, String text, List<PiiMatch> out) {
        while (m.find()) {
            add(type, m, valueGroup, text, out);
        }
    }

    private static void add(PiiType type, Matcher m, boolean valueGroup, String text, List<PiiMatch> out) {
        int start = valueGroup ? m.start("v") : m.start();
        int end = trimTrailingPunctuation(text, start, valueGroup ? m.end("v") : m.end());
        if (end > start) {
            out.add(new PiiMatch(type, start, end));
        }
    }

    /**
     * What {@link #collect} finds in the window [from, to), tried only where a match can start: a keyword rule's match
     * begins with one of its label words, so instead of {@code find()} trying the whole alternation of {@code \b}
     * branches at every position of the window (the backtracking that dominated scrubbing), {@code lookingAt()} is
     * tried at each position where one of the rule's start literals occurs, in order, each search resuming after the
     * previous match as {@code find()} does.
     */
    private static void collectAt(PiiType type, Matcher m, boolean valueGroup, String text, int[] starts, int from,
                                  int to, List<PiiMatch> out) {
        int next = from;
        for (int start : starts) {
            if (start < next) {
                continue;
            }
            if (start >= to) {
                break;
            }
            m.region(start, to);
            if (m.lookingAt()) {
                add(type, m, valueGroup, text, out);
                next = m.end() > start ? m.end() : start + 1;
            }
        }
    }

    private static void findChineseAddresses(String text, List<PiiMatch> out) {
        Matcher m = null; // made at the first 号/栋/幢: most documents have none
        int searchedTo = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '号' || c == '栋' || c == '幢') && i > 0 && Character.isDigit(text.charAt(i - 1))
                    && i >= searchedTo) {
                if (m == null) {
                    m = ZH_ADDRESS.matcher(text);
                }
                int from = Math.max(searchedTo, i - ZH_ADDRESS_BEFORE);
                int to = Math.min(text.length(), i + ZH_ADDRESS_AFTER);
                m.region(from, to);
                collect(PiiType.ADDRESS, m, false, text, out);
                searchedTo = to;
            }
        }
    }

    /** A URL or phone match must not swallow the full stop or bracket that ends its sentence. */
    static int trimTrailingPunctuation(String text, int start, int end) {
        while (end > start && ".,;:!?)]}'\"".indexOf(text.charAt(end - 1)) >= 0) {
            if (text.charAt(end - 1) == ')' && text.lastIndexOf('(', end - 1) >= start) {
                break;
            }
            end--;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /**
     * A rule. {@code starts}: for keyword rules, lower-case literals of which one begins every match (a prefix of each
     * alternative of the leading label group); empty where a match may begin anywhere in its window.
     */
    private record Rule(PiiType type, Pattern pattern, Anchor anchor, List<String> keywords, List<String> starts,
                        boolean valueGroup) {
        Rule(PiiType type, Pattern pattern, Anchor anchor, List<String> keywords) {
            this(type, pattern, anchor, keywords, List.of());
        }

        Rule(PiiType type, Pattern pattern, Anchor anchor, List<String> keywords, List<String> starts) {
            this(type, pattern, anchor, keywords, starts, pattern.pattern().contains("(?<v>"));
        }
    }

}
