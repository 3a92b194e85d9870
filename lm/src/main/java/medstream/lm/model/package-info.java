/**
 * The decoder-only transformer ({@link medstream.lm.model.CausalLm}), its config and presets, LoRA adapters,
 * batched scoring and KV-cached generation, and a TorchScript wrapper behind the same interface.
 */
package medstream.lm.model;
