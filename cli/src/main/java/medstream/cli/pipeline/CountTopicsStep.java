package medstream.cli.pipeline;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import medstream.topics.Topic;
import medstream.topics.admin.DeadLetterCounts;
import medstream.topics.admin.TopicCounter;

/**
 * Counts every catalog topic as a read_committed consumer sees it (live keys for compacted topics) and
 * the dead letters by service and error class; prints them and fills the summary's {@code topics}
 * ({@code {"<logical name>": count}}, every catalog topic) and {@code dlq}
 * ({@code {"total", "by_service", "by_error_class"}}) sections, and {@code data_card} (languages, approximate tokens,
 * dedup, decontamination; see {@link DataCardCounter}). Runs last, after every producing step.
 */
public final class CountTopicsStep implements PipelineStep {
    @Override
    public String name() { return "count"; }

    @Override
    public void run(RunContext ctx) {
        Map<String, Long> counts;
        DeadLetterCounts dlq;
        try (TopicCounter counter = new TopicCounter(ctx.clientConfig(), Duration.ofMinutes(5))) {
            counts = counter.countAll(ctx.catalog().all());
            dlq = counter.countDeadLetters(ctx.catalog().dlq());
        }
        ctx.summary().section("topics").putAll(counts);
        Map<String, Object> dlqSection = ctx.summary().section("dlq");
        dlqSection.put("total", dlq.total());
        dlqSection.put("by_service", dlq.byService());
        dlqSection.put("by_error_class", dlq.byErrorClass());
        Map<String, Object> card = DataCardCounter.count(ctx, counts);
        ctx.summary().section("data_card").putAll(card);

        ctx.out().println("    Topic record counts (read_committed):");
        for (Topic<String, ?> t : ctx.catalog().all()) {
            ctx.out().printf(Locale.ROOT, "      %-24s %,12d%n", t.logicalName(), counts.get(t.logicalName()));
        }
        ctx.out().printf(Locale.ROOT, "    Dead letters: %,d%n", dlq.total());
        dlq.byService().forEach((s, n) -> ctx.out().printf(Locale.ROOT, "      service %-22s %,10d%n", s, n));
        dlq.byErrorClass().forEach((c, n) -> ctx.out().printf(Locale.ROOT, "      error   %-22s %,10d%n", c, n));
    }
}
