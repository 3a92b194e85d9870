package medstream.knowledge.pubmedqa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import medstream.contracts.Decision;
import medstream.contracts.EvalItem;
import medstream.contracts.LabelOrigin;
import medstream.contracts.LabelRequest;
import medstream.contracts.LabelResult;
import medstream.contracts.McqTask;
import medstream.contracts.Option;
import medstream.contracts.PubMedQaItem;
import medstream.contracts.PubMedQaSubset;
import medstream.contracts.TaskFamily;
import medstream.knowledge.Ids;
import medstream.knowledge.InvalidRecordException;

/**
 * Where each PubMedQA item goes, as a pure policy:
 * <ul>
 *   <li>PQA-L with a label, in the configured dev fold: an evaluation item only (benchmark pubmedqa, split dev);</li>
 *   <li>PQA-L with a label, in another fold: a stage-3 task with a GOLD label;</li>
 *   <li>PQA-L or PQA-U without a label: a label request; with {@code protectUnlabeled}, also an evaluation
 *       item without answer, so its abstract is never admitted to stage-1/2 text;</li>
 *   <li>PQA-A: a stage-3 task whose label is marked ARTIFICIAL.</li>
 * </ul>
 * An ACCEPTed label result joined with its request becomes a stage-3 task with a PSEUDO label, its
 * confidence as sample weight. No PubMedQA abstract is ever turned into stage-1 text here.
 */
public final class PubMedQaRouter {
    /** The three PubMedQA answers, in the order of the paper. */
    public static final List<String> DECISIONS = List.of("yes", "no", "maybe");
    /** Kinds used in derived ids. */
    public static final String TASK_KIND = "mcq";
    public static final String PSEUDO_TASK_KIND = "mcq-pseudo";
    /** Data-set name used in ids and records. */
    public static final String SOURCE = "pubmedqa";

    /** What one item becomes; absent parts are empty. */
    public record Routing(Optional<McqTask> task, Optional<EvalItem> eval, Optional<LabelRequest> request, String reason) { }

    /**
     * What one label result means for the request's PSEUDO task: the task (an ACCEPTed label) or, with no task, a
     * withdrawal of whatever task an earlier labeling of the request made (a re-label that went to REVIEW).
     *
     * @param taskId the PSEUDO task's key, the same for every labeling of the request
     */
    public record PseudoUpdate(String taskId, Optional<McqTask> task) { }

    /** The PSEUDO task key of a request: one per request, so a re-label is a new version of the same task. */
    public static String pseudoTaskId(String requestId) {
        return Ids.derived(PSEUDO_TASK_KIND, itemId(requestId));
    }

    /**
     * The PSEUDO task for an ACCEPTed result, else a withdrawal of the request's task.
     *
     * @throws InvalidRecordException when an ACCEPTed label is not one of the request's options
     */
    public PseudoUpdate pseudoUpdate(LabelRequest request, LabelResult result) {
        return new PseudoUpdate(pseudoTaskId(request.getId()), pseudoTask(request, result));
    }

    private final PubMedQaConfig config;

    /** A router with these settings. */
    public PubMedQaRouter(PubMedQaConfig config) {
        this.config = config;
    }

    /** Id of a PubMedQA item as origin of derived records and as evaluation item: {@code pubmedqa:<pmid>}. */
    public static String itemId(String pmid) {
        return SOURCE + ":" + pmid;
    }

    /**
     * The routing of one item.
     *
     * @param requestedAt when a label request is made (the input record's timestamp, so reprocessing is
     *                    deterministic)
     * @throws InvalidRecordException for an empty question, a PQA-A item without label, or a label other
     *                                than yes/no/maybe
     */
    public Routing route(PubMedQaItem item, Instant requestedAt) {
        String id = itemId(item.getPmid());
        if (item.getQuestion() == null || item.getQuestion().isBlank()) {
            throw new InvalidRecordException(id, "empty question");
        }
        String label = normalisedLabel(item, id);
        PubMedQaSubset subset = item.getSubset();
        if (subset == PubMedQaSubset.PQA_A) {
            if (label == null) {
                throw new InvalidRecordException(id, "PQA-A item without final_decision; PQA-A labels are what makes it PQA-A");
            }
            return new Routing(Optional.of(task(item, label, LabelOrigin.ARTIFICIAL, config.artificialWeight())),
                    Optional.empty(), Optional.empty(), "PQA-A artificial label");
        }
        if (label == null) {
            LabelRequest request = LabelRequest.newBuilder()
                    .setId(item.getPmid())
                    .setQuestion(item.getQuestion())
                    .setContexts(item.getContexts())
                    .setLongAnswer(item.getLongAnswer())
                    .setOptions(DECISIONS)
                    .setSource(SOURCE)
                    .setRequestedAt(requestedAt)
                    .build();
            Optional<EvalItem> protect = config.protectUnlabeled()
                    ? Optional.of(eval(item, PubMedQaConfig.UNLABELED_SPLIT, null))
                    : Optional.empty();
            return new Routing(Optional.empty(), protect, Optional.of(request), subset + " without label: to the labeler");
        }
        Integer fold = item.getFold();
        if (fold == null) {
            // Without its fold we cannot tell training from the dev set; holding it out cannot leak.
            return new Routing(Optional.empty(), Optional.of(eval(item, "dev", label)), Optional.empty(),
                    "labeled PQA-L item without fold held out");
        }
        if (fold == config.devFold()) {
            return new Routing(Optional.empty(), Optional.of(eval(item, "dev", label)), Optional.empty(),
                    "PQA-L dev fold " + fold);
        }
        return new Routing(Optional.of(task(item, label, LabelOrigin.GOLD, 1.0)), Optional.empty(), Optional.empty(),
                "PQA-L training fold " + fold);
    }

    /**
     * The PSEUDO task for an accepted label result and its request; empty for results under REVIEW.
     *
     * @throws InvalidRecordException when the label is not one of the request's options
     */
    public Optional<McqTask> pseudoTask(LabelRequest request, LabelResult result) {
        if (result.getDecision() != Decision.ACCEPT) {
            return Optional.empty();
        }
        String label = result.getLabel().strip().toLowerCase(Locale.ROOT);
        if (!request.getOptions().contains(label)) {
            throw new InvalidRecordException(itemId(request.getId()), "label '" + result.getLabel()
                    + "' is not one of the request's options " + request.getOptions());
        }
        String explanation = request.getLongAnswer() != null ? request.getLongAnswer()
                : result.getExplanations().isEmpty() ? null : result.getExplanations().get(0);
        return Optional.of(McqTask.newBuilder()
                .setId(pseudoTaskId(request.getId()))
                .setFamily(TaskFamily.PUBMEDQA)
                .setLanguage("en")
                .setQuestion(request.getQuestion())
                .setContext(String.join("\n", request.getContexts()))
                .setOptions(options(request.getOptions()))
                .setAnswer(label)
                .setExplanation(explanation)
                .setLabelOrigin(LabelOrigin.PSEUDO)
                .setLabelId(labelId(result))
                .setConfidence(result.getConfidence())
                .setSampleWeight(result.getConfidence())
                .setSource(request.getSource())
                .build());
    }

    /**
     * LabelResult has no id of its own; this one names the request, the model version and the strategy,
     * which together identify a labeling.
     */
    public static String labelId(LabelResult r) {
        return r.getRequestId() + "@" + r.getModelVersion() + "/" + r.getStrategy();
    }

    /** The abstract as task context: "LABEL: text" per section when section names are known. */
    static String context(PubMedQaItem item) {
        List<String> parts = new ArrayList<>();
        List<String> labels = item.getContextLabels();
        for (int i = 0; i < item.getContexts().size(); i++) {
            String label = i < labels.size() ? labels.get(i) : null;
            String text = item.getContexts().get(i).strip();
            parts.add(label == null || label.isBlank() ? text : label + ": " + text);
        }
        return String.join("\n", parts);
    }

    private McqTask task(PubMedQaItem item, String label, LabelOrigin origin, double weight) {
        return McqTask.newBuilder()
                .setId(Ids.derived(TASK_KIND, itemId(item.getPmid())))
                .setFamily(TaskFamily.PUBMEDQA)
                .setLanguage("en")
                .setQuestion(item.getQuestion())
                .setContext(context(item))
                .setOptions(options(DECISIONS))
                .setAnswer(label)
                .setExplanation(item.getLongAnswer())
                .setLabelOrigin(origin)
                .setSampleWeight(weight)
                .setSource(SOURCE)
                .build();
    }

    private static EvalItem eval(PubMedQaItem item, String split, String label) {
        return EvalItem.newBuilder()
                .setId(itemId(item.getPmid()))
                .setBenchmark(SOURCE)
                .setSplit(split)
                .setQuestion(item.getQuestion())
                .setContext(context(item))
                .setOptions(options(DECISIONS))
                .setAnswer(label)
                .setLanguage("en")
                .build();
    }

    private static List<Option> options(List<String> keys) {
        return keys.stream().map(k -> new Option(k, k)).toList();
    }

    private static String normalisedLabel(PubMedQaItem item, String id) {
        String d = item.getFinalDecision();
        if (d == null || d.isBlank()) {
            return null;
        }
        String label = d.strip().toLowerCase(Locale.ROOT);
        if (!Set.copyOf(DECISIONS).contains(label)) {
            throw new InvalidRecordException(id, "final_decision '" + d + "' is not one of " + DECISIONS);
        }
        return label;
    }
}
