package medstream.labeler.eval;

import java.util.ArrayList;
import java.util.List;
import medstream.contracts.Decision;
import medstream.contracts.LabelRequest;
import medstream.labeler.LabelerConfig;
import medstream.labeler.core.LabelingOutcome;
import medstream.labeler.core.LabelingPipeline;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.offline.PubMedQaFile;

/**
 * Labels gold-labeled items (e.g. a held-out PQA-L fold) with each strategy, through the same pipeline as the
 * service, and evaluates them. The cross-validation driver calls this once per fold with that fold's model.
 */
public final class StrategyComparison {
    private StrategyComparison() {}

    /**
     * @param items items with gold labels (items without one are skipped)
     * @return metrics per strategy, in the order given
     */
    public static List<StrategyMetrics> run(LabelingModel model, LabelerConfig base, List<String> strategies,
                                            List<PubMedQaFile.Item> items) {
        List<PubMedQaFile.Item> gold = items.stream().filter(i -> i.gold() != null).toList();
        List<StrategyMetrics> out = new ArrayList<>();
        for (String s : strategies) out.add(LabelEvaluation.evaluate(s, predict(model, base.withStrategy(s), gold)));
        return out;
    }

    /** Predictions of one configuration on gold items; a request the pipeline rejects counts as a wrong, unaccepted answer. */
    public static List<Prediction> predict(LabelingModel model, LabelerConfig config, List<PubMedQaFile.Item> gold) {
        LabelingPipeline pipeline = new LabelingPipeline(config);
        List<Prediction> out = new ArrayList<>();
        for (int from = 0; from < gold.size(); from += config.maxBatchSize()) {
            List<PubMedQaFile.Item> batch = gold.subList(from, Math.min(gold.size(), from + config.maxBatchSize()));
            List<LabelRequest> requests = batch.stream().map(PubMedQaFile.Item::request).toList();
            List<LabelingOutcome> outcomes = pipeline.label(requests, model);
            for (int i = 0; i < batch.size(); i++) {
                PubMedQaFile.Item it = batch.get(i);
                if (outcomes.get(i) instanceof LabelingOutcome.Labeled l && !l.result().getLabel().isEmpty()) {
                    out.add(new Prediction(it.request().getId(), it.gold(), l.result().getLabel(), l.result().getConfidence(),
                            l.result().getDecision() == Decision.ACCEPT));
                } else {
                    out.add(new Prediction(it.request().getId(), it.gold(), null, 0.0, false));
                }
            }
        }
        return out;
    }
}
