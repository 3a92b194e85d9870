/**
 * The training step: {@link medstream.lm.train.LmTrainer} with our own {@link medstream.lm.train.AdamW},
 * learning-rate schedules as pure functions of the step, and a throughput probe.
 */
package medstream.lm.train;
