/**
 * Experiments on the product: benchmarks and cross-validation. Nothing in a service module depends on this module;
 * it reaches the trainer and the labeler through their public APIs, and the CLI's {@code bench} and {@code crossval}
 * commands run it.
 */
package medstream.experiments;
