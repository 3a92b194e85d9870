package medstream.cli.report.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A value range with round tick steps (1, 2 or 5 times a power of ten), widened to whole steps so the data
 * never touches the frame at an odd value.
 *
 * @param min  lowest value on the axis
 * @param max  highest value on the axis
 * @param step distance between ticks
 */
public record Axis(double min, double max, double step) {

    /** About {@code ticks} round ticks covering {@code lo..hi}. */
    public static Axis nice(double lo, double hi, int ticks) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            lo = 0;
            hi = 1;
        }
        if (hi - lo < 1e-12) { // one value: give it room above and below
            double pad = Math.max(Math.abs(lo) * 0.1, 0.5);
            lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
            hi += pad;
        }
        double raw = (hi - lo) / Math.max(1, ticks);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double residual = raw / magnitude;
        double step = (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude;
        return new Axis(Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step, step);
    }

    /** An axis from 0 for counts up to {@code max}: steps are whole numbers, never 0.2 of a record. */
    public static Axis counts(double max, int ticks) {
        Axis a = nice(0, Math.max(1, max), ticks);
        return a.step() >= 1 ? a : new Axis(0, Math.max(1, Math.ceil(a.max())), 1);
    }

    /** Maps a value to a pixel: {@code min} to {@code from}, {@code max} to {@code to}. */
    public double scale(double value, double from, double to) {
        return from + (value - min) / (max - min) * (to - from);
    }

    /** The tick values from min to max. */
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        int n = (int) Math.round((max - min) / step);
        for (int i = 0; i <= n; i++) ticks.add(min + i * step);
        return ticks;
    }
}
