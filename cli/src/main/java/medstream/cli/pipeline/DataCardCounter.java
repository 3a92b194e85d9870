package medstream.cli.pipeline;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import medstream.contracts.McqTask;
import medstream.contracts.Option;
import medstream.knowledge.TextUnits;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.admin.TopicCounter;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The data card's figures that no other step counts: the language mix and approximate tokens of the cleaned and
 * stage topics (records as a read_committed consumer sees them), the dedup rate of the cleaning app and the
 * decontamination hits of both apps. Fills the summary's {@code data_card} section.
 *
 * <p>Tokens are {@link TextUnits#approxTokens} (words, and CJK characters one each), the same measure the knowledge
 * app budgets chunks with; the model's tokenizer does not exist before training, and what it counted while training
 * is in {@code training.stages[].newTokens}.
 */
final class DataCardCounter {
    /** Reason codes of the cleaning app's dedup filters ({@code dedup.exact}, {@code dedup.minhash}). */
    static final String EXACT_DUPLICATE = "EXACT_DUPLICATE";
    static final String NEAR_DUPLICATE = "NEAR_DUPLICATE";
    /** Reason code (both apps' rejects) of a text that overlaps an evaluation item. */
    static final String CONTAMINATED = "CONTAMINATED";

    private DataCardCounter() {}

    /** Text and language of a record, for counting. */
    private record Measured(String language, String text) { }

    /**
     * @param topicCounts     read_committed record counts by logical topic name (the count step's)
     */
    static Map<String, Object> count(RunContext ctx, Map<String, Long> topicCounts) {
        TopicCatalog catalog = ctx.catalog();
        Map<String, Object> languages = new LinkedHashMap<>();
        Map<String, Object> tokens = new LinkedHashMap<>();
        try (TopicCounter counter = new TopicCounter(ctx.clientConfig(), Duration.ofMinutes(5))) {
            measure(counter, catalog.cleanDocuments(), d -> new Measured(d.getLanguage(), null), languages, tokens);
            measure(counter, catalog.stage1Corpus(), c -> new Measured(c.getLanguage(), c.getText()), languages, tokens);
            measure(counter, catalog.stage2Instructions(), i -> new Measured(i.getLanguage(),
                    i.getInstruction() + "\n" + i.getInput() + "\n" + i.getOutput()), languages, tokens);
            measure(counter, catalog.stage3Tasks(), t -> new Measured(t.getLanguage(), taskText(t)), languages, tokens);
        }
        RejectCounts rejects = RejectCounts.read(ctx.clientConfig(), catalog);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("languages", languages);
        card.put("approx_tokens", tokens);
        card.put("dedup", dedup(topicCounts.getOrDefault(catalog.rawDocuments().logicalName(), 0L),
                rejects.byServiceReason().getOrDefault(RejectCounts.CLEANING, Map.of())));
        long cleaning = rejects.of(RejectCounts.CLEANING, CONTAMINATED);
        long knowledge = rejects.of(RejectCounts.KNOWLEDGE, CONTAMINATED);
        card.put("decontamination", Map.of("cleaning", cleaning, "knowledge", knowledge, "total", cleaning + knowledge));
        return card;
    }

    /** Duplicates among the documents that entered cleaning (every raw document does). */
    static Map<String, Object> dedup(long documentsIn, Map<String, Long> rejectReasons) {
        long exact = rejectReasons.getOrDefault(EXACT_DUPLICATE, 0L);
        long near = rejectReasons.getOrDefault(NEAR_DUPLICATE, 0L);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documents_in", documentsIn);
        m.put("exact_duplicates", exact);
        m.put("near_duplicates", near);
        m.put("rate", documentsIn == 0 ? null : Math.round((exact + near) * 1e6 / documentsIn) / 1e6);
        return m;
    }

    /** Question, context, options, answer and explanation: what a stage-3 prompt is made of. */
    static String taskText(McqTask t) {
        StringBuilder sb = new StringBuilder(t.getQuestion());
        if (t.getContext() != null) sb.append('\n').append(t.getContext());
        for (Option o : t.getOptions()) sb.append('\n').append(o.getKey()).append(' ').append(o.getText());
        sb.append('\n').append(t.getAnswer());
        if (t.getExplanation() != null) sb.append('\n').append(t.getExplanation());
        return sb.toString();
    }

    private static <V> void measure(TopicCounter counter, Topic<String, V> topic, Function<V, Measured> measure,
                                    Map<String, Object> languages, Map<String, Object> tokens) {
        Deserializer<V> values = topic.valueSerde().deserializer();
        Map<String, Long> byLanguage = new TreeMap<>();
        long[] sum = {0};
        boolean[] hasText = {false};
        counter.scan(topic.name(), r -> {
            if (r.value() == null) return;
            Measured m = measure.apply(values.deserialize(topic.name(), r.value()));
            byLanguage.merge(m.language() == null || m.language().isBlank() ? "unknown" : m.language(), 1L, Long::sum);
            if (m.text() != null) {
                sum[0] += TextUnits.approxTokens(m.text());
                hasText[0] = true;
            }
        });
        languages.put(topic.logicalName(), byLanguage);
        if (hasText[0]) tokens.put(topic.logicalName(), sum[0]);
    }
}
