package medstream.cleaning.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Unicode and layout normalisation, a pure function over text.
 *
 * <p>Order matters: mojibake is repaired first (NFKC would turn the "™" of "â€™" into "TM" and control-character
 * removal would delete the C1 characters of Latin-1 mojibake), then NFKC, then invisible and control characters,
 * then whitespace per line, then words hyphenated across a line break are joined. Tabs survive (collapsed to one)
 * because the stripper recognises tab-separated tables by them.
 */
public final class Normaliser {

    private static final Charset CP1252 = Charset.forName("windows-1252");
    /** Unicode char -> the single cp1252/Latin-1 byte it was decoded from, or -1. */
    private static final short[] CP1252_BYTE = new short[0x2200];
    private static final Pattern HYPHEN_BREAK = Pattern.compile("(\\p{Ll})-\\n(\\p{Ll})");
    private static final Pattern MANY_BLANK_LINES = Pattern.compile("\\n{3,}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    static {
        java.util.Arrays.fill(CP1252_BYTE, (short) -1);
        for (int b = 0x80; b <= 0xFF; b++) {
            // Latin-1 misreads map byte b to U+00b; cp1252 misreads map 0x80-0x9F to typographic characters.
            CP1252_BYTE[b] = (short) b;
            String c = new String(new byte[] {(byte) b}, CP1252);
            char ch = c.charAt(0);
            if (ch != '\uFFFD' && ch < CP1252_BYTE.length) {
                CP1252_BYTE[ch] = (short) b;
            }
        }
    }

    private Normaliser() {
    }

    /**
     * Normalises a text: mojibake repair, NFKC, invisible/control characters, whitespace, de-hyphenation.
     *
     * @param text any text, possibly empty
     * @return the normalised text, trimmed, with lines separated by '\n' and at most one blank line in a row
     */
    public static String normalise(String text) {
        if (text.isEmpty()) {
            return text;
        }
        String repaired = repairMojibake(text);
        // NFKC leaves ASCII alone; most English documents need no pass through the (slow) normaliser.
        String nfkc = isAscii(repaired) ? repaired : Normalizer.normalize(repaired, Normalizer.Form.NFKC);
        String spaced = cleanCharactersAndWhitespace(nfkc);
        String joined = spaced.indexOf("-\n") >= 0 ? HYPHEN_BREAK.matcher(spaced).replaceAll("$1$2") : spaced;
        // Most texts have no run of three newlines; replaceAll would return an equal string after a regex scan.
        return joined.contains("\n\n\n") ? MANY_BLANK_LINES.matcher(joined).replaceAll("\n\n") : joined;
    }

    /**
     * Repairs UTF-8 that was decoded as cp1252 or Latin-1 ("Ã©" -> "é", "â€™" -> "’"). Each run of consecutive
     * characters that all map back to one cp1252/Latin-1 byte is re-encoded; the run is replaced only when those
     * bytes are valid UTF-8 (strict decoder) and decode to fewer characters, so genuine Latin-1 text ("café",
     * "naïve": a lone lead byte is invalid UTF-8) is left alone.
     *
     * @param text any text
     * @return the text with unambiguous mojibake runs repaired
     */
    public static String repairMojibake(String text) {
        int start = firstLeadByteChar(text);
        if (start < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, start);
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c < 0x80 || byteOf(c) < 0) {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < text.length() && text.charAt(end) >= 0x80 && byteOf(text.charAt(end)) >= 0) {
                end++;
            }
            out.append(decodeRun(text, i, end, strict));
            i = end;
        }
        return out.toString();
    }

    private static CharSequence decodeRun(String text, int from, int to, CharsetDecoder strict) {
        if (to - from < 2) {
            return text.subSequence(from, to);
        }
        byte[] bytes = new byte[to - from];
        for (int k = from; k < to; k++) {
            bytes[k - from] = (byte) byteOf(text.charAt(k));
        }
        try {
            CharBuffer decoded = strict.reset().decode(ByteBuffer.wrap(bytes));
            if (decoded.length() < to - from && noC1(decoded)) {
                return decoded.toString();
            }
        } catch (CharacterCodingException notUtf8) {
            // Not mojibake: genuine Latin-1/cp1252 text. Keep it as it is.
        }
        return text.subSequence(from, to);
    }

    private static boolean noC1(CharBuffer decoded) {
        for (int k = 0; k < decoded.length(); k++) {
            char c = decoded.charAt(k);
            if (c >= 0x80 && c <= 0x9F) {
                return false;
            }
        }
        return true;
    }

    private static int byteOf(char c) {
        return c < CP1252_BYTE.length ? CP1252_BYTE[c] : -1;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 lead bytes 0xC2-0xF4 read as Latin-1 are U+00C2-U+00F4; mojibake cannot start elsewhere. */
    private static int firstLeadByteChar(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\u00C2' && c <= '\u00F4') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Drops control and invisible format characters, maps line separators to '\n', collapses spaces within each
     * line (a run containing a tab becomes one tab), trims lines.
     */
    static String cleanCharactersAndWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int lineStart = 0;
        boolean pendingSpace = false;
        boolean pendingTab = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    continue;
                }
                c = '\n';
            }
            if (c == '\n' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                trimTrailing(out, lineStart);
                out.append('\n');
                lineStart = out.length();
                pendingSpace = false;
                pendingTab = false;
                continue;
            }
            if (c == '\t') {
                pendingTab = true;
                continue;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = true;
                continue;
            }
            if (isInvisible(c)) {
                continue;
            }
            if (out.length() > lineStart && (pendingSpace || pendingTab)) {
                out.append(pendingTab ? '\t' : ' ');
            }
            pendingSpace = false;
            pendingTab = false;
            out.append(c);
        }
        trimTrailing(out, lineStart);
        int start = 0;
        while (start < out.length() && out.charAt(start) == '\n') {
            start++;
        }
        int end = out.length();
        while (end > start && out.charAt(end - 1) == '\n') {
            end--;
        }
        return out.substring(start, end);
    }

    private static boolean isInvisible(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || (type == Character.FORMAT && !Character.isSurrogate(c))
                || c == '\uFFFD';
    }

    private static void trimTrailing(StringBuilder out, int lineStart) {
        int end = out.length();
        while (end > lineStart && (out.charAt(end - 1) == ' ' || out.charAt(end - 1) == '\t')) {
            end--;
        }
        out.setLength(end);
    }

    /** Normalises and collapses all whitespace, for one-line text such as titles. */
    public static String singleLine(String text) {
        return WHITESPACE.matcher(normalise(text)).replaceAll(" ").trim();
    }
}
