package medstream.cli.pipeline;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line with count, rate and (when the total is known) ETA, printed at most every two
 * seconds so long work stays visible without flooding the console.
 */
public final class ProgressLine {
    private static final long EVERY_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private long count;
    private long firstLeft = -1;
    private long lastLeft = -1;

    /** @param total expected count, or -1 when unknown */
    public ProgressLine(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    /** Adds to the count and prints a line if two seconds have passed since the last one. */
    public void add(long n) {
        count += n;
        long now = System.nanoTime();
        if (now - lastPrint >= EVERY_NANOS) {
            lastPrint = now;
            out.println(line(now));
        }
    }

    /**
     * Reports what is left of a backlog (consumer lag, pending entities) instead of a count done;
     * printed at most every two seconds, with the rate at which the backlog shrinks.
     */
    public void remaining(long left) {
        long now = System.nanoTime();
        if (firstLeft < 0) firstLeft = left;
        lastLeft = left;
        if (now - lastPrint >= EVERY_NANOS) {
            lastPrint = now;
            double s = Math.max((now - start) / 1e9, 1e-9);
            double rate = Math.max(0, firstLeft - left) / s;
            out.println(String.format(Locale.ROOT, "    %s: %,d left (%,.0f/s, %.1f s)", label, left, rate, s));
        }
    }

    /** Prints the final line. */
    public void done() {
        if (firstLeft >= 0 && count == 0) {
            out.println(String.format(Locale.ROOT, "    %s: %,d left, %.1f s, done", label, lastLeft,
                    (System.nanoTime() - start) / 1e9));
        } else {
            out.println(line(System.nanoTime()) + " done");
        }
    }

    public long count() { return count; }

    String line(long now) {
        double s = Math.max((now - start) / 1e9, 1e-9);
        double rate = count / s;
        String eta = total > 0 && rate > 0 && count < total ? String.format(Locale.ROOT, ", ETA %.0f s", (total - count) / rate) : "";
        String of = total > 0 ? String.format(Locale.ROOT, "/%,d", total) : "";
        return String.format(Locale.ROOT, "    %s: %,d%s (%,.0f/s, %.1f s%s)", label, count, of, rate, s, eta);
    }
}
