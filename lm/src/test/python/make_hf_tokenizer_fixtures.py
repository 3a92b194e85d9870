"""Writes the Hugging Face tokenizer.json fixtures of HfTokenizerTest (src/test/resources/hf-tokenizer/).

Only the 256-entry byte alphabet is generated (GPT-2's bytes_to_unicode order, ids 0..255, as in GPT-2's own
vocab); merges and added tokens are chosen by hand below, and the test's expected ids are worked out by hand
from them. Run from lm/: python3 src/test/python/make_hf_tokenizer_fixtures.py
"""
import json
import os


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return [chr(c) for c in cs]  # in id order: id i is the character cs[i]


ALPHABET = bytes_to_unicode()


def vocab_with(merges, extra=()):
    vocab = {c: i for i, c in enumerate(ALPHABET)}
    for a, b in merges:
        vocab[a + b] = len(vocab)
    for token in extra:
        vocab[token] = len(vocab)
    return vocab


# GPT-2 style: the first merges of GPT-2's merges.txt, written "a b"; ByteLevel pre-tokenizer with the GPT-2 regex.
GPT2_MERGES = [("Ġ", "t"), ("Ġ", "a"), ("h", "e"), ("i", "n"), ("r", "e"), ("o", "n"), ("Ġt", "he"), ("e", "r"),
               ("Ġ", "s"), ("a", "t"), ("Ġ", "w"), ("Ġ", "o"), ("e", "n"), ("Ġ", "c"), ("i", "t"), ("i", "s"),
               ("a", "n"), ("o", "r"), ("e", "s"), ("Ġ", "b"), ("e", "d"), ("Ġ", "f"), ("in", "g")]
gpt2_vocab = vocab_with(GPT2_MERGES)
gpt2_vocab["<|endoftext|>"] = 50256  # where GPT-2 has it: ids 279..50255 are a hole here
gpt2 = {
    "version": "1.0",
    "truncation": None,
    "padding": None,
    "added_tokens": [{"id": 50256, "content": "<|endoftext|>", "single_word": False, "lstrip": False, "rstrip": False,
                      "normalized": True, "special": True}],
    "normalizer": None,
    "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
    "post_processor": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
    "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
    "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
              "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False,
              "vocab": gpt2_vocab, "merges": [a + " " + b for a, b in GPT2_MERGES]},
}

# Llama-3 / Qwen2 style: NFC, Split with the Llama-3 regex then ByteLevel without regex, merges as arrays,
# ignore_merges, a whole-word vocabulary entry no merge builds, special and non-special added tokens.
LLAMA3_PATTERN = ("(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
                  "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+")
# 医 = E5 8C BB = "åĮ»", 学 = E5 AD A6 = "åŃ¦" in byte characters
LLAMA_MERGES = [("å", "Į"), ("åĮ", "»"), ("å", "Ń"), ("åŃ", "¦"), ("åĮ»", "åŃ¦"), ("Ġ", "t"), ("h", "e"),
                ("Ġt", "he")]
llama_vocab = vocab_with(LLAMA_MERGES, extra=["Ġcat"])
added = [("<|begin_of_text|>", True), ("<|end_of_text|>", True), ("mg/dL", False), ("<|eot_id|>", True)]
llama = {
    "version": "1.0",
    "truncation": None,
    "padding": None,
    "added_tokens": [{"id": len(llama_vocab) + i, "content": c, "single_word": False, "lstrip": False, "rstrip": False,
                      "normalized": not special, "special": special} for i, (c, special) in enumerate(added)],
    "normalizer": {"type": "NFC"},
    "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
        {"type": "Split", "pattern": {"Regex": LLAMA3_PATTERN}, "behavior": "Isolated", "invert": False},
        {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
    "post_processor": {"type": "TemplateProcessing",
                       "single": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}},
                                  {"Sequence": {"id": "A", "type_id": 0}}],
                       "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
                       "special_tokens": {"<|begin_of_text|>": {"id": "<|begin_of_text|>", "ids": [len(llama_vocab)],
                                                                "tokens": ["<|begin_of_text|>"]}}},
    "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
    "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
              "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": True,
              "vocab": llama_vocab, "merges": [[a, b] for a, b in LLAMA_MERGES]},
}

out = os.path.join(os.path.dirname(__file__), "..", "resources", "hf-tokenizer")
os.makedirs(os.path.join(out, "gpt2-style"), exist_ok=True)
os.makedirs(os.path.join(out, "llama3-style"), exist_ok=True)
for name, obj in (("gpt2-style", gpt2), ("llama3-style", llama)):
    with open(os.path.join(out, name, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")
