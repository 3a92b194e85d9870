package medstream.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medstream.contracts.EvalResult;
import medstream.contracts.ModelVersion;
import medstream.contracts.OffsetRange;

/**
 * What a staged local run did, for {@code summary.json}: every model version (stage, tokens seen, final
 * loss), every evaluation, and per stage why it stopped and what it left untrained.
 *
 * @param preset model preset
 * @param stages one summary per stage, in order
 * @param versions every version published, in order
 * @param evals every evaluation, in order
 * @param seconds wall time of the whole run
 */
public record TrainingReport(String preset, List<StageSummary> stages, List<ModelVersion> versions,
        List<EvalResult> evals, double seconds) {

    /**
     * One stage of the run.
     *
     * @param stage the stage
     * @param stop why it stopped
     * @param versions versions it published
     * @param tokensSeen tokens trained on in the stage so far (replay included), from its newest version
     * @param newTokens tokens of new records trained on in this run
     * @param records records trained on in this run
     * @param deadLetters records sent to the dead-letter topic in this run
     * @param finalLoss the last version's final loss (NaN when it trained nothing)
     * @param untrainedRecords offsets left in the topic when it stopped
     * @param note a sentence a person reads: what was skipped and why
     * @param seconds wall time of the stage
     */
    public record StageSummary(int stage, String stop, int versions, long tokensSeen, long newTokens, long records,
            long deadLetters, double finalLoss, long untrainedRecords, String note, double seconds) { }

    /** The report as plain maps and lists (the shape of {@code summary.json}'s training section). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preset", preset);
        m.put("seconds", round(seconds));
        List<Map<String, Object>> st = new ArrayList<>();
        for (StageSummary s : stages) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("stage", s.stage());
            x.put("stop", s.stop());
            x.put("versions", s.versions());
            x.put("tokensSeen", s.tokensSeen());
            x.put("newTokens", s.newTokens());
            x.put("records", s.records());
            x.put("deadLetters", s.deadLetters());
            x.put("finalLoss", Double.isFinite(s.finalLoss()) ? round(s.finalLoss()) : null);
            x.put("untrainedRecords", s.untrainedRecords());
            x.put("note", s.note());
            x.put("seconds", round(s.seconds()));
            st.add(x);
        }
        m.put("stages", st);
        List<Map<String, Object>> vs = new ArrayList<>();
        for (ModelVersion v : versions) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("stage", v.getStage());
            x.put("version", v.getVersion());
            x.put("parent", v.getParent());
            x.put("checkpoint", v.getCheckpoint());
            x.put("tokensSeen", v.getTokensSeen());
            Double loss = v.getMetrics().get("loss");
            x.put("finalLoss", loss == null ? null : round(loss));
            List<String> ranges = new ArrayList<>();
            for (OffsetRange r : v.getOffsetRanges()) {
                ranges.add(r.getTopic() + "-" + r.getPartition() + ":[" + r.getFromOffset() + "," + r.getToOffset() + ")");
            }
            x.put("offsetRanges", ranges);
            vs.add(x);
        }
        m.put("versions", vs);
        List<Map<String, Object>> es = new ArrayList<>();
        for (EvalResult e : evals) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("modelVersion", e.getModelVersion());
            x.put("stage", e.getStage());
            x.put("benchmark", e.getBenchmark());
            x.put("n", e.getN());
            x.put("accuracy", round(e.getAccuracy()));
            x.put("perClass", new java.util.TreeMap<>(e.getPerClass()));
            es.add(x);
        }
        m.put("evals", es);
        return m;
    }

    /** Writes {@link #toMap()} as indented JSON. */
    public void writeJson(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toMap());
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
