package medstream.cli.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import medstream.cleaning.CleaningService;
import medstream.knowledge.streams.KnowledgeApp;
import medstream.knowledge.streams.KnowledgeConfig;
import medstream.knowledge.streams.KnowledgeService;
import medstream.knowledge.streams.StageSummary;
import medstream.topics.TopicCatalog;
import medstream.topics.admin.ConsumerLag;
import medstream.topics.service.FailureMessages;
import medstream.topics.service.StreamsService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Runs the two curation apps of {@code stream-processors} (knowledge rewriting and cleaning) on the
 * ingested raw topics and waits until both have caught up; the apps stay running (a later labeler's
 * accepted labels join back into stage-3 tasks through the knowledge app).
 *
 * <p>Order, and why: the knowledge app starts first and registers every evaluation item in
 * {@code eval.items}; the cleaning app starts once it has, so its decontamination index already holds
 * every evaluation item when the first raw document arrives. (A running deployment registers evaluation
 * sets before it ingests documents for the same reason.) Clean documents then flow back into the
 * knowledge app, which chunks them into stage-1 text.
 *
 * <p>Summary sections: {@code rejects} ({@code {"total", "by_reason": {code: n}, "by_filter": {name: n}}})
 * and {@code stages} ({@code {"<topic>": {"records", "distinct_keys": {group: n}}}}).
 */
public final class CurationStep implements PipelineStep {
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(20);

    @Override
    public String name() { return "curate"; }

    @Override
    public void run(RunContext ctx) throws Exception {
        TopicCatalog catalog = ctx.catalog();
        Path stateRoot = Files.createTempDirectory("medstream-streams-state");
        KnowledgeConfig knowledgeConfig = KnowledgeConfig.from(ctx.settings());

        try (Admin admin = Admin.create(ctx.clientConfig())) {
            StreamsService knowledge = start(KnowledgeService.create(ctx.settings(), catalog, ctx.serviceClient(stateRoot.resolve("knowledge"))),
                    ctx);
            awaitKnowledge(ctx, admin, knowledge.streams(), catalog, knowledgeConfig, "knowledge: raw topics");

            StreamsService cleaning = start(CleaningService.create(ctx.settings(), catalog, ctx.serviceClient(stateRoot.resolve("cleaning"))),
                    ctx);
            ProgressLine cleaningProgress = new ProgressLine(ctx.out(), "cleaning: raw documents left", -1);
            ConsumerLag.awaitCaughtUp(admin, cleaning.applicationId(), List.of(catalog.rawDocuments().name()),
                    CATCH_UP_TIMEOUT, lag -> cleaningProgress.remaining(lag));
            cleaningProgress.done();
            awaitKnowledge(ctx, admin, knowledge.streams(), catalog, knowledgeConfig, "knowledge: clean-document chunks");
        }
        summarise(ctx);
    }

    /** Starts an app as serve does, kept running after this step (closed at the end of the run). */
    private static StreamsService start(StreamsService app, RunContext ctx) {
        app.onFailure(e -> ctx.out().println("    " + app.name() + " app failed: " + FailureMessages.describe(e)));
        ctx.keepRunning(app.name() + " streams app", app);
        app.start();
        ctx.out().println("    started " + app.name() + " app (" + app.applicationId() + ", exactly_once_v2)");
        return app;
    }

    /**
     * Waits until the knowledge app has no unread input and no KG entity waiting, and has stayed so for
     * longer than the KG inactivity window (nothing is then in flight through its repartition topic).
     */
    private static void awaitKnowledge(RunContext ctx, Admin admin, KafkaStreams streams, TopicCatalog catalog,
                                       KnowledgeConfig config, String label) throws Exception {
        ProgressLine progress = new ProgressLine(ctx.out(), label + " backlog", -1);
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        long quietNeeded = config.kgInactivity().plusSeconds(2).toNanos();
        long quietSince = -1;
        while (true) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("The knowledge app stopped (" + streams.state() + "); see the log above");
            }
            KnowledgeApp.Backlog backlog;
            try {
                backlog = streams.state() == KafkaStreams.State.RUNNING
                        ? KnowledgeApp.backlog(streams, admin, catalog, config) : null;
            } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
                backlog = null; // rebalancing: the store is not queryable yet
            }
            long now = System.nanoTime();
            if (backlog != null && backlog.isEmpty()) {
                if (quietSince < 0) quietSince = now;
                if (now - quietSince >= quietNeeded) break;
            } else {
                quietSince = -1;
            }
            if (backlog != null) progress.remaining(backlog.inputLag() + backlog.pendingEntities());
            if (now > deadline) {
                throw new IllegalStateException("The knowledge app did not catch up within " + CATCH_UP_TIMEOUT
                        + " (backlog " + backlog + ")");
            }
            // Polling the broker's view of the group; the app works in its own threads meanwhile.
            Thread.sleep(500);
        }
        progress.done();
    }

    private static void summarise(RunContext ctx) {
        TopicCatalog catalog = ctx.catalog();
        RejectCounts rejects = RejectCounts.read(ctx.clientConfig(), catalog);
        Map<String, Object> section = ctx.summary().section("rejects");
        section.put("total", rejects.total());
        section.put("by_reason", rejects.byReason());
        section.put("by_filter", rejects.byFilter());
        section.put("by_service", rejects.byServiceReason());
        ctx.out().printf(Locale.ROOT, "    Rejects: %,d (cleaning %,d, knowledge %,d)%n", rejects.total(),
                rejects.of(RejectCounts.CLEANING), rejects.of(RejectCounts.KNOWLEDGE));
        rejects.byReason().forEach((reason, n) -> ctx.out().printf(Locale.ROOT, "      %-28s %,10d%n", reason, n));

        Map<String, Object> stages = ctx.summary().section("stages");
        StageSummary.read(ctx.clientConfig(), catalog, Duration.ofMinutes(5)).forEach((topic, counts) -> {
            stages.put(topic, Map.of("records", counts.records(), "distinct_keys", new TreeMap<>(counts.distinctKeys()),
                    "records_by_group", new TreeMap<>(counts.recordsByGroup())));
            ctx.out().printf(Locale.ROOT, "    %-22s %,10d records, %,10d distinct keys%n", topic, counts.records(),
                    counts.totalDistinctKeys());
        });
    }
}
