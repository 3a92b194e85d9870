/**
 * Byte-level BPE tokenizer for the medstream language model, trained by the project on English and
 * Chinese medical text. Pure Java, no native code.
 *
 * <ul>
 *   <li>{@link medstream.lm.tokenizer.BpeTrainer} learns merges from a corpus of strings;</li>
 *   <li>{@link medstream.lm.tokenizer.BpeTokenizer} encodes, decodes, counts tokens and reads/writes
 *       {@code tokenizer.json} (format below);</li>
 *   <li>{@link medstream.lm.tokenizer.CjkPreTokenizer} cuts text GPT-4-style, with Han runs limited to
 *       two characters;</li>
 *   <li>{@link medstream.lm.tokenizer.SpecialTokens} names the control tokens.</li>
 * </ul>
 *
 * <h2>File format</h2>
 *
 * <p>{@code tokenizer.json}, version 1, is one UTF-8 JSON object:
 *
 * <pre>{@code
 * {
 *   "format": "medstream-bpe",          // fixed; anything else is not ours
 *   "version": 1,
 *   "pre_tokenizer": "medstream-cjk-v1:han2",  // PreTokenizer.forName
 *   "byte_tokens": 256,                 // ids 0..255 are the bytes 0x00..0xFF
 *   "vocab_size": 8192,                 // bytes + merges + special tokens
 *   "special_tokens": [ {"id": 8188, "content": "<|pad|>"}, ... ],  // ids follow the merges, in order
 *   "merges": [                         // merge r makes id 256 + r; lower r is applied first
 *     [32, 116],
 *     ...
 *   ],
 *   "metadata": { "trainer.vocab_size": "8192", ... }  // what produced the file (strings)
 * }
 * }</pre>
 *
 * <p>Special tokens are matched in text only when the caller asks ({@code encode(text, true)}); ids
 * {@code 0..255} are the bytes, so any string encodes and any id sequence decodes (invalid UTF-8
 * becomes U+FFFD). Merges are pairs of ids, not strings, so byte tokens that are not valid UTF-8 on their own need
 * no escaping convention. One merge per line keeps the file diffable.
 */
package medstream.lm.tokenizer;
