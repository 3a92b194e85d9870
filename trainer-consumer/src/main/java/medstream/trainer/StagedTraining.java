package medstream.trainer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import medstream.contracts.EvalResult;
import medstream.contracts.ModelVersion;
import medstream.topics.TopicCatalog;
import medstream.trainer.config.StageConfig;
import medstream.trainer.config.TrainingHyperparameters;
import medstream.trainer.eval.Evaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer part of {@code ./medstream local}: stage 1 until its topic is drained or its budget spent,
 * then stage 2 on top of stage 1's newest version, then stage 3, evaluating every version.
 */
public final class StagedTraining {

    private static final Logger LOG = LoggerFactory.getLogger(StagedTraining.class);

    private StagedTraining() {}

    /**
     * What a local run trains.
     *
     * @param catalog topics
     * @param bootstrap broker
     * @param outDir run directory; checkpoints go to {@code <outDir>/checkpoints}
     * @param preset model preset (small by default)
     * @param budgets per stage (1, 2, 3): token and time budget
     * @param evaluate evaluate every version on the eval items
     * @param hyper hyperparameters; null means the preset's, with rounds and schedule sized by the budgets
     */
    public record LocalRunParams(TopicCatalog catalog, String bootstrap, Path outDir, String preset,
            Map<Integer, Budget> budgets, boolean evaluate, TrainingHyperparameters hyper) {

        /**
         * The default local run on 2 cores, at most about 11 minutes for all three stages with the small
         * preset: stage 1 gets 640k tokens / 5.5 min, stages 2 and 3 180k tokens / 2.25 min each, whichever
         * runs out first (measured 2-3k tokens/s for training on 2 cores, plus evaluation of every version; see
         * trainer-consumer/README.md).
         */
        public static LocalRunParams defaults(TopicCatalog catalog, String bootstrap, Path outDir) {
            return new LocalRunParams(catalog, bootstrap, outDir, "small", defaultBudgets("small"), true, null);
        }

        /** Same run with another preset and its default budgets. */
        public LocalRunParams withPreset(String value) {
            return new LocalRunParams(catalog, bootstrap, outDir, value, defaultBudgets(value), evaluate, hyper);
        }

        /** Same run with other budgets. */
        public LocalRunParams withBudgets(Map<Integer, Budget> value) {
            return new LocalRunParams(catalog, bootstrap, outDir, preset, value, evaluate, hyper);
        }

        /** Same run with explicit hyperparameters. */
        public LocalRunParams withHyper(TrainingHyperparameters value) {
            return new LocalRunParams(catalog, bootstrap, outDir, preset, budgets, evaluate, value);
        }

        /** Same run with evaluation on or off. */
        public LocalRunParams withEvaluate(boolean value) {
            return new LocalRunParams(catalog, bootstrap, outDir, preset, budgets, value, hyper);
        }
    }

    /** Default budgets of a preset's local run. */
    public static Map<Integer, Budget> defaultBudgets(String preset) {
        return switch (preset.toLowerCase(Locale.ROOT)) {
            case "tiny" -> Map.of(1, new Budget(60_000, Duration.ofMinutes(2)), 2, new Budget(20_000,
                    Duration.ofMinutes(1)), 3, new Budget(20_000, Duration.ofMinutes(1)));
            case "small" -> Map.of(1, new Budget(640_000, Duration.ofSeconds(330)), 2, new Budget(180_000,
                    Duration.ofSeconds(135)), 3, new Budget(180_000, Duration.ofSeconds(135)));
            default -> Map.of(1, new Budget(20_000_000, Duration.ofMinutes(60)), 2, new Budget(5_000_000,
                    Duration.ofMinutes(20)), 3, new Budget(5_000_000, Duration.ofMinutes(20)));
        };
    }

    /**
     * The preset's hyperparameters fitted to a local run: three rounds per stage (every stage shows a curve
     * of versions, and the rounds after the first are sized from the measured rate so the time budget
     * holds), the schedule laid out over the stage's token budget, a round as soon
     * as the topic is caught up, and evaluation slices small enough for minutes (100 PubMedQA dev items, 50
     * MedQA and 50 MedMCQA items).
     */
    public static TrainingHyperparameters localHyperparameters(String preset, Map<Integer, Budget> budgets) {
        TrainingHyperparameters h = TrainingHyperparameters.forPreset(preset);
        for (int stage = 1; stage <= 3; stage++) {
            StageConfig c = h.stage(stage);
            long tokens = budgets.get(stage).maxNewTokens();
            if (tokens != Long.MAX_VALUE) {
                c = c.withPlannedTokens(Math.max(1, (long) (tokens * (1 + c.replayFraction()))))
                        .withTriggers(c.triggers().withMaxTokens(Math.max(1, tokens / 3)).withMaxAge(null)
                                .withFireWhenCaughtUp(true));
            }
            h = h.withStage(c);
        }
        return h.withEval(new TrainingHyperparameters.EvalConfig(100, 50, true));
    }

    /**
     * Trains stages 1, 2 and 3 in turn, each until its topic is drained or its budget is spent.
     *
     * @param params the run
     * @return every version and evaluation, and per stage what was trained and what was left
     */
    public static TrainingReport runLocal(LocalRunParams params) {
        return runLocal(params, Map.of());
    }

    /**
     * {@link #runLocal(LocalRunParams)} on a cluster that needs client settings (security): every consumer and producer
     * of the run, and the evaluator's reader, get {@code clientOverrides}.
     */
    public static TrainingReport runLocal(LocalRunParams params, Map<String, Object> clientOverrides) {
        return runStages(params, List.of(1, 2, 3), clientOverrides);
    }

    /**
     * Trains the given stages in turn, each until its topic is drained or its budget is spent. A stage that trained
     * before in {@code params.outDir()} resumes from its checkpoint (its Kafka offsets included), so running stage 3
     * again trains what arrived since, e.g. the PSEUDO tasks of accepted labels, with replay of what it saw. Every
     * consumer and producer of the run, and the evaluator's reader, get {@code clientOverrides}.
     */
    public static TrainingReport runStages(LocalRunParams params, List<Integer> stageNumbers,
                                           Map<String, Object> clientOverrides) {
        long t0 = System.nanoTime();
        TrainingHyperparameters hyper = params.hyper() != null ? params.hyper()
                : localHyperparameters(params.preset(), params.budgets());
        Evaluator evaluator = null;
        if (params.evaluate() && hyper.eval().enabled()) {
            evaluator = Evaluator.fromTopic(params.catalog(), params.bootstrap(), clientOverrides, hyper.eval());
            if (evaluator.items().isEmpty()) {
                LOG.warn("no usable eval items on {}; versions are not evaluated", params.catalog().evalItems());
                evaluator = null;
            }
        }
        List<ModelVersion> versions = new ArrayList<>();
        List<EvalResult> evals = new ArrayList<>();
        TrainerListener collect = new TrainerListener() {
            @Override
            public void onVersion(ModelVersion version) {
                synchronized (versions) {
                    versions.add(version);
                }
            }

            @Override
            public void onEval(EvalResult result) {
                synchronized (evals) {
                    evals.add(result);
                }
            }
        };
        TrainerContext ctx = TrainerContext.of(params.catalog(), params.bootstrap(),
                params.outDir().resolve("checkpoints"), hyper).withConsumerOverrides(clientOverrides).withListener(collect)
                .withEvaluator(evaluator);
        List<TrainingReport.StageSummary> stages = new ArrayList<>();
        for (int stage : stageNumbers) {
            Budget budget = params.budgets().getOrDefault(stage, Budget.UNLIMITED);
            LOG.info("local run: stage {} with budget {} tokens / {}", stage, budget.maxNewTokens(),
                    budget.maxDuration());
            StageRun run = new StageTrainer<>(StageSpec.of(stage), ctx).run(true, budget);
            stages.add(summarise(run));
        }
        TrainingReport report;
        synchronized (versions) {
            synchronized (evals) {
                report = new TrainingReport(hyper.preset(), stages, List.copyOf(versions), List.copyOf(evals),
                        (System.nanoTime() - t0) / 1e9);
            }
        }
        return report;
    }

    static TrainingReport.StageSummary summarise(StageRun run) {
        long newTokens = 0;
        long records = 0;
        long tokensSeen = 0;
        double finalLoss = Double.NaN;
        for (RoundResult r : run.rounds()) {
            tokensSeen = r.version().getTokensSeen();
            finalLoss = r.finalLoss();
            newTokens += Math.round(r.version().getMetrics().getOrDefault("newTokens", 0.0));
            records += Math.round(r.version().getMetrics().getOrDefault("records", 0.0));
        }
        String note = switch (run.stop()) {
            case DRAINED -> "trained every record of the topic";
            case TOKEN_BUDGET, TIME_BUDGET -> String.format(Locale.ROOT, "%s spent: %d record(s) left untrained in the"
                    + " topic (per partition %s); a later run continues from the last version",
                    run.stop() == StageRun.StopReason.TOKEN_BUDGET ? "token budget" : "time budget", run.untrainedTotal(),
                    run.untrainedRecords());
            case NO_PARENT -> "skipped: the previous stage produced no version";
            case STOPPED -> "stopped on request";
        };
        if (!run.skippedCheckpoints().isEmpty()) {
            note += "; damaged checkpoints skipped: " + run.skippedCheckpoints();
        }
        return new TrainingReport.StageSummary(run.stage(), run.stop().name(), run.rounds().size(), tokensSeen,
                newTokens, records, run.deadLetters(), finalLoss, run.untrainedTotal(), note, run.seconds());
    }
}
