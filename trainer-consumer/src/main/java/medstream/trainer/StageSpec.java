package medstream.trainer;

import java.util.List;
import java.util.function.Function;
import medstream.contracts.CorpusText;
import medstream.contracts.Instruction;
import medstream.contracts.McqTask;
import medstream.lm.hf.ChatFormat;
import medstream.lm.tokenizer.TextTokenizer;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.TopicContract;
import medstream.trainer.config.TruncationPolicy;
import medstream.trainer.format.CorpusFormatter;
import medstream.trainer.format.InstructionFormatter;
import medstream.trainer.format.McqFormatter;
import medstream.trainer.format.RecordFormatter;

/**
 * What differs between the stages: the input topic, the record type and its formatter.
 *
 * @param stage 1, 2 or 3
 * @param topic the stage's input topic in a catalog
 * @param formatter builds the formatter for a tokenizer, context and truncation policy
 * @param tokenizerText the text a record contributes to tokenizer training (stage 1), or null
 * @param <V> record type
 */
public record StageSpec<V>(int stage, Function<TopicCatalog, Topic<String, V>> topic, FormatterFactory<V> formatter,
        Function<V, String> tokenizerText) {

    /**
     * Creates a stage's formatter.
     *
     * @param <V> record type
     */
    @FunctionalInterface
    public interface FormatterFactory<V> {
        /** A formatter over a tokenizer (and the model's chat template shape, PLAIN for none) for a model context. */
        RecordFormatter<V> create(TextTokenizer tokenizer, ChatFormat chat, int context, TruncationPolicy truncation);
    }

    /** Stage 1: knowledge injection on {@code stage1.corpus}. */
    public static final StageSpec<CorpusText> STAGE1 = new StageSpec<>(1, TopicCatalog::stage1Corpus,
            (tokenizer, chat, context, truncation) -> new CorpusFormatter(tokenizer, context, truncation),
            CorpusText::getText);
    /** Stage 2: instruction tuning on {@code stage2.instructions}. */
    public static final StageSpec<Instruction> STAGE2 = new StageSpec<>(2, TopicCatalog::stage2Instructions,
            InstructionFormatter::new, null);
    /** Stage 3: multiple-choice adaptation on {@code stage3.tasks}. */
    public static final StageSpec<McqTask> STAGE3 = new StageSpec<>(3, TopicCatalog::stage3Tasks,
            McqFormatter::new, null);

    /** The spec of a stage number. */
    public static StageSpec<?> of(int stage) {
        return switch (stage) {
            case 1 -> STAGE1;
            case 2 -> STAGE2;
            case 3 -> STAGE3;
            default -> throw new IllegalArgumentException("stage must be 1, 2 or 3, got " + stage);
        };
    }

    /**
     * What this stage's trainer reads (its stage topic, train triggers, evaluation items) and writes (model versions,
     * their evaluations, dead letters): the topics it subscribes to come from here.
     */
    public TopicContract contract() {
        return new TopicContract("trainer stage " + stage,
                List.of(topic, TopicCatalog::trainTriggers, TopicCatalog::evalItems),
                List.of(TopicCatalog::modelVersions, TopicCatalog::modelEvals, TopicCatalog::dlq));
    }

    /** The consumer group of this stage's trainer. */
    public String groupId() {
        return "medstream-trainer-stage" + stage;
    }
}
