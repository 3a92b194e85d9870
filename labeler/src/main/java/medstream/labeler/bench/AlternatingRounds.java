package medstream.labeler.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Times two paths over the same work in alternating rounds, after untimed warm-up passes of both. The order flips
 * every round (A B, B A, A B ...), so a drift in machine load (other builds on a shared 2-core box) falls on both
 * paths alike, and the medians keep one burst from deciding the figure. Each round also records the GC and JIT time
 * spent inside it: a round they moved is visible in the output rather than guessed at.
 */
final class AlternatingRounds {
    private AlternatingRounds() {}

    /** The result of one pass of a path, kept from its last timed round. */
    record Timed<T>(PathStats stats, T last) { }

    /**
     * Runs {@code warmups} untimed passes of each path, then {@code rounds} timed passes of each, alternating.
     *
     * @param progress where a line per round goes (stderr for the CLI), or null
     */
    static <T> List<Timed<T>> time(List<Supplier<T>> paths, List<String> names, int warmups, int rounds,
                                   java.util.function.Consumer<String> progress) {
        if (rounds < 1) throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        for (int w = 0; w < warmups; w++) paths.forEach(Supplier::get);
        int n = paths.size();
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
                last.set(p, paths.get(p).get());
                double s = (System.nanoTime() - t0) / 1e9;
                seconds.get(p).add(s);
                gc.get(p).add(gcSeconds() - gc0);
                jit.get(p).add(jitSeconds() - jit0);
                if (progress != null) {
                    progress.accept(String.format(Locale.ROOT, "round %d/%d %s: %.3f s (gc %.3f s, jit %.3f s, load %.2f)",
                            round + 1, rounds, names.get(p), s, gc.get(p).get(round), jit.get(p).get(round), load()));
                }
            }
        }
        List<Timed<T>> out = new ArrayList<>();
        for (int p = 0; p < n; p++) out.add(new Timed<>(new PathStats(seconds.get(p), gc.get(p), jit.get(p)), last.get(p)));
        return out;
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
