package medstream.cli.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@link PipelineStep}s in order, timing each into the summary's {@code steps} section
 * ({@code {"<name>": {"status": "ok"|"failed"|"not_run", "wall_time_s": s}}}) and printing a line as
 * each starts and ends. The first failure stops the run and is rethrown; later steps are marked
 * {@code not_run}. Services that steps leave running are stopped after the last step.
 */
public final class Pipeline {
    private final List<PipelineStep> steps;

    public Pipeline(List<PipelineStep> steps) {
        this.steps = List.copyOf(steps);
    }

    public List<PipelineStep> steps() { return steps; }

    /**
     * Runs every step, then stops the services steps left running ({@link RunContext#keepRunning});
     * throws the first step failure after recording it.
     */
    public void run(RunContext ctx) throws Exception {
        Exception stepFailure = null;
        try {
            runSteps(ctx);
        } catch (Exception e) {
            stepFailure = e;
            throw e;
        } finally {
            Exception closeFailure = ctx.closeServices();
            if (closeFailure != null) {
                if (stepFailure != null) stepFailure.addSuppressed(closeFailure); else throw closeFailure;
            }
        }
    }

    private void runSteps(RunContext ctx) throws Exception {
        Map<String, Object> section = ctx.summary().section("steps");
        List<PipelineStep> remaining = new ArrayList<>(steps);
        int i = 0;
        while (!remaining.isEmpty()) {
            PipelineStep step = remaining.remove(0);
            i++;
            ctx.out().printf(Locale.ROOT, "==> [%d/%d] %s%n", i, steps.size(), step.name());
            long t0 = System.nanoTime();
            Map<String, Object> entry = new LinkedHashMap<>();
            section.put(step.name(), entry);
            try {
                step.run(ctx);
                entry.put("status", "ok");
            } catch (Exception | Error e) {
                entry.put("status", "failed");
                entry.put("error", String.valueOf(e));
                for (PipelineStep skipped : remaining) section.put(skipped.name(), Map.of("status", "not_run"));
                throw e;
            } finally {
                double s = (System.nanoTime() - t0) / 1e9;
                entry.put("wall_time_s", RunSummary.round(s));
                ctx.out().printf(Locale.ROOT, "<== %s %s in %.1f s%n", step.name(), entry.get("status"), s);
            }
        }
    }
}
