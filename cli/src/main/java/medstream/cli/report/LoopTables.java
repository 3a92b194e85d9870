package medstream.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The labeling section's tables of strategy weak and the annotation loop: per voter (labeling function or model
 * strategy) its coverage, overlap, conflict and accuracy on the gold items and the weight the label model gave its
 * vote; per loop round what was accepted, how right it was on dev, and what the new version scored against its parent.
 */
final class LoopTables {
    private LoopTables() {}

    /** {@code labels.weak_supervision}: one table per model version. */
    static void voters(Html html, JsonNode weak) {
        if (!weak.isObject() || weak.isEmpty()) return;
        weak.fields().forEachRemaining(e -> {
            JsonNode a = e.getValue();
            html.element("h3", "Weak supervision of " + e.getKey() + ": voters on the " + a.path("items").asInt()
                    + " gold items (label model " + Json.text(a.get("label_model"), "?") + ", LF set " + Json.text(a.get("lf_set_hash"), "?") + ")");
            JsonNode weights = a.path("weights").path("weights");
            List<List<String>> rows = new ArrayList<>();
            a.path("voters").forEach(v -> {
                String voter = Json.text(v.get("voter"), "?");
                rows.add(List.of(voter, Fmt.num(Json.number(v.get("coverage")), 3), Fmt.num(Json.number(v.get("overlap")), 3),
                        Fmt.num(Json.number(v.get("conflict")), 3), Fmt.num(Json.number(v.get("accuracy")), 3),
                        weight(weights.path(voter))));
            });
            html.table(List.of("voter", "coverage", "overlap", "conflict", "accuracy", "label-model weight (vote -> its class)"), rows);
            html.element("p", "Out-of-fold accuracy of the label model " + Fmt.num(Json.number(a.get("out_of_fold_accuracy")), 3)
                    + "; trained on " + a.path("trained_on").asInt() + " items; dev at the ACCEPT threshold: "
                    + a.path("dev").path("accepted").asInt() + " of " + a.path("dev").path("items").asInt() + " accepted, accuracy "
                    + Fmt.num(Json.number(a.path("dev").get("accepted_accuracy")), 3) + ".", "class", "hint");
        });
    }

    /** The weight a voter's vote for X adds to class X, per X it voted. */
    private static String weight(JsonNode byVote) {
        List<String> parts = new ArrayList<>();
        byVote.fields().forEachRemaining(e -> {
            String option = e.getKey().replace("votes_", "");
            parts.add(option + " " + Fmt.num(Json.number(e.getValue().get(option)), 2));
        });
        return String.join(", ", parts);
    }

    /** {@code labels.rounds}: one row per labeling. */
    static void rounds(Html html, JsonNode rounds) {
        if (!rounds.isArray() || rounds.isEmpty()) return;
        html.element("h3", "Annotation loop: accepted labels become PSEUDO stage-3 tasks, stage 3 retrains, the labeler labels again");
        List<List<String>> rows = new ArrayList<>();
        rounds.forEach(r -> {
            List<String> evals = new ArrayList<>();
            r.path("evals").fields().forEachRemaining(e -> evals.add(e.getKey() + " " + Fmt.num(Json.number(e.getValue().get("accuracy")), 3)
                    + " (was " + Fmt.num(Json.number(e.getValue().get("before")), 3) + ")"));
            rows.add(List.of(String.valueOf(r.path("round").asInt()), Json.text(r.get("model_version"), "?"),
                    String.valueOf(r.path("accepted").asLong()), String.valueOf(r.path("results").asLong()),
                    Fmt.num(Json.number(r.path("calibration").get("threshold")), 3),
                    Fmt.num(Json.number(r.path("dev").get("accepted_accuracy")), 3),
                    r.has("pseudo_tasks") ? String.valueOf(r.path("pseudo_tasks").asLong()) : "",
                    String.join("; ", evals), Json.text(r.get("loop_ended"), "")));
        });
        html.table(List.of("round", "version", "accepted", "labeled", "ACCEPT threshold", "accepted accuracy (dev)",
                "PSEUDO tasks trained", "evals (parent)", "loop ended"), rows);
    }
}
