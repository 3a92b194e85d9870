package medstream.cli.pipeline;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import medstream.labeler.LabelerConfig;
import medstream.labeler.calibration.Calibration;
import medstream.labeler.calibration.CalibrationConfig;
import medstream.labeler.service.LabelerService;
import medstream.topics.config.Settings;

/**
 * One pass of the labeler service over every label request: the same exactly-once consumer a deployment runs, started
 * under a consumer group of its own per round, so that a later round reads the requests again from the start
 * (its results are new versions of the same keys in the compacted {@code label.results}). The service loads the
 * newest stage-3 version itself and calibrates it before labeling.
 *
 * @param calibrations  per version, {@link Calibration#toMap()}; a sentence when calibration is off
 * @param coverageCurves per version, accuracy of the most confident share of the calibration items
 * @param analyses      per version, what strategy weak learned (voters' analysis, weights); empty for other strategies
 * @param seconds       wall time
 */
record LabelerRun(Object calibrations, Map<String, Object> coverageCurves,
                  Map<String, Map<String, Object>> analyses, double seconds) {
    private static final Duration TIMEOUT = Duration.ofMinutes(20);
    private static final Duration MODEL_LOAD_TIMEOUT = Duration.ofMinutes(2);

    /**
     * Runs the service until it has committed a result (or dead letter) for each of {@code requests}.
     *
     * @param groupId the consumer group (and so the start offsets) of this pass; null = the configured one
     */
    static LabelerRun run(RunContext ctx, long requests, String groupId) throws Exception {
        Settings settings = ctx.settings();
        if (groupId != null) settings.override(LabelerConfig.GROUP_ID, groupId);
        LabelerConfig config = LabelerConfig.from(settings);
        CalibrationConfig calibration = CalibrationConfig.from(settings);
        long t0 = System.nanoTime();
        try (LabelerService service = LabelerService.create(settings, ctx.catalog(), ctx.serviceClient(null))) {
            service.start();
            ctx.out().printf(Locale.ROOT, "    labeler started (strategy %s, group %s, %s), %,d requests%n", config.strategy(),
                    config.groupId(), calibration.enabled() ? String.format(Locale.ROOT, "threshold calibrated per model "
                            + "version, target lower bound %.2f", calibration.targetAccuracy())
                            : String.format(Locale.ROOT, "fixed threshold %.2f", config.threshold()), requests);
            ProgressLine progress = new ProgressLine(ctx.out(), "label requests", -1);
            // Wait on what the service committed, not on consumer lag: label.requests is written in
            // transactions, so each partition ends in a commit marker that no consumer "consumes" and
            // end-offset lag never reaches zero.
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (service.stats().committedRecords() < requests) {
                if (!service.isHealthy()) throw new IllegalStateException("The labeler service is unhealthy: " + service.stats().asMap());
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Labeling did not finish within " + TIMEOUT + ": " + service.stats().asMap());
                }
                progress.remaining(requests - service.stats().committedRecords());
                Thread.sleep(500); // polling the service's counters; it works on its own threads
            }
            progress.done();
            // With no request to label (a small --limit holds no PQA-U item) the version may not be loaded yet; wait for
            // its calibration anyway, so the summary still says what the version would accept and what weak learned.
            long loadDeadline = System.nanoTime() + MODEL_LOAD_TIMEOUT.toNanos();
            while (calibration.enabled() && service.calibrations().all().isEmpty() && service.isHealthy()
                    && System.nanoTime() < loadDeadline) {
                Thread.sleep(500); // the model-version follower loads and calibrates on its own thread
            }
            Map<String, Object> calibrations = new TreeMap<>();
            for (Calibration c : service.calibrations().all().values()) {
                calibrations.put(c.modelVersion(), c.toMap());
                ctx.out().printf(Locale.ROOT, "    calibration of %s: %s%n", c.modelVersion(), c.describe());
            }
            Map<String, Object> curves = LabelStep.coverageCurves(service.calibrations().coverageCurves());
            return new LabelerRun(calibration.enabled() ? calibrations : "off (fixed threshold " + config.threshold() + ")",
                    curves, service.calibrations().analyses(), RunSummary.round((System.nanoTime() - t0) / 1e9));
        }
    }
}
