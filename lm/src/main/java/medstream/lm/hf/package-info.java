/**
 * Hugging Face model directories in pure Java: safetensors files (read memory-mapped, written in the HF layout,
 * sharded or not), {@code config.json} of the Qwen2 and Llama families ({@link medstream.lm.hf.HfConfig}), the chat
 * template's shape ({@link medstream.lm.hf.ChatFormat}). The decoder that runs these weights is
 * {@link medstream.lm.model.HfCausalLm}.
 */
package medstream.lm.hf;
