package medstream.experiments.crossval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import medstream.contracts.LabelOrigin;
import medstream.contracts.McqTask;
import medstream.contracts.Option;
import medstream.contracts.TaskFamily;
import medstream.labeler.core.InputValidator;
import medstream.labeler.offline.PubMedQaFile;

/**
 * A fold's training items as stage-3 records, and the text its tokenizer may learn from. Pure functions.
 *
 * <p>The record carries the abstract's conclusion as its context: trainer-consumer's {@code McqFormatter} turns it
 * into {@code BOS "Question: q\nContext: conclusion\nOptions:\nyes\nno\nmaybe\nAnswer:" | " yes" EOS}, which is
 * exactly the labeler's {@code long-answer} prompt of template version v2 followed by the option it scores, so the
 * model is scored on the prompt it was tuned on (CrossvalFormatTest checks this token for token).
 */
public final class FoldTasks {
    /** The end of a stage-3 PubMedQA prompt (trainer-consumer's PromptFormats) up to the answer. */
    static final String ANSWER_TAIL = "Options:\nyes\nno\nmaybe\nAnswer: ";
    /** Fewest words of a text the leakage guard compares. */
    static final int DISTINCTIVE_WORDS = 4;

    private FoldTasks() {}

    /** How a fold's training records are weighted by their gold class. */
    public enum ClassWeights {
        /**
         * Every class carries the same total weight, {@code n / (classes * count(class))} per record (the weights
         * average 1), so that "maybe" (11% of PQA-L) is not drowned by "yes" (55%).
         */
        BALANCED,
        /** Every record weighs 1: each class counts as often as it occurs, as the majority baseline sees them. */
        NONE;

        /** The option value, {@code balanced} or {@code none}. */
        public String option() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Reads an option value.
         *
         * @throws IllegalArgumentException naming the values there are
         */
        public static ClassWeights parse(String value) {
            for (ClassWeights w : values()) if (w.option().equalsIgnoreCase(value.strip())) return w;
            throw new IllegalArgumentException("--class-weights '" + value + "': expected balanced or none");
        }

        /** The weight of a record per gold class of {@code items}. */
        public Map<String, Double> weights(List<PubMedQaFile.Item> items) {
            if (this == BALANCED) return classWeights(items);
            Map<String, Double> out = new TreeMap<>();
            items.forEach(it -> out.put(it.gold(), 1.0));
            return out;
        }
    }

    /** One record per item with a conclusion and a gold label, weighted by its class as {@code weighting} says. */
    public static List<McqTask> tasks(List<PubMedQaFile.Item> items, ClassWeights weighting) {
        List<PubMedQaFile.Item> usable = items.stream().filter(FoldTasks::usable).toList();
        Map<String, Double> weight = weighting.weights(usable);
        List<Option> options = InputValidator.KNOWN_OPTIONS.stream().map(k -> new Option(k, k)).toList();
        List<McqTask> out = new ArrayList<>(usable.size());
        for (PubMedQaFile.Item it : usable) {
            out.add(McqTask.newBuilder()
                    .setId("crossval:" + it.request().getId())
                    .setFamily(TaskFamily.PUBMEDQA)
                    .setQuestion(it.request().getQuestion())
                    .setContext(it.request().getLongAnswer())
                    .setOptions(options)
                    .setAnswer(it.gold())
                    .setLabelOrigin(LabelOrigin.GOLD)
                    .setSampleWeight(weight.get(it.gold()))
                    .setSource("pubmedqa-pqal")
                    .build());
        }
        return out;
    }

    /** {@code n / (classes * count)} per gold class of the items. */
    public static Map<String, Double> classWeights(List<PubMedQaFile.Item> items) {
        Map<String, Integer> counts = new TreeMap<>();
        items.forEach(it -> counts.merge(it.gold(), 1, Integer::sum));
        Map<String, Double> out = new LinkedHashMap<>();
        counts.forEach((c, n) -> out.put(c, (double) items.size() / (counts.size() * (double) n)));
        return out;
    }

    /**
     * The only text a fold's tokenizer is trained on: {@link #itemTexts} of its training items, and per item the tail
     * of its training row (options block, answer cue and its answer). The tails make " yes", " no" and " maybe" one
     * token each: the strategies score an option by its mean log-likelihood per token, and an option split into a
     * rare first piece and a predictable rest would get half its cost for free.
     */
    public static List<String> tokenizerCorpus(List<PubMedQaFile.Item> items) {
        List<String> out = itemTexts(items);
        out.addAll(answerTails(items.stream().map(PubMedQaFile.Item::gold).filter(g -> g != null).toList()));
        return out;
    }

    /**
     * The tail of a training row (options block, answer cue, answer) once per answer given. A tokenizer learns a
     * merge only from pairs that occur often enough, so a tokenizer corpus needs a tail per row it stands for, not one
     * per option, for " yes", " no" and " maybe" to become one token each.
     */
    static List<String> answerTails(List<String> answers) {
        return answers.stream().map(a -> ANSWER_TAIL + a).toList();
    }

    /**
     * The texts of {@link #itemTexts} with at least {@value #DISTINCTIVE_WORDS} words: what must never cross from
     * held-out to training. Shorter ones are boilerplate that several abstracts share ("Not applicable.", "None.").
     */
    public static List<String> distinctiveTexts(List<PubMedQaFile.Item> items) {
        return itemTexts(items).stream().filter(t -> t.strip().split("\\s+").length >= DISTINCTIVE_WORDS).toList();
    }

    /** Question, context passages and conclusion of each item. */
    public static List<String> itemTexts(List<PubMedQaFile.Item> items) {
        List<String> out = new ArrayList<>();
        for (PubMedQaFile.Item it : items) {
            out.add(it.request().getQuestion());
            out.addAll(it.request().getContexts());
            if (it.request().getLongAnswer() != null) out.add(it.request().getLongAnswer());
        }
        return out;
    }

    private static boolean usable(PubMedQaFile.Item it) {
        String la = it.request().getLongAnswer();
        return it.gold() != null && la != null && !la.isBlank()
                && InputValidator.KNOWN_OPTIONS.contains(it.gold());
    }
}
