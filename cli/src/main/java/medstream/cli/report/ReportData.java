package medstream.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the report is drawn from: {@code summary.json}, the checkpoints' states (loss curves, throughput,
 * offsets) and {@code labels.jsonl} (labels crossed with decisions). A part that cannot be read is recorded in
 * {@link #problems()} and shown as missing; the report is still written.
 *
 * @param summary     the run's summary
 * @param outDir      the run's output folder
 * @param checkpoints every version's checkpoint state, per stage in version order
 * @param labels      one JSON object per label line
 * @param problems    what could not be read, for the report to say
 */
public record ReportData(JsonNode summary, Path outDir, List<VersionCheckpoint> checkpoints, List<JsonNode> labels,
                         List<String> problems) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {@code <outDir>/summary.json} and what it points to. */
    public static ReportData load(Path outDir) throws IOException {
        Path file = outDir.resolve("summary.json");
        if (!Files.isRegularFile(file)) {
            throw new IOException("No summary.json in " + outDir + ": give the output folder of a ./medstream local run");
        }
        JsonNode summary = JSON.readTree(file.toFile());
        List<String> problems = new ArrayList<>();
        List<VersionCheckpoint> checkpoints = List.of();
        try {
            checkpoints = VersionCheckpoint.read(summary, outDir);
        } catch (IOException | RuntimeException e) {
            problems.add("checkpoints under " + outDir.resolve("checkpoints") + " could not be read: " + e.getMessage());
        }
        List<JsonNode> labels = new ArrayList<>();
        Path labelFile = outDir.resolve("labels.jsonl");
        if (Files.isRegularFile(labelFile)) {
            try (BufferedReader r = Files.newBufferedReader(labelFile, StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!line.isBlank()) labels.add(JSON.readTree(line));
                }
            } catch (IOException | RuntimeException e) {
                problems.add(labelFile + " could not be read: " + e.getMessage());
                labels.clear();
            }
        }
        return new ReportData(summary, outDir, checkpoints, labels, problems);
    }

    /** A summary section, or a missing node. */
    public JsonNode section(String name) {
        return summary.path(name);
    }
}
