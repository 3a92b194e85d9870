package medstream.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small language helpers shared by the rewriters: approximate token counts (words for Latin
 * scripts, characters for CJK), natural list joining, sentence capitalisation and sentence splitting.
 */
public final class TextUnits {
    private TextUnits() { }

    /** True for a Han, Hiragana, Katakana or Hangul code point: each counts as one token. */
    public static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }

    /**
     * Approximate token count: every CJK character counts one, every maximal run of other letters or
     * digits counts one (a word); punctuation and spaces count nothing. Good enough for budgets; the
     * real tokenizer lives with the model.
     */
    public static int approxTokens(String text) {
        int tokens = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isCjk(cp)) {
                tokens++;
                inWord = false;
            } else if (Character.isLetterOrDigit(cp)) {
                if (!inWord) {
                    tokens++;
                    inWord = true;
                }
            } else {
                inWord = false;
            }
        }
        return tokens;
    }

    /** True when CJK characters make up at least a third of the letters: then the text is treated as Chinese. */
    public static boolean looksCjk(String text) {
        int cjk = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isCjk(cp)) {
                cjk++;
                letters++;
            } else if (Character.isLetter(cp)) {
                letters++;
            }
        }
        return letters > 0 && cjk * 3 >= letters;
    }

    /**
     * Light layout clean-up for text that did not pass the cleaning app (QA answers straight from the
     * ingester): trims every line, collapses runs of spaces and tabs, keeps at most one blank line.
     */
    public static String tidy(String text) {
        StringBuilder out = new StringBuilder();
        int blank = 0;
        for (String line : text.strip().split("\\R", -1)) {
            String l = line.strip().replaceAll("[ \\t\\u00a0]+", " ");
            if (l.isEmpty()) {
                blank++;
                continue;
            }
            if (out.length() > 0) {
                out.append(blank > 0 ? "\n\n" : "\n");
            }
            out.append(l);
            blank = 0;
        }
        return out.toString();
    }

    /** "a", "a and b", "a, b and c" in English; "甲", "甲和乙", "甲、乙和丙" in Chinese. */
    public static String joinList(List<String> items, String language) {
        boolean zh = "zh".equals(language);
        String and = zh ? "和" : " and ";
        String comma = zh ? "、" : ", ";
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(comma, items.subList(0, items.size() - 1)) + and + items.get(items.size() - 1);
    }

    /**
     * Upper-cases the first letter for the start of a sentence, unless the word already has capitals
     * inside it (gene symbols such as "mTOR", "pH"), which must keep their case.
     */
    public static String capitalize(String s) {
        if (s.isEmpty() || !Character.isLowerCase(s.codePointAt(0))) {
            return s;
        }
        int end = s.indexOf(' ');
        String firstWord = end < 0 ? s : s.substring(0, end);
        if (!firstWord.equals(firstWord.toLowerCase(Locale.ROOT))) {
            return s;
        }
        int first = s.codePointAt(0);
        return new String(Character.toChars(Character.toUpperCase(first))) + s.substring(Character.charCount(first));
    }

    /** Lower-cases the first letter (to embed an option text mid-sentence), unless it looks like an acronym or name. */
    public static String decapitalize(String s) {
        if (s.length() < 2 || !Character.isUpperCase(s.charAt(0)) || !Character.isLowerCase(s.charAt(1))) {
            return s;
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Ends a sentence with its language's full stop unless it already ends with terminal punctuation. */
    public static String terminate(String sentence, String language) {
        String s = sentence.strip();
        if (s.isEmpty()) {
            return s;
        }
        char last = s.charAt(s.length() - 1);
        if (".!?。！？".indexOf(last) >= 0) {
            return s;
        }
        if (last == ':' || last == '：' || last == ',' || last == '，' || last == ';' || last == '；') {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s + ("zh".equals(language) ? "。" : ".");
    }

    /**
     * Splits text into sentences after '.', '!', '?' followed by a space and an upper-case letter or
     * digit (so "e.g. the" and "2.5 mg" stay whole), and after '。', '！', '？', '；'. Keeps the punctuation.
     */
    public static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean cut = false;
            if ("。！？；".indexOf(c) >= 0) {
                cut = true;
            } else if ((c == '.' || c == '!' || c == '?') && i + 2 < n && Character.isWhitespace(text.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && Character.isWhitespace(text.charAt(j))) {
                    j++;
                }
                cut = j < n && (Character.isUpperCase(text.charAt(j)) || Character.isDigit(text.charAt(j))
                        || text.charAt(j) == '(' || text.charAt(j) == '"');
            }
            if (cut) {
                String s = text.substring(start, i + 1).strip();
                if (!s.isEmpty()) {
                    out.add(s);
                }
                start = i + 1;
            }
        }
        String tail = text.substring(start).strip();
        if (!tail.isEmpty()) {
            out.add(tail);
        }
        return out;
    }
}
