/**
 * Training a stage from records in memory, for experiments outside the service (the labeler's cross-validation):
 * {@link medstream.trainer.api.McqTuning} tunes a stage-3 model on multiple-choice tasks from a parent directory,
 * {@link medstream.trainer.api.CorpusPretraining} trains stage 1 on texts from a fresh model, and
 * {@link medstream.trainer.api.FreshModel} writes an untrained model with its tokenizer as a parent. They run the
 * service's own formatting, schedule, batching and checkpointing ({@link medstream.trainer.StageEngine#openFromParent})
 * and read no topic, so their versions hold no offsets.
 */
package medstream.trainer.api;
