package medstream.ingest;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Receives ingestion progress: a snapshot every couple of seconds while a source is read, and the source's
 * report when it is done. {@link #stderr()} prints both as one line each.
 */
public interface ProgressListener {
    /**
     * A snapshot of the source being ingested.
     *
     * @param source      source name
     * @param records     records sent so far
     * @param deadLetters dead letters so far
     * @param skipped     skipped entries so far
     * @param elapsed     time since the source started
     */
    record Progress(String source, long records, long deadLetters, long skipped, Duration elapsed) {
        /** Records per second since the source started. */
        public double rate() {
            double s = elapsed.toNanos() / 1e9;
            return s <= 0 ? 0 : records / s;
        }
    }

    /** Called every progress interval while a source is read. */
    void onProgress(Progress progress);

    /** Called once per source when it is done. */
    default void onSourceDone(SourceReport report) { }

    /** A listener that ignores everything. */
    static ProgressListener none() {
        return p -> { };
    }

    /** One line per snapshot and per finished source on standard error. */
    static ProgressListener stderr() {
        return printingTo(System.err);
    }

    /** One line per snapshot and per finished source on {@code out}. */
    static ProgressListener printingTo(PrintStream out) {
        return new ProgressListener() {
            @Override
            public void onProgress(Progress p) {
                out.printf(Locale.ROOT, "ingest %-24s %,10d records  %,8.0f rec/s  dlq %d  skipped %d  %5.1f s%n",
                        p.source(), p.records(), p.rate(), p.deadLetters(), p.skipped(),
                        p.elapsed().toMillis() / 1000.0);
            }

            @Override
            public void onSourceDone(SourceReport r) {
                out.printf(Locale.ROOT, "ingest %-24s done: %,d records %s  dlq %d  skipped %s  %,.0f rec/s%s%n",
                        r.source(), r.records(), r.recordsByTopic(), r.deadLetters(), r.skipped(), r.rate(),
                        r.limited() ? "  (stopped at the limit)" : "");
            }
        };
    }
}
