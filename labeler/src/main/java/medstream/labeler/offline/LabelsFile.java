package medstream.labeler.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import medstream.contracts.LabelResult;

/**
 * The one writer of {@code labels.jsonl}, for the offline {@code label} command and {@code local}'s label step alike:
 * one JSON line per item ({@code id, label, confidence, decision, strategy, model_version}, plus {@code reason} when
 * there is one, and {@code lf_set_hash} and {@code votes} for strategy weak), and the confidence histogram of the
 * labels it wrote ({@value #BINS} equal bins over [0, 1], the last one closed), overall and per decision.
 */
public final class LabelsFile implements AutoCloseable {
    /** Bins of the confidence histogram. */
    public static final int BINS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final BufferedWriter out;
    private final long[] histogram = new long[BINS];
    private final Map<String, long[]> byDecision = new TreeMap<>();

    private LabelsFile(Path path, BufferedWriter out) {
        this.path = path;
        this.out = out;
    }

    /** A new (or emptied) file at {@code path}, its directory created. */
    public static LabelsFile create(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        return new LabelsFile(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8));
    }

    /** Writes a label's line and counts its confidence; returns the line. */
    public Map<String, Object> write(LabelResult r) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.getRequestId());
        m.put("label", r.getLabel().isEmpty() ? null : r.getLabel());
        m.put("confidence", r.getConfidence());
        m.put("decision", r.getDecision().name());
        m.put("strategy", r.getStrategy());
        m.put("model_version", r.getModelVersion());
        if (r.getReason() != null) m.put("reason", r.getReason());
        if (!r.getVotes().isEmpty()) {
            // strategy weak: the rules that made the label, voter -> label (null = abstained)
            m.put("lf_set_hash", r.getLfSetHash());
            Map<String, String> votes = new LinkedHashMap<>();
            r.getVotes().forEach(v -> votes.put(v.getVoter(), v.getLabel()));
            m.put("votes", votes);
        }
        int bin = bin(r.getConfidence());
        histogram[bin]++;
        byDecision.computeIfAbsent(r.getDecision().name(), d -> new long[BINS])[bin]++;
        return line(m);
    }

    /**
     * Writes the line of a request that could not be labeled (what the service dead-letters): no label, confidence 0,
     * REVIEW, the reason; it is not a label, so the histogram does not count it. Returns the line.
     */
    public Map<String, Object> writeUnlabeled(String id, String reason, String strategy, String modelVersion)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("label", null);
        m.put("confidence", 0.0);
        m.put("decision", "REVIEW");
        m.put("strategy", strategy);
        m.put("model_version", modelVersion);
        m.put("reason", reason);
        return line(m);
    }

    private Map<String, Object> line(Map<String, Object> m) throws IOException {
        out.write(JSON.writeValueAsString(m));
        out.newLine();
        return m;
    }

    /** The file written. */
    public Path path() {
        return path;
    }

    /** Labels per confidence bin. */
    public long[] histogram() {
        return histogram.clone();
    }

    /** Labels per confidence bin, per decision (ACCEPT, REVIEW). */
    public Map<String, long[]> histogramByDecision() {
        Map<String, long[]> copy = new TreeMap<>();
        byDecision.forEach((d, counts) -> copy.put(d, counts.clone()));
        return copy;
    }

    /** The lower edge of each bin. */
    public static double[] binEdges() {
        double[] edges = new double[BINS];
        for (int i = 0; i < BINS; i++) edges[i] = (double) i / BINS;
        return edges;
    }

    /** The bin of a confidence in [0, 1]; 1.0 falls in the last. */
    static int bin(double confidence) {
        return Math.min(BINS - 1, (int) Math.floor(confidence * BINS));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
