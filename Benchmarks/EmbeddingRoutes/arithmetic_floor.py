#!/usr/bin/env python3
"""How long the model's arithmetic alone must take on this machine, for the documents of the
`update_docs_1k` bench workload, and how close an embedding route comes to that.

1. Counts the tokens of the 1,000 documents (the model's tokenizer, no padding) and the
   floating-point operations all-MiniLM-L6-v2 spends on them: per token and layer, the Q/K/V,
   output and feed-forward products (2 * 384 * (3 * 384 + 384 + 2 * 1536) operations) plus
   attention over the text's own tokens (4 * 384 * length), six layers.
2. Times float32 matrix products with numpy (OpenBLAS) on every core: large squares (the
   best rate this machine's BLAS reaches) and the shapes of the model's products for a shard of
   560 tokens.
3. Prints the lowest time the embedding can take at those rates, and, with --sdk, the rate the
   SDK reaches: the EmbeddingBenchmark executable embeds the same documents (best of three
   processes; the call only, after a warm-up).

Usage: arithmetic_floor.py --model-dir DIR [--sdk PATH]
(runs in the venv scripts/bench-embed makes, which has numpy and tokenizers; PATH is the
release build of Benchmarks/EmbeddingBenchmark that scripts/bench-embed builds.)
"""
import argparse
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

HIDDEN, INTERMEDIATE, LAYERS = 384, 1536, 6
TOPICS = ["databases", "vectors", "search", "swift", "python", "indexes", "embeddings"]


def documents(round_number=2):
    """The documents update_docs_1k writes in a round (as bench.py and BenchData.swift)."""
    return [f"record {i} of round {round_number} is a short note about {TOPICS[i % 7]} and "
            f"{TOPICS[(i + round_number) % 7]}" for i in range(1000)]


def model_operations(lengths):
    dense = 2 * HIDDEN * (3 * HIDDEN + HIDDEN + 2 * INTERMEDIATE)
    return sum(LAYERS * (dense + 4 * HIDDEN * length) * length for length in lengths)


def gemm_rate(m, k, n, repeats):
    """Best of five timings of an m×k by k×n float32 product, in GFLOP/s."""
    a = np.random.rand(m, k).astype(np.float32)
    b = np.random.rand(k, n).astype(np.float32)
    a @ b
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(repeats):
            a @ b
        best = min(best, (time.perf_counter() - started) / repeats)
    return 2 * m * k * n / best / 1e9


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model-dir", required=True, help="the model folder (scripts/fetch-model)")
    parser.add_argument("--sdk", help="the EmbeddingBenchmark executable (release build)")
    arguments = parser.parse_args()

    tokenizer = Tokenizer.from_file(str(Path(arguments.model_dir) / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    lengths = [len(tokenizer.encode(text).ids) for text in documents()]
    operations = model_operations(lengths)
    print(f"documents: 1,000, tokens: {sum(lengths):,} (mean {sum(lengths) / len(lengths):.1f}), "
          f"model: {operations / 1e9:.1f} GFLOP; cores: {os.cpu_count()}")

    rates = {}
    for name, shape, repeats in [("2048 x 2048 x 2048", (2048, 2048, 2048), 3),
                                 ("560 x 384 x 1152 (Q/K/V)", (560, 384, 1152), 200),
                                 ("560 x 384 x 1536 (feed-forward in)", (560, 384, 1536), 200),
                                 ("560 x 1536 x 384 (feed-forward out)", (560, 1536, 384), 200)]:
        rates[name] = gemm_rate(*shape, repeats)
        print(f"sgemm {name}: {rates[name]:.1f} GFLOP/s")
    best = max(rates.values())
    print(f"floor: {operations / 1e9 / best:.2f} s of arithmetic at {best:.1f} GFLOP/s")
    if arguments.sdk:
        seconds = sdk_seconds(arguments.sdk, arguments.model_dir)
        reached = operations / 1e9 / seconds
        print(f"SDK: {seconds:.2f} s = {reached:.1f} GFLOP/s, {reached / best:.0%} of the best sgemm rate")


def sdk_seconds(executable, model_dir):
    """The SDK's best time for the documents, over three processes."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump({"short": documents(), "long": documents()[:10]}, file)
    try:
        runs = []
        for _ in range(3):
            output = subprocess.run([executable, "--texts", file.name, "--json", "--model-dir", model_dir],
                                    check=True, stdout=subprocess.PIPE, text=True).stdout
            runs.append(json.loads(output.strip().splitlines()[-1])["short_s"])
        return min(runs)
    finally:
        os.unlink(file.name)


if __name__ == "__main__":
    main()
