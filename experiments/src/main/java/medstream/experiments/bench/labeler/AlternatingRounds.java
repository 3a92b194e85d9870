package medstream.experiments.bench.labeler;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Times two paths over the same work in alternating rounds, after untimed warm-up passes of both; a round of the faster
 * path repeats its pass until it lasts about as long as the slower path's ({@link #repeats}). The order flips
 * every round (A B, B A, A B ...), so a drift in machine load (other builds on a shared 2-core box) falls on both
 * paths alike, and the medians keep one burst from deciding the figure. Each round also records the GC and JIT time
 * spent inside it: a round they moved is visible in the output rather than guessed at.
 */
final class AlternatingRounds {
    /** Most passes of a fast path per round, so a path that finds its work trivially small cannot run for ever. */
    private static final int MAX_REPEATS = 32;

    private AlternatingRounds() {}

    /** The result of one pass of a path, kept from its last timed round. */
    record Timed<T>(PathStats stats, T last) { }

    /**
     * Runs {@code warmups} untimed passes of each path, then {@code rounds} timed rounds of each, alternating; a round's
     * time is per pass.
     *
     * @param progress where a line per round goes (stderr for the CLI), or null
     */
    static <T> List<Timed<T>> time(List<Supplier<T>> paths, List<String> names, int warmups, int rounds,
                                   java.util.function.Consumer<String> progress) {
        if (rounds < 1) throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        int n = paths.size();
        int[] repeats = repeats(paths, warmups);
        List<List<Double>> seconds = new ArrayList<>();
        List<List<Double>> gc = new ArrayList<>();
        List<List<Double>> jit = new ArrayList<>();
        List<T> last = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            seconds.add(new ArrayList<>());
            gc.add(new ArrayList<>());
            jit.add(new ArrayList<>());
            last.add(null);
        }
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < n; k++) {
                int p = round % 2 == 0 ? k : n - 1 - k;
                double gc0 = gcSeconds();
                double jit0 = jitSeconds();
                long t0 = System.nanoTime();
                for (int r = 0; r < repeats[p]; r++) last.set(p, paths.get(p).get());
                double s = (System.nanoTime() - t0) / 1e9 / repeats[p];
                seconds.get(p).add(s);
                gc.get(p).add(gcSeconds() - gc0);
                jit.get(p).add(jitSeconds() - jit0);
                if (progress != null) {
                    progress.accept(String.format(Locale.ROOT, "round %d/%d %s: %.3f s per pass, %d pass(es) (gc %.3f s, jit %.3f s, load %.2f)",
                            round + 1, rounds, names.get(p), s, repeats[p], gc.get(p).get(round), jit.get(p).get(round), load()));
                }
            }
        }
        List<Timed<T>> out = new ArrayList<>();
        for (int p = 0; p < n; p++) out.add(new Timed<>(new PathStats(seconds.get(p), gc.get(p), jit.get(p), repeats[p]), last.get(p)));
        return out;
    }

    /**
     * Runs the warm-ups and returns how many passes each path makes per timed round: as many as bring it to the
     * slowest path's warm-up time (its warm-up is lengthened the same way). A round of the fast path then spans as much wall time as one of the slow path,
     * so a burst of load from another process is averaged the same way in both instead of deciding a short round
     * (with one pass each, a 2-second batched round and a 20-second sequential one are not exposed alike).
     */
    private static <T> int[] repeats(List<Supplier<T>> paths, int warmups) {
        double[] seconds = new double[paths.size()];
        for (int w = 0; w < warmups; w++) {
            for (int p = 0; p < paths.size(); p++) {
                long t0 = System.nanoTime();
                paths.get(p).get();
                seconds[p] = (System.nanoTime() - t0) / 1e9;
            }
        }
        double slowest = java.util.Arrays.stream(seconds).max().orElse(0);
        int[] repeats = new int[paths.size()];
        for (int p = 0; p < paths.size(); p++) {
            repeats[p] = warmups == 0 || seconds[p] <= 0 ? 1 : (int) Math.max(1, Math.min(MAX_REPEATS, Math.round(slowest / seconds[p])));
            // The fast path's warm-up, too, spans the slow path's: one short pass left its code half-compiled, and the
            // JIT then ran inside its first timed rounds (2.5 s of JIT in the batched rounds of a 1-pass warm-up).
            for (int w = 0; w < warmups * (repeats[p] - 1); w++) paths.get(p).get();
        }
        return repeats;
    }

    static double gcSeconds() {
        long ms = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) ms += Math.max(0, b.getCollectionTime());
        return ms / 1e3;
    }

    static double jitSeconds() {
        CompilationMXBean c = ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() / 1e3 : 0;
    }

    /** 1-minute load average of the machine (negative where the OS does not say). */
    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
