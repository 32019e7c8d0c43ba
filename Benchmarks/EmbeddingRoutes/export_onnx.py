#!/usr/bin/env python3
"""Exports all-MiniLM-L6-v2 to ONNX (with torch) and lays it out where pyseekdb 1.4's default
embedding function looks for its model, so that function runs without a network:

    <cache>/all-MiniLM-L6-v2/onnx/{model.onnx, tokenizer.json, config.json, vocab.txt,
                                   special_tokens_map.json, tokenizer_config.json}

<cache> is ~/.cache/pyseekdb/onnx_models unless --cache says otherwise. pyseekdb only downloads
when one of the six files is missing. Its own download is the Hugging Face Hub's
onnx/model.onnx, an export of the same weights; this one is made from the model folder the
Swift SDK uses (scripts/fetch-model), so every route computes from identical weights.

Usage: export_onnx.py --model-dir DIR [--cache DIR]
"""
import argparse
import shutil
from pathlib import Path

COPIED = ["tokenizer.json", "config.json", "special_tokens_map.json", "tokenizer_config.json", "vocab.txt"]


class LastHiddenState:
    """A module returning only the encoder's last hidden state, the output pyseekdb reads."""

    def __new__(cls, model):
        import torch

        class Wrapped(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.model = model

            def forward(self, input_ids, attention_mask, token_type_ids):
                output = self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
                return output.last_hidden_state

        return Wrapped()


def export(model_dir, target):
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()
    ids = torch.tensor([[101, 2023, 2003, 1037, 3231, 102], [101, 7592, 102, 0, 0, 0]], dtype=torch.long)
    inputs = (ids, (ids != 0).long(), torch.zeros_like(ids))
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {name: {0: "batch", 1: "sequence"} for name in names + ["last_hidden_state"]}
    with torch.no_grad():
        torch.onnx.export(LastHiddenState(model), inputs, str(target), input_names=names,
                          output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=14,
                          do_constant_folding=True, dynamo=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model-dir", required=True)
    parser.add_argument("--cache", default=str(Path.home() / ".cache" / "pyseekdb" / "onnx_models"))
    arguments = parser.parse_args()
    model_dir = Path(arguments.model_dir)
    folder = Path(arguments.cache) / "all-MiniLM-L6-v2" / "onnx"
    folder.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        shutil.copy2(model_dir / name, folder / name)
    partial = folder / "model.onnx.partial"
    export(model_dir, partial)
    import onnx

    onnx.checker.check_model(onnx.load(str(partial)))
    partial.rename(folder / "model.onnx")
    print(f"export_onnx: wrote {folder}")


if __name__ == "__main__":
    main()
