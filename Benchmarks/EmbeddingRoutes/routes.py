#!/usr/bin/env python3
"""Times one embedding route on the workloads, in a process of its own, and prints one JSON line.

Routes (all compute all-MiniLM-L6-v2 from the same weights, batches of 32, tokenisation
included in the time):
  ort       onnxruntime with its defaults (all graph optimisations, one thread per core), each
            batch padded only to its longest text: the fastest CPU route we know for this model.
  st        sentence-transformers on torch (CPU wheel), torch's default threads.
  pyseekdb  pyseekdb 1.4's DefaultEmbeddingFunction as it ships (onnxruntime, one thread, graph
            optimisations off, every text padded to 256 tokens).
The Swift SDK's route is the EmbeddingBenchmark executable (`--texts FILE --json`), which prints
the same JSON line.

Usage: routes.py ROUTE --texts FILE --model-dir DIR [--onnx-cache DIR] [--sample N]
A warm-up call on 64 texts comes first; each workload is then embedded once and timed.
"""
import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
BATCH = 32


def onnx_folder(cache):
    return Path(cache) / "all-MiniLM-L6-v2" / "onnx"


def ort_route(model_dir, cache):
    import numpy as np
    import onnxruntime
    from tokenizers import Tokenizer

    session = onnxruntime.InferenceSession(str(onnx_folder(cache) / "model.onnx"), onnxruntime.SessionOptions(),
                                           providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=256)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest text of the batch

    def embed(texts):
        vectors = []
        for start in range(0, len(texts), BATCH):
            encodings = tokenizer.encode_batch(texts[start:start + BATCH])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                        "token_type_ids": np.zeros_like(ids)})[0]
            weights = mask[..., None].astype(np.float32)
            vectors.append((hidden * weights).sum(axis=1) / weights.sum(axis=1))
        return np.concatenate(vectors)

    return embed, {"threads": "onnxruntime default (one per core)", "graph": "all optimisations",
                   "padding": "longest text of each batch"}


def st_route(model_dir, cache):
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_dir), device="cpu")

    def embed(texts):
        with torch.inference_mode():
            return model.encode(texts, batch_size=BATCH, convert_to_numpy=True, show_progress_bar=False)

    return embed, {"threads": f"torch {torch.get_num_threads()}", "torch": torch.__version__}


def pyseekdb_route(model_dir, cache):
    import numpy as np
    from pyseekdb.client.embedding_function import DefaultEmbeddingFunction

    function = DefaultEmbeddingFunction()
    function._backend.download_path = Path(cache) / "all-MiniLM-L6-v2"

    def embed(texts):
        return np.asarray(function(texts), dtype=np.float32)

    return embed, {"threads": "1 (as shipped)", "graph": "optimisations off", "padding": "every text to 256"}


ROUTES = {"ort": ort_route, "st": st_route, "pyseekdb": pyseekdb_route}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("route", choices=sorted(ROUTES))
    parser.add_argument("--texts", required=True)
    parser.add_argument("--model-dir", required=True)
    parser.add_argument("--onnx-cache", default=str(Path.home() / ".cache" / "pyseekdb" / "onnx_models"))
    parser.add_argument("--sample", type=int, default=8, help="vectors of the first N texts of each workload to print")
    arguments = parser.parse_args()
    import numpy as np

    workloads = json.loads(Path(arguments.texts).read_text())
    embed, settings = ROUTES[arguments.route](arguments.model_dir, arguments.onnx_cache)
    embed(workloads["short"][:64])
    result = {"route": arguments.route, "settings": settings}
    for name in ("short", "long"):
        texts = workloads[name]
        started = time.perf_counter()
        vectors = embed(texts)
        result[f"{name}_s"] = time.perf_counter() - started
        if len(vectors) != len(texts):
            sys.exit(f"{arguments.route}: {len(vectors)} vectors for {len(texts)} texts")
        result[f"{name}_sample"] = np.asarray(vectors[:arguments.sample], dtype=np.float64).tolist()
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main()
