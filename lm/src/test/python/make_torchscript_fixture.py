"""Writes the TorchScript test fixture of lm: a tiny GPT in plain PyTorch with CausalLm's parameter names.

Outputs, into the directory given as the first argument (default: ../resources/torchscript):
  tiny_gpt.pt           the model traced with torch.jit.trace: forward(ids [B, T] int64) -> logits [B, T, V]
  tiny_gpt.safetensors  the same weights, named as medstream.lm.model.CausalLm names them
  tiny_gpt.json         the ModelConfig of that shape

TorchScriptLmTest loads both: our Java CausalLm on the safetensors must give the logits of this independent
PyTorch implementation. Weights are random, LayerNorm gains and all biases included, so a mistake in any
of them shows. Needs only torch (e.g. Debian's python3-torch); run: python3 make_torchscript_fixture.py
"""
import json
import math
import os
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

VOCAB, LAYERS, D, HEADS, CTX = 61, 2, 32, 4, 48


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1 = nn.LayerNorm(D)
        self.q, self.k, self.v, self.o = (nn.Linear(D, D) for _ in range(4))
        self.ln2 = nn.LayerNorm(D)
        self.mlp_in = nn.Linear(D, 4 * D)
        self.mlp_out = nn.Linear(4 * D, D)

    def forward(self, x):
        b, t, d = x.shape
        h = self.ln1(x)
        q, k, v = (p(h).view(b, t, HEADS, d // HEADS).transpose(1, 2) for p in (self.q, self.k, self.v))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(d // HEADS)
        mask = torch.tril(torch.ones(t, t, dtype=torch.bool))
        att = att.masked_fill(~mask, float("-inf")).softmax(-1)
        y = (att @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.o(y)
        return x + self.mlp_out(F.gelu(self.mlp_in(self.ln2(x))))


class Gpt(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte = nn.Embedding(VOCAB, D)
        self.wpe = nn.Embedding(CTX, D)
        self.h = nn.ModuleList(Block() for _ in range(LAYERS))
        self.lnf = nn.LayerNorm(D)

    def forward(self, ids):
        t = ids.shape[1]
        x = self.wte(ids) + self.wpe(torch.arange(t, dtype=torch.long).unsqueeze(0))
        for block in self.h:
            x = block(x)
        return F.linear(self.lnf(x), self.wte.weight)  # output layer tied to the token embedding


def java_names(model):
    """CausalLm's name for each tensor."""
    rename = {"mlp_in": "mlp.in", "mlp_out": "mlp.out", "q": "attn.q", "k": "attn.k", "v": "attn.v", "o": "attn.o"}
    out = {}
    for name, tensor in model.state_dict().items():
        parts = name.split(".")
        if parts[0] in ("wte", "wpe"):
            out[parts[0]] = tensor
        elif parts[0] == "h":
            out[".".join(["h", parts[1], rename.get(parts[2], parts[2]), parts[3]])] = tensor
        else:
            out[name] = tensor
    return out


def write_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name, tensor in tensors.items():
        data = tensor.detach().contiguous().to(torch.float32).numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    encoded = json.dumps(header).encode("utf-8")
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for blob in blobs:
            f.write(blob)


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "resources", "torchscript")
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(0)
    model = Gpt().eval()
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("bias"):
                p.normal_(0, 0.05)
            elif "ln" in name:
                p.normal_(1, 0.1)
            else:
                p.normal_(0, 0.2)
    example = torch.randint(0, VOCAB, (2, 7))
    traced = torch.jit.trace(model, example)
    traced.save(os.path.join(out_dir, "tiny_gpt.pt"))
    write_safetensors(os.path.join(out_dir, "tiny_gpt.safetensors"), java_names(model))
    config = {"vocabSize": VOCAB, "layers": LAYERS, "dModel": D, "heads": HEADS, "context": CTX, "dropout": 0.0, "seed": 0}
    with open(os.path.join(out_dir, "tiny_gpt.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
    other = torch.randint(0, VOCAB, (3, 11))
    assert torch.allclose(traced(other), model(other), atol=1e-5), "trace does not generalise to other shapes"
    print("wrote", out_dir)


if __name__ == "__main__":
    main()
