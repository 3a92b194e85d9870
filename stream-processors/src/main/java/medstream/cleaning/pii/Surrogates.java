package medstream.cleaning.pii;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fake replacements for one document: the same identifier gets the same fake everywhere in the document, names
 * become other names of the same script, dates move by one shift of days per document (so intervals between the
 * document's dates stay true), ages over 89 become "90", and numbers and codes keep their shape with other digits and
 * letters. Seeded by the document id, so a document gets the same fakes on every run. Not thread-safe: one per
 * document.
 */
final class Surrogates {

    private static final String[] FIRST = {"Alex", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery",
            "Quinn", "Rowan", "Emerson", "Harper"};
    private static final String[] LAST = {"Ashford", "Brennan", "Calloway", "Delacroix", "Ellery", "Fairbanks",
            "Galloway", "Hollister", "Ingram", "Jessup", "Kendrick", "Lockwood"};
    private static final String[] ZH_SURNAME = {"林", "周", "吴", "郑", "孙", "马", "朱", "胡"};
    private static final String[] ZH_GIVEN = {"文", "思", "宇", "佳", "晨", "安", "欣", "若", "一", "子"};
    private static final String[] FACILITIES = {"Northfield Medical Center", "Riverside Hospital",
            "Lakeshore Clinic", "Westbrook General Hospital"};
    private static final String[] ZH_FACILITIES = {"南山医院", "东湖医院", "青松社区卫生服务中心", "西溪医院"};
    private static final String[] ADDRESSES = {"100 Main Street", "27 Orchard Lane", "4 Harbor Road"};
    private static final String[] ZH_ADDRESSES = {"某省某市某区和平路1号", "某市某区建设路8号"};
    private static final Pattern NUMERIC = Pattern.compile(
            "(\\d{1,4})([/.-])(\\d{1,2})([/.-])(\\d{2,4})");
    private static final Pattern ZH = Pattern.compile("(?:(\\d{4})\\s*年\\s*)?(\\d{1,2})\\s*月(?:\\s*(\\d{1,2})\\s*[日号])?");
    private static final Pattern WORDY = Pattern.compile("(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?)?([A-Za-z]{3,9})\\.?"
            + "(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?)?,?(?:\\s+(\\d{4}))?");

    private final SplittableRandom random;
    private final int shiftDays;
    private final Map<String, String> seen = new HashMap<>();

    Surrogates(long seed) {
        random = new SplittableRandom(seed);
        shiftDays = 30 + random.nextInt(335) * (random.nextBoolean() ? 1 : -1);
    }

    /** The fake for an identifier of the given type; the same original gives the same fake. */
    String replace(PiiType type, String original) {
        return seen.computeIfAbsent(type.name() + '\u0000' + original, k -> fake(type, original));
    }

    private String fake(PiiType type, String original) {
        boolean chinese = ChineseNameDetector.hasHan(original);
        return switch (type) {
            case NAME -> chinese ? pick(ZH_SURNAME) + pick(ZH_GIVEN) + (original.length() > 2 ? pick(ZH_GIVEN) : "")
                    : original.indexOf(' ') > 0 ? pick(FIRST) + " " + pick(LAST) : pick(LAST);
            case DATE, DOB -> shiftDate(original);
            case AGE -> "90";
            case IP -> "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
            case FACILITY -> chinese ? pick(ZH_FACILITIES) : pick(FACILITIES);
            case ADDRESS -> chinese ? pick(ZH_ADDRESSES) : pick(ADDRESSES);
            case EMAIL -> reshape(original.substring(0, Math.max(0, original.indexOf('@')))) + "@example.org";
            default -> reshape(original);
        };
    }

    /** The date moved by this document's shift, in its own format; a date that cannot be read keeps a placeholder. */
    private String shiftDate(String original) {
        try {
            Matcher m = NUMERIC.matcher(original);
            if (m.matches()) {
                boolean yearFirst = m.group(1).length() == 4;
                int year = year(yearFirst ? m.group(1) : m.group(5));
                LocalDate d = yearFirst ? LocalDate.of(year, num(m.group(3)), num(m.group(5)))
                        : LocalDate.of(year, num(m.group(1)), num(m.group(3))).plusDays(0);
                d = d.plusDays(shiftDays);
                String sep = m.group(2);
                return yearFirst ? String.format(Locale.ROOT, "%d%s%02d%s%02d", d.getYear(), sep, d.getMonthValue(),
                        sep, d.getDayOfMonth()) : String.format(Locale.ROOT, "%02d%s%02d%s%d", d.getMonthValue(), sep,
                        d.getDayOfMonth(), sep, d.getYear());
            }
            m = ZH.matcher(original);
            if (m.matches()) {
                int year = m.group(1) == null ? 2000 : num(m.group(1));
                LocalDate d = LocalDate.of(year, num(m.group(2)), m.group(3) == null ? 15 : num(m.group(3)))
                        .plusDays(shiftDays);
                return (m.group(1) == null ? "" : d.getYear() + "年") + d.getMonthValue() + "月"
                        + (m.group(3) == null ? "" : d.getDayOfMonth() + "日");
            }
            m = WORDY.matcher(original);
            if (m.matches()) {
                int month = month(m.group(2));
                String dayText = m.group(1) != null ? m.group(1) : m.group(3);
                int year = m.group(4) == null ? 2000 : num(m.group(4));
                LocalDate d = LocalDate.of(year, month, dayText == null ? 15 : num(dayText)).plusDays(shiftDays);
                String monthName = d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                return monthName + (dayText == null ? "" : " " + d.getDayOfMonth() + (m.group(4) == null ? "" : ","))
                        + (m.group(4) == null ? "" : " " + d.getYear());
            }
        } catch (DateTimeException | IllegalArgumentException e) {
            // Not a real calendar date (a typo in the source): fall through to the placeholder.
        }
        return PiiType.DATE.placeholder();
    }

    private static int year(String text) {
        int y = num(text);
        return text.length() == 2 ? (y > 30 ? 1900 + y : 2000 + y) : y;
    }

    private static int month(String name) {
        String prefix = name.substring(0, 3).toLowerCase(Locale.ROOT);
        int index = "janfebmaraprmayjunjulaugsepoctnovdec".indexOf(prefix);
        if (index < 0 || index % 3 != 0) {
            throw new IllegalArgumentException("not a month: " + name);
        }
        return index / 3 + 1;
    }

    private static int num(String text) {
        return Integer.parseInt(text);
    }

    /** Other digits for digits, other letters of the same case for letters; separators stay. */
    private String reshape(String original) {
        StringBuilder out = new StringBuilder(original.length());
        for (int i = 0; i < original.length(); i++) {
            char c = original.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append((char) ('0' + random.nextInt(10)));
            } else if (c >= 'a' && c <= 'z') {
                out.append((char) ('a' + random.nextInt(26)));
            } else if (c >= 'A' && c <= 'Z') {
                out.append((char) ('A' + random.nextInt(26)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
