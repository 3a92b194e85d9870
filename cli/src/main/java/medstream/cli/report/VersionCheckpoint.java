package medstream.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the report takes from one checkpoint's {@code state.json}: the loss points this version added (the trainer
 * appends each round's points to its stage's curve and stores the whole curve in every checkpoint,
 * {@code extra.trainer.lossCurve}, so a version's own part is what follows its predecessor's points; counting points
 * rather than comparing steps stays right when a re-adaptation restarts the step counter), its training throughput and the Kafka offsets it resumes from.
 *
 * @param stage          1, 2 or 3
 * @param version        e.g. {@code s1-v0002}
 * @param loss           {global step, loss} of the steps of this version's round
 * @param tokensPerSecond trained tokens per second of its round (NaN when not recorded)
 * @param offsets        next offset per topic-partition
 */
public record VersionCheckpoint(int stage, String version, List<double[]> loss, double tokensPerSecond, Map<String, Long> offsets) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The checkpoints of a run, per stage in version order. Looks where the summary says each version was written,
     * then, for a run folder that has moved, under {@code <out>/checkpoints/stage<n>/<version>}, then at whatever
     * that folder holds when the summary lists no versions (a run that failed while training).
     */
    public static List<VersionCheckpoint> read(JsonNode summary, Path outDir) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (JsonNode v : summary.path("training").path("versions")) {
            Path listed = Path.of(Json.text(v.get("checkpoint"), ""));
            Path moved = outDir.resolve("checkpoints").resolve("stage" + v.path("stage").asInt()).resolve(v.path("version").asText());
            if (Files.isRegularFile(listed.resolve("state.json"))) dirs.add(listed);
            else if (Files.isRegularFile(moved.resolve("state.json"))) dirs.add(moved);
        }
        if (dirs.isEmpty() && Files.isDirectory(outDir.resolve("checkpoints"))) {
            try (Stream<Path> states = Files.find(outDir.resolve("checkpoints"), 3,
                    (p, a) -> p.getFileName().toString().equals("state.json"))) {
                states.map(Path::getParent).sorted(Comparator.comparing(p -> p.getFileName().toString())).forEach(dirs::add);
            }
        }
        List<VersionCheckpoint> out = new ArrayList<>();
        int[] pointsBefore = new int[10];
        for (Path dir : dirs) out.add(of(dir.getFileName().toString(), JSON.readTree(dir.resolve("state.json").toFile()), pointsBefore));
        return out;
    }

    /** @param pointsBefore per stage, the points of the curve that earlier versions drew; updated */
    static VersionCheckpoint of(String version, JsonNode state, int[] pointsBefore) {
        int stage = stageOf(version);
        JsonNode curve = state.path("extra").path("trainer").path("lossCurve");
        List<double[]> own = new ArrayList<>();
        for (int i = pointsBefore[stage]; i < curve.size(); i++) {
            own.add(new double[] {curve.get(i).path(0).asDouble(), curve.get(i).path(1).asDouble(Double.NaN)});
        }
        pointsBefore[stage] = Math.max(pointsBefore[stage], curve.size());
        return new VersionCheckpoint(stage, version, own, Json.number(state.path("metrics").get("tokensPerSecond")),
                Json.counts(state.get("offsets")));
    }

    /** {@code s2-v0001} is stage 2; anything else counts as stage 0. */
    static int stageOf(String version) {
        return version.length() > 1 && version.charAt(0) == 's' && Character.isDigit(version.charAt(1)) ? version.charAt(1) - '0' : 0;
    }
}
