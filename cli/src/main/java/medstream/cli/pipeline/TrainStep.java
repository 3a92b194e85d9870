package medstream.cli.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import medstream.contracts.ModelVersion;
import medstream.trainer.StagedTraining;
import medstream.trainer.TrainingReport;
import medstream.trainer.config.TrainerSettings;

/**
 * Trains the model stage by stage on the curated topics (stage 1 corpus, stage 2 instructions, stage 3
 * tasks) with the trainer-consumer, evaluating every version, and fills the summary's {@code training}
 * section: {@code {"preset", "seconds", "stages": [...], "versions": [{stage, version, parent,
 * checkpoint, tokensSeen, finalLoss, offsetRanges}], "evals": [{modelVersion, stage, benchmark, n,
 * accuracy, perClass}], "eval_plot": path, "tokens_per_s": {version: rate}}}. Checkpoints and loss curves land in {@code <out>/checkpoints}, the
 * accuracy of every version on every benchmark is drawn to {@code <out>/plots/eval-by-version.png}.
 *
 * <p>A smoke run ({@code --limit}) uses the {@code tiny} preset unless told otherwise, so it stays a
 * matter of seconds per stage; the full run uses {@code small} with the budgets documented in
 * trainer-consumer/README.md.
 */
public final class TrainStep implements PipelineStep {
    @Override
    public String name() { return "train"; }

    /** Trained tokens per second (replay included) of each version's round, from the metrics it was published with. */
    static Map<String, Object> tokensPerSecond(TrainingReport report) {
        Map<String, Object> rates = new LinkedHashMap<>();
        for (ModelVersion v : report.versions()) {
            Double rate = v.getMetrics().get("tokensPerSecond");
            if (rate != null) rates.put(v.getVersion(), Math.round(rate * 10) / 10.0);
        }
        return rates;
    }

    /**
     * The run's training: its preset (small, tiny with --limit) and budgets with the {@link TrainerSettings} overrides;
     * the annotation loop trains with the same. Hyperparameters are left to {@link #withSettings}, since the loop resizes
     * the budgets they are laid out over.
     */
    static StagedTraining.LocalRunParams params(RunContext ctx) {
        String preset = TrainerSettings.preset(ctx.settings(), ctx.limit().isPresent() ? "tiny" : "small");
        StagedTraining.LocalRunParams params = StagedTraining.LocalRunParams.defaults(ctx.catalog(), ctx.bootstrapServers(),
                ctx.outDir()).withPreset(preset);
        return params.withBudgets(TrainerSettings.budgets(ctx.settings(), params.budgets()));
    }

    /** The local run's hyperparameters for these budgets (rounds and schedule sized by them), then every override. */
    static StagedTraining.LocalRunParams withSettings(RunContext ctx, StagedTraining.LocalRunParams params) {
        return params.withHyper(TrainerSettings.apply(ctx.settings(),
                StagedTraining.localHyperparameters(params.preset(), params.budgets())));
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        StagedTraining.LocalRunParams params = withSettings(ctx, params(ctx));
        ctx.out().printf(Locale.ROOT, "    preset %s%s, budgets per stage %s%n", params.preset(), params.hyper().base() == null ? ""
                : ", continuing from " + params.hyper().base(), params.budgets());
        TrainingReport report = StagedTraining.runLocal(params, ctx.clientConfig());
        Map<String, Object> section = ctx.summary().section("training");
        section.putAll(report.toMap());
        section.put("tokens_per_s", tokensPerSecond(report));
        for (TrainingReport.StageSummary s : report.stages()) {
            ctx.out().printf(Locale.ROOT, "    stage %d: %s, %d version(s), %,d new tokens, %,d records, final loss %.4f, %.0f s%n",
                    s.stage(), s.stop(), s.versions(), s.newTokens(), s.records(), s.finalLoss(), s.seconds());
            ctx.out().println("      " + s.note());
        }
        report.evals().forEach(e -> ctx.out().printf(Locale.ROOT, "    eval %-12s %-10s n=%-4d accuracy %.3f%n",
                e.getModelVersion(), e.getBenchmark(), e.getN(), e.getAccuracy()));
        if (!report.evals().isEmpty()) {
            Path plot = ctx.outDir().resolve("plots").resolve("eval-by-version.png");
            RunCharts.evalCurve(report.evals(), plot);
            section.put("eval_plot", plot.toString());
            ctx.out().println("    evaluation curve -> " + plot);
        }
    }
}
