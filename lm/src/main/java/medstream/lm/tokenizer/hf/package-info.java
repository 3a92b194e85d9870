/**
 * Reads Hugging Face {@code tokenizer.json} files with byte-level BPE (GPT-2, Llama-3, Qwen style) in pure
 * Java, so a model brought from elsewhere (a TorchScript export with its tokenizer) runs behind the same
 * {@link medstream.lm.tokenizer.TextTokenizer} as the project's own tokenizer. Entry point:
 * {@link medstream.lm.tokenizer.hf.HfTokenizer#load}.
 */
package medstream.lm.tokenizer.hf;
