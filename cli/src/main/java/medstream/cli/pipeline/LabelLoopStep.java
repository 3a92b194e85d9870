package medstream.cli.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import medstream.contracts.ModelVersion;
import medstream.labeler.LabelerConfig;
import medstream.topics.config.Setting;
import medstream.trainer.Budget;
import medstream.trainer.StagedTraining;
import medstream.trainer.TrainingReport;

/**
 * The annotation loop of a local run, after the first labeling: the labels the labeler ACCEPTed have become PSEUDO
 * stage-3 tasks (the knowledge app, still running, joins each accepted result with its request), stage 3 trains a new
 * version on them (resuming from its checkpoint: the new PSEUDO records plus replay of what it saw, GOLD included),
 * evaluates and publishes it, and the labeler labels every request again with that version (a new consumer group, so
 * it reads the requests from the start; each result is a new version of the same key in the compacted
 * {@code label.results}). Repeats for {@code --label-rounds} rounds; a round with nothing accepted ends the loop, since
 * stage 3 would have nothing new to learn from.
 *
 * <p>Summary: {@code labels.rounds}, one entry per labeling (round 0 is the first labeling; see {@link LoopRounds}).
 */
public final class LabelLoopStep implements PipelineStep {
    /** Rounds after the first labeling ({@code --label-rounds}). */
    public static final Setting<Integer> ROUNDS = Setting.integer("medstream.local.label-rounds", 2,
            "Rounds of the annotation loop in ./medstream local after the first labeling (0 = label once)");
    private static final Duration PSEUDO_TIMEOUT = Duration.ofMinutes(3);
    /** A loop round's stage-3 token budget, in multiples of the first training's (its time budget stays). */
    static final int ROUND_TOKEN_FACTOR = 10;

    @Override
    public String name() { return "label-loop"; }

    @Override
    public void run(RunContext ctx) throws Exception {
        Map<String, Object> labels = ctx.summary().section("labels");
        int rounds = ctx.settings().get(ROUNDS);
        List<Map<String, Object>> recorded = new ArrayList<>();
        labels.put("rounds", recorded);
        if (labels.containsKey("skipped")) return;
        LoopRounds loop = new LoopRounds(ctx);
        Optional<String> current = loop.newestStage3();
        if (current.isEmpty()) return;
        @SuppressWarnings("unchecked")
        Map<String, Object> analyses = (Map<String, Object>) labels.getOrDefault("weak_supervision", Map.of());
        recorded.add(loop.round(0, current.get(), null, labels.get("calibration"), analyses, null));
        String baseGroup = ctx.settings().get(LabelerConfig.GROUP_ID);
        long requests = ((Number) labels.get("requests")).longValue();
        try {
            for (int r = 1; r <= rounds; r++) {
                long accepted = ((Number) recorded.get(recorded.size() - 1).get("accepted")).longValue();
                if (accepted == 0) {
                    ctx.out().printf(Locale.ROOT, "    round %d: nothing was ACCEPTed by %s, so stage 3 has no PSEUDO task to learn "
                            + "from; the loop ends%n", r, current.get());
                    recorded.get(recorded.size() - 1).put("loop_ended", "no label ACCEPTed: no PSEUDO task to train on");
                    break;
                }
                long pseudo = loop.awaitPseudoTasks(current.get(), accepted, PSEUDO_TIMEOUT);
                ctx.out().printf(Locale.ROOT, "    round %d: %,d PSEUDO stage-3 tasks from %s; training stage 3%n", r, pseudo, current.get());
                long t0 = System.nanoTime();
                TrainingReport report = StagedTraining.runStages(TrainStep.withSettings(ctx, loopParams(TrainStep.params(ctx))), List.of(3),
                        ctx.clientConfig());
                double trainSeconds = RunSummary.round((System.nanoTime() - t0) / 1e9);
                Optional<ModelVersion> next = report.versions().stream().filter(v -> v.getStage() == 3).reduce((a, b) -> b);
                if (next.isEmpty()) {
                    recorded.get(recorded.size() - 1).put("loop_ended", "stage 3 published no new version (" + report.stages() + ")");
                    break;
                }
                report.evals().forEach(e -> ctx.out().printf(Locale.ROOT, "    eval %-12s %-10s n=%-4d accuracy %.3f%n",
                        e.getModelVersion(), e.getBenchmark(), e.getN(), e.getAccuracy()));
                LabelerRun run = LabelerRun.run(ctx, requests, baseGroup + "-round-" + r);
                Map<String, Object> round = loop.round(r, next.get().getVersion(), current.get(), run.calibrations(),
                        new LinkedHashMap<>(run.analyses()), report.evals());
                // Every version's voters and weights, beside round 0's: what the label model learned of each new version.
                @SuppressWarnings("unchecked")
                Map<String, Object> weak = (Map<String, Object>) labels.computeIfAbsent("weak_supervision", k -> new LinkedHashMap<>());
                weak.putAll(run.analyses());
                round.put("pseudo_tasks", pseudo);
                round.put("stage3", stage3(report));
                round.put("train_seconds", trainSeconds);
                round.put("label_seconds", run.seconds());
                recorded.add(round);
                current = Optional.of(next.get().getVersion());
            }
        } finally {
            ctx.settings().override(LabelerConfig.GROUP_ID, baseGroup);
        }
        if (recorded.size() > 1) LabelStep.writeResults(ctx, labels);
        ctx.out().println("    rounds: " + recorded.size() + " labeling(s)");
        for (Map<String, Object> r : recorded) ctx.out().println("    " + r);
    }

    /**
     * The first training's parameters with a larger stage-3 token budget. The trainer reads stage3.tasks in offset
     * order and the first training usually stops at its token budget with GOLD / ARTIFICIAL records left, which come
     * before the new PSEUDO tasks: at the same budget a round trains that backlog and never reaches them (measured at
     * --limit 1000: 156 records trained, 765 left). The stage's time budget still bounds the round.
     */
    static StagedTraining.LocalRunParams loopParams(StagedTraining.LocalRunParams first) {
        Map<Integer, Budget> budgets = new HashMap<>(first.budgets());
        Budget b = budgets.getOrDefault(3, Budget.UNLIMITED);
        long tokens = b.maxNewTokens() >= Long.MAX_VALUE / ROUND_TOKEN_FACTOR ? Long.MAX_VALUE : b.maxNewTokens() * ROUND_TOKEN_FACTOR;
        budgets.put(3, new Budget(tokens, b.maxDuration()));
        return first.withBudgets(budgets);
    }

    /**
     * What the round's stage-3 training did, in the shape of {@code training.stages}. The trainer reads stage3.tasks in
     * offset order, so records the first training left behind its budget come before the PSEUDO tasks:
     * {@code untrainedRecords} says whether it reached them.
     */
    private static Object stage3(TrainingReport report) {
        Object stages = report.toMap().get("stages");
        return stages instanceof List<?> l && !l.isEmpty() ? l.get(0) : Map.of();
    }
}
