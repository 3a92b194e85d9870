package medstream.cli.report;

import java.util.Locale;
import java.util.regex.Pattern;

/** Number formats of the report, all in {@link Locale#ROOT} so a report reads the same on every machine. */
public final class Fmt {
    private static final Pattern NUMERIC = Pattern.compile("[-+]?[0-9][0-9,]*(\\.[0-9]+)?( ?%| s)?");

    private Fmt() {}

    /** A count with thousands separators. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A value with the given decimals, or an en dash when it is missing (NaN). */
    static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,." + decimals + "f", v) : "–";
    }

    /** A share as a percentage with one decimal. */
    static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f %%", share * 100) : "–";
    }

    /** A tick label: integers without decimals, small steps with as many as they need. */
    public static String tickLabel(double v, double step) {
        if (Math.abs(v) < step * 1e-9) return "0";
        if (step >= 1 && v == Math.rint(v)) {
            return Math.abs(v) >= 10_000 ? compact(v) : String.format(Locale.ROOT, "%d", (long) v);
        }
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** 12k, 1.5M: for axis ticks where space is short. */
    static String compact(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) return trim(v / 1e9) + "G";
        if (a >= 1e6) return trim(v / 1e6) + "M";
        if (a >= 1e3) return trim(v / 1e3) + "k";
        return trim(v);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** Whether a table cell holds a number (so it is right-aligned). */
    static boolean isNumeric(String cell) {
        return cell != null && (NUMERIC.matcher(cell).matches() || cell.equals("–"));
    }
}
