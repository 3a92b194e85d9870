package medstream.trainer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.topics.TopicCatalog;
import medstream.trainer.config.TrainingHyperparameters;
import medstream.trainer.eval.Evaluator;

/**
 * Everything a stage trainer is wired to.
 *
 * @param catalog topics and serdes
 * @param bootstrap Kafka bootstrap servers
 * @param checkpointRoot directory holding {@code stage1/}, {@code stage2/}, {@code stage3/} and {@code plots/}
 * @param hyper hyperparameters
 * @param consumerOverrides client properties over the trainer's defaults (e.g. max.poll.interval.ms); its producer gets
 *                          those it knows too, so the cluster's security settings (the {@code kafka.*} configuration) reach both
 * @param groupIdSuffix appended to {@code medstream-trainer-stage<N>} (tests keep groups apart); "" normally
 * @param listener observer of steps, versions and evaluations
 * @param evaluator evaluation after every version, or null to skip it
 * @param initialTokenizer stage 1: use this tokenizer instead of training one on the first records; null normally
 * @param progress where progress lines go (stderr)
 */
public record TrainerContext(TopicCatalog catalog, String bootstrap, Path checkpointRoot, TrainingHyperparameters hyper,
        Map<String, Object> consumerOverrides, String groupIdSuffix, TrainerListener listener, Evaluator evaluator,
        BpeTokenizer initialTokenizer, PrintStream progress) {

    /** A context with no overrides, no evaluation and progress on stderr. */
    public static TrainerContext of(TopicCatalog catalog, String bootstrap, Path checkpointRoot,
            TrainingHyperparameters hyper) {
        return new TrainerContext(catalog, bootstrap, checkpointRoot, hyper, Map.of(), "", TrainerListener.NONE, null,
                null, System.err);
    }

    /** Same context with consumer property overrides. */
    public TrainerContext withConsumerOverrides(Map<String, Object> value) {
        return new TrainerContext(catalog, bootstrap, checkpointRoot, hyper, value, groupIdSuffix, listener, evaluator,
                initialTokenizer, progress);
    }

    /** Same context with a group id suffix. */
    public TrainerContext withGroupIdSuffix(String value) {
        return new TrainerContext(catalog, bootstrap, checkpointRoot, hyper, consumerOverrides, value, listener,
                evaluator, initialTokenizer, progress);
    }

    /** Same context with a listener. */
    public TrainerContext withListener(TrainerListener value) {
        return new TrainerContext(catalog, bootstrap, checkpointRoot, hyper, consumerOverrides, groupIdSuffix, value,
                evaluator, initialTokenizer, progress);
    }

    /** Same context with an evaluator (null disables evaluation). */
    public TrainerContext withEvaluator(Evaluator value) {
        return new TrainerContext(catalog, bootstrap, checkpointRoot, hyper, consumerOverrides, groupIdSuffix, listener,
                value, initialTokenizer, progress);
    }

    /** Same context with a given stage-1 tokenizer. */
    public TrainerContext withInitialTokenizer(BpeTokenizer value) {
        return new TrainerContext(catalog, bootstrap, checkpointRoot, hyper, consumerOverrides, groupIdSuffix, listener,
                evaluator, value, progress);
    }

    /** Same context with other hyperparameters. */
    public TrainerContext withHyper(TrainingHyperparameters value) {
        return new TrainerContext(catalog, bootstrap, checkpointRoot, value, consumerOverrides, groupIdSuffix, listener,
                evaluator, initialTokenizer, progress);
    }

    /** Same context writing checkpoints elsewhere. */
    public TrainerContext withCheckpointRoot(Path value) {
        return new TrainerContext(catalog, bootstrap, value, hyper, consumerOverrides, groupIdSuffix, listener,
                evaluator, initialTokenizer, progress);
    }
}
