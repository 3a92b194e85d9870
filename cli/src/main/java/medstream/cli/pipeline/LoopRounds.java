package medstream.cli.pipeline;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import medstream.contracts.Decision;
import medstream.contracts.EvalResult;
import medstream.contracts.LabelOrigin;
import medstream.contracts.LabelResult;
import medstream.contracts.McqTask;
import medstream.contracts.ModelVersion;
import medstream.topics.TopicCatalog;
import medstream.topics.admin.TopicCounter;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What the annotation loop reads from the topics, and the shape of one {@code labels.rounds} entry:
 * {@code {"round", "model_version", "parent_version", "results", "accepted", "by_decision", "calibration": {threshold,
 * coverage, accepted_accuracy, ...}, "dev": {items, accepted, accepted_accuracy}, "evals": {benchmark: {"accuracy",
 * "before"}}}}, plus {@code pseudo_tasks}, {@code stage3} (a {@code training.stages} entry: stop, versions, records,
 * newTokens, untrainedRecords, finalLoss, ...), {@code train_seconds}, {@code label_seconds} for rounds after the first and
 * {@code loop_ended} on the entry after which the loop stopped early.
 */
final class LoopRounds {
    private final RunContext ctx;
    /** Accuracy per version and benchmark: the run's training evaluations, then each round's. */
    private final Map<String, Map<String, Double>> accuracy = new LinkedHashMap<>();

    LoopRounds(RunContext ctx) {
        this.ctx = ctx;
        Object training = ctx.summary().section("training").get("evals");
        if (training instanceof List<?> evals) {
            for (Object o : evals) {
                if (o instanceof Map<?, ?> e && e.get("accuracy") instanceof Number a) {
                    accuracy.computeIfAbsent(String.valueOf(e.get("modelVersion")), v -> new LinkedHashMap<>())
                            .put(String.valueOf(e.get("benchmark")), a.doubleValue());
                }
            }
        }
    }

    /** The newest stage-3 version published so far. */
    Optional<String> newestStage3() {
        try (TopicCounter counter = new TopicCounter(ctx.clientConfig(), Duration.ofMinutes(1))) {
            return counter.latestValues(ctx.catalog().modelVersions()).values().stream().filter(v -> v.getStage() == 3)
                    .max((a, b) -> a.getCreatedAt().compareTo(b.getCreatedAt())).map(ModelVersion::getVersion);
        }
    }

    /** One round's entry, from the latest result of each request that {@code version} labeled. */
    Map<String, Object> round(int r, String version, String parent, Object calibrations, Map<String, Object> analyses,
                              List<EvalResult> evals) {
        Map<String, Long> byDecision = new TreeMap<>();
        for (LabelResult result : LabelStep.latestResults(ctx).values()) {
            if (version.equals(result.getModelVersion())) byDecision.merge(result.getDecision().name(), 1L, Long::sum);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("round", r);
        m.put("model_version", version);
        m.put("parent_version", parent);
        m.put("results", byDecision.values().stream().mapToLong(Long::longValue).sum());
        m.put("accepted", byDecision.getOrDefault(Decision.ACCEPT.name(), 0L));
        m.put("by_decision", byDecision);
        m.put("calibration", calibrations instanceof Map<?, ?> c ? c.get(version) : calibrations);
        m.put("dev", analyses.get(version) instanceof Map<?, ?> a ? a.get("dev") : null);
        if (evals != null) {
            evals.forEach(e -> accuracy.computeIfAbsent(e.getModelVersion(), v -> new LinkedHashMap<>())
                    .put(e.getBenchmark(), e.getAccuracy()));
        }
        Map<String, Object> vs = new TreeMap<>();
        Map<String, Double> before = parent == null ? Map.of() : accuracy.getOrDefault(parent, Map.of());
        accuracy.getOrDefault(version, Map.of()).forEach((benchmark, a) -> {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("accuracy", RunSummary.round(a));
            cell.put("before", before.containsKey(benchmark) ? RunSummary.round(before.get(benchmark)) : null);
            vs.put(benchmark, cell);
        });
        m.put("evals", vs);
        return m;
    }

    /**
     * Waits until the knowledge app has turned {@code expected} accepted labels of {@code version} into PSEUDO stage-3
     * tasks, and returns how many it has (fewer when the deadline passed: the round then trains on what arrived).
     */
    long awaitPseudoTasks(String version, long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = 0;
        while (true) {
            seen = pseudoTasks(version);
            if (seen >= expected || System.nanoTime() > deadline) return seen;
            Thread.sleep(500); // the knowledge app joins on its own threads; poll the topic
        }
    }

    private long pseudoTasks(String version) {
        TopicCatalog catalog = ctx.catalog();
        Deserializer<McqTask> tasks = catalog.stage3Tasks().valueSerde().deserializer();
        Set<String> ids = new HashSet<>();
        try (TopicCounter counter = new TopicCounter(ctx.clientConfig(), Duration.ofMinutes(1))) {
            counter.scan(catalog.stage3Tasks().name(), rec -> {
                if (rec.value() == null) return;
                McqTask t = tasks.deserialize(catalog.stage3Tasks().name(), rec.value());
                // labelId = request@version/strategy (PubMedQaRouter.labelId)
                if (t.getLabelOrigin() == LabelOrigin.PSEUDO && t.getLabelId() != null && t.getLabelId().contains("@" + version + "/")) {
                    ids.add(t.getId());
                }
            });
        }
        return ids.size();
    }
}
