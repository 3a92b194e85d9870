/**
 * What consumers of a language model depend on: {@link medstream.lm.LanguageModel}, {@link medstream.lm.Scorer},
 * {@link medstream.lm.Generator} over plain int token ids.
 */
package medstream.lm;
