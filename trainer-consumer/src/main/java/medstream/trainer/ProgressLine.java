package medstream.trainer;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The line a person watches while a round trains: stage, round, step, loss, tokens per second and ETA,
 * on stderr at most every two seconds and at the end of a round.
 */
final class ProgressLine {

    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final int stage;
    private final long round;
    private final int steps;
    private final long start = System.nanoTime();
    private long lastPrint;
    private long tokens;

    ProgressLine(PrintStream out, int stage, long round, int steps) {
        this.out = out;
        this.stage = stage;
        this.round = round;
        this.steps = steps;
    }

    /** Records a step and prints when due. */
    void step(int step, long globalStep, double loss, double lr, long stepTokens) {
        tokens += stepTokens;
        long now = System.nanoTime();
        if (now - lastPrint < INTERVAL_NANOS && step < steps) {
            return;
        }
        lastPrint = now;
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? tokens / seconds : 0;
        long eta = step > 0 ? Math.round(seconds / step * (steps - step)) : 0;
        out.println(String.format(Locale.ROOT, "[trainer] stage %d round %d step %d/%d (global %d) loss %.4f lr %.2e"
                + " %,.0f tok/s ETA %d:%02d", stage, round, step, steps, globalStep, loss, lr, rate, eta / 60, eta % 60));
    }
}
