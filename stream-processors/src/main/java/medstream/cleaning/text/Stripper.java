package medstream.cleaning.text;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import medstream.cleaning.CleaningConfig.StripConfig;

/**
 * Removes what is not running text from a normalised document: tables, captions, appendices, reference lists,
 * running headers/footers, page numbers and copyright boilerplate, with English and Chinese patterns.
 *
 * <p>Works line by line on the output of {@link Normaliser#normalise(String)} (NFKC has already turned full-width
 * "：" and "（" into ASCII, so the Chinese patterns only need the ASCII forms). A reference or appendix heading cuts
 * the document there: what follows a "References" / "参考文献" / "Appendix" / "附录" heading is never prose worth
 * keeping. Instances are immutable and thread-safe.
 */
public final class Stripper {

    private static final int CI = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern WHITESPACE = Pattern.compile("[ \t]+");

    private static final Pattern REFERENCES_HEADING = Pattern.compile(
            "(?:(?:\\d+(?:\\.\\d+)*\\.?|[IVX]+\\.)\\s*)?(?:references|reference list|bibliography|works cited"
                    + "|literature cited|cited literature)\\s*:?"
                    + "|(?:[一二三四五六七八九十]+[、.]\\s*)?(?:主要)?(?:参考文献|参考资料)\\s*:?", CI);
    private static final Pattern APPENDIX_HEADING = Pattern.compile(
            "(?:\\d+\\.?\\s*)?(?:appendix|appendices|supplementary (?:material|appendix|data))\\b.{0,60}"
                    + "|附\\s*录.{0,30}", CI);

    private static final Pattern PAGE_NUMBER = Pattern.compile(
            "(?:page\\s*)?\\d{1,4}(?:\\s*(?:of|/)\\s*\\d{1,4})?|[-–—]\\s*\\d{1,4}\\s*[-–—]"
                    + "|第\\s*\\d{1,4}\\s*页(?:\\s*[,/]?\\s*共\\s*\\d{1,4}\\s*页)?", CI);

    private static final Pattern CAPTION_EN = Pattern.compile(
            "(?:supplementary\\s+|suppl\\.\\s*)?(?:table|fig\\.?|figure|chart|scheme)\\s*S?\\d+[A-Za-z]?"
                    + "(?:\\s*[.:|]|(?-i:\\s+\\p{Lu})|\\s*$).*", CI);
    private static final Pattern CAPTION_ZH = Pattern.compile("附?[表图]\\s*\\d+(?:[-.]\\d+)?(?:\\s+|[:.、]).*");
    private static final Pattern CAPTION_ZH_SHORT = Pattern.compile("附?[表图]\\s*\\d+(?:[-.]\\d+)?\\S.{0,30}");

    private static final Pattern GRID_RULE = Pattern.compile("[+|:=\\-–—_\\s]*[-=_–—]{3,}[+|:=\\-–—_\\s]*");
    private static final Pattern NUMERIC_TOKEN = Pattern.compile(
            "[-+±<>≤≥~]?\\(?\\d+(?:[.,]\\d+)*%?\\)?(?:[-–~/]\\d+(?:[.,]\\d+)*%?)?|[±–-]|n/?a|NS|NR", CI);

    private static final Pattern CITATION_START = Pattern.compile(
            "(?:\\[\\d{1,3}\\]|\\d{1,3}\\.|\\(\\d{1,3}\\))\\s*\\S.*");
    private static final Pattern CITATION_EVIDENCE = Pattern.compile(
            "\\b(?:19|20)\\d{2}[a-z]?\\s*[;,:]\\s*\\(?\\d+|\\bdoi\\s*:?\\s*10\\.\\d{4,}|\\bet al\\b"
                    + "|\\[[JMDCNRSP](?:/OL)?\\]|\\bPMID\\s*:?\\s*\\d+", CI);
    private static final Pattern DOI = Pattern.compile("\\bdoi\\s*:?\\s*10\\.\\d{4,}/\\S+", CI);

    private static final Pattern COPYRIGHT_SENTENCE = Pattern.compile(
            "(?:copyright\\s*)?(?:©|copyright\\b|\\(c\\)(?=\\s*(?:19|20)\\d{2}))\\s*"
                    + "[^.。\\n]{0,150}?(?:all rights reserved\\.?|[.。](?=\\s|$)|$)", CI);
    private static final Pattern RIGHTS_RESERVED = Pattern.compile("all rights reserved\\.?", CI);
    private static final Pattern PUBLISHED_BY = Pattern.compile(
            "published by [^.。\\n]{1,80}?(?:ltd|inc|llc|gmbh|press|elsevier|springer|wiley)\\.?[^.\\n]{0,20}?\\.",
            CI);
    private static final Pattern COPYRIGHT_ZH = Pattern.compile("(?:版权所有|未经(?:许可|授权)[^。\\n]{0,20}转载)[^。\\n]{0,60}(?:。|$)");

    private final StripConfig config;

    /** A stripper with the given thresholds. */
    public Stripper(StripConfig config) {
        this.config = config;
    }

    /**
     * Strips a normalised text.
     *
     * @param normalised output of {@link Normaliser#normalise(String)}
     * @return what is left and what was removed
     */
    public StripResult strip(String normalised) {
        EnumMap<StripKind, Integer> removed = new EnumMap<>(StripKind.class);
        String[] lines = normalised.split("\n", -1);
        int end = cutAtBackMatter(lines, removed);
        StripKind[] verdict = new StripKind[end];
        markTables(lines, end, verdict);
        markRepeatedLines(lines, end, verdict);
        for (int i = 0; i < end; i++) {
            if (verdict[i] == null && !lines[i].isEmpty()) {
                verdict[i] = classifyLine(lines[i]);
            }
        }
        StringBuilder out = new StringBuilder(normalised.length());
        boolean blankPending = false;
        for (int i = 0; i < end; i++) {
            if (verdict[i] != null) {
                removed.merge(verdict[i], 1, Integer::sum);
                continue;
            }
            String line = removeCopyright(lines[i], removed).replace('\t', ' ').strip();
            if (line.isEmpty()) {
                blankPending = out.length() > 0;
                continue;
            }
            if (out.length() > 0) {
                out.append(blankPending ? "\n\n" : "\n");
            }
            blankPending = false;
            out.append(line);
        }
        return new StripResult(out.toString(), removed);
    }

    /** Finds the first references/appendix heading; everything from there on is back matter. */
    private static int cutAtBackMatter(String[] lines, Map<StripKind, Integer> removed) {
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.length() > 80) {
                continue;
            }
            StripKind kind = REFERENCES_HEADING.matcher(line).matches() ? StripKind.REFERENCES
                    : APPENDIX_HEADING.matcher(line).matches() ? StripKind.APPENDIX : null;
            if (kind != null) {
                int count = 0;
                for (int j = i; j < lines.length; j++) {
                    count += lines[j].isEmpty() ? 0 : 1;
                }
                removed.merge(kind, count, Integer::sum);
                return i;
            }
        }
        return lines.length;
    }

    private void markTables(String[] lines, int end, StripKind[] verdict) {
        boolean[] tabRow = new boolean[end];
        for (int i = 0; i < end; i++) {
            tabRow[i] = lines[i].indexOf('\t') >= 0;
        }
        int numericRun = 0;
        for (int i = 0; i <= end; i++) {
            boolean numeric = i < end && isNumericRow(lines[i]);
            if (numeric) {
                numericRun++;
            } else {
                if (numericRun >= config.minNumericRowRun()) {
                    for (int k = i - numericRun; k < i; k++) {
                        verdict[k] = StripKind.TABLE;
                    }
                }
                numericRun = 0;
            }
            if (i == end) {
                break;
            }
            String line = lines[i];
            if (countChar(line, '|') >= 2 || (line.length() >= 3 && GRID_RULE.matcher(line).matches())) {
                verdict[i] = StripKind.TABLE;
            } else if (tabRow[i] && (countChar(line, '\t') >= 2 || (i > 0 && tabRow[i - 1])
                    || (i + 1 < end && tabRow[i + 1]))) {
                verdict[i] = StripKind.TABLE;
            }
        }
    }

    /** A row of a table without rules: at least three cells, at least half of them numbers. */
    static boolean isNumericRow(String line) {
        if (line.isEmpty() || line.length() > 300) {
            return false;
        }
        int digits = 0;
        int gaps = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == ' ' || c == '\t') {
                gaps++;
            }
        }
        if (digits < 2 || gaps < 2) {
            return false;
        }
        String[] tokens = WHITESPACE.split(line);
        if (tokens.length < 3) {
            return false;
        }
        int numeric = 0;
        for (String token : tokens) {
            if (NUMERIC_TOKEN.matcher(token).matches()) {
                numeric++;
            }
        }
        return numeric >= 2 && numeric * 2 >= tokens.length;
    }

    private void markRepeatedLines(String[] lines, int end, StripKind[] verdict) {
        Map<String, Integer> counts = new HashMap<>();
        String[] keys = new String[end];
        for (int i = 0; i < end; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.length() > config.maxRepeatedLineChars()) {
                continue;
            }
            // "Page 3 of 12" and "Page 4 of 12" are the same footer.
            keys[i] = digitsMasked(line);
            counts.merge(keys[i], 1, Integer::sum);
        }
        for (int i = 0; i < end; i++) {
            if (keys[i] != null && verdict[i] == null && counts.get(keys[i]) >= config.minRepeats()) {
                verdict[i] = StripKind.REPEATED_LINE;
            }
        }
    }

    /** The line with every run of digits replaced by one '#'. */
    static String digitsMasked(String line) {
        StringBuilder key = new StringBuilder(line.length());
        boolean previousDigit = false;
        boolean changed = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (!digit) {
                key.append(c);
            } else if (!previousDigit) {
                key.append('#');
                changed = true;
            }
            previousDigit = digit;
        }
        return changed ? key.toString() : line;
    }

    private static StripKind classifyLine(String line) {
        char first = line.charAt(0);
        if (line.length() <= 30 && PAGE_NUMBER.matcher(line).matches()) {
            return StripKind.PAGE_NUMBER;
        }
        if ((first == 'T' || first == 't' || first == 'F' || first == 'f' || first == 'S' || first == 's'
                || first == 'C' || first == 'c') && CAPTION_EN.matcher(line).matches()) {
            return StripKind.CAPTION;
        }
        if ((first == '表' || first == '图' || first == '附')
                && (CAPTION_ZH.matcher(line).matches() || CAPTION_ZH_SHORT.matcher(line).matches())) {
            return StripKind.CAPTION;
        }
        if ((first == '[' || first == '(' || Character.isDigit(first)) && CITATION_START.matcher(line).matches()
                && CITATION_EVIDENCE.matcher(line).find()) {
            return StripKind.REFERENCES;
        }
        if (line.length() < 400 && (line.contains("doi") || line.contains("DOI")) && DOI.matcher(line).find()
                && CITATION_EVIDENCE.matcher(line).find()) {
            return StripKind.REFERENCES;
        }
        return null;
    }

    private static String removeCopyright(String line, Map<StripKind, Integer> removed) {
        if (!mayHoldCopyright(line)) {
            return line;
        }
        String before = line;
        String result = COPYRIGHT_SENTENCE.matcher(line).replaceAll("");
        result = RIGHTS_RESERVED.matcher(result).replaceAll("");
        result = PUBLISHED_BY.matcher(result).replaceAll("");
        result = COPYRIGHT_ZH.matcher(result).replaceAll("");
        if (!result.equals(before)) {
            removed.merge(StripKind.COPYRIGHT, 1, Integer::sum);
        }
        return result;
    }

    private static boolean mayHoldCopyright(String line) {
        return line.indexOf('©') >= 0 || line.contains("opyright") || line.contains("OPYRIGHT")
                || line.contains("ights reserved") || line.contains("IGHTS RESERVED") || line.contains("版权")
                || line.contains("未经") || line.contains("(c)") || line.contains("(C)");
    }

    private static int countChar(String line, char c) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
