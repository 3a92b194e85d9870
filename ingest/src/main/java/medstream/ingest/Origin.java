package medstream.ingest;

/**
 * Where an entry came from: a file name relative to the shared data directory (e.g.
 * {@code medqa-usmle/medqa_us_4opt_test.jsonl}, or {@code archive!member} inside a tar archive) and the
 * 1-based line of the entry's first line (or the entry's position when a format has no lines).
 *
 * @param file file name, relative to the data directory
 * @param line 1-based line (or entry) number
 */
public record Origin(String file, long line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
