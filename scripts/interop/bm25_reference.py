#!/usr/bin/env python3
"""pyseekdb's own BM25 output, for the Swift BM25 tests and benchmark.

Reads one JSON object on stdin and writes one JSON object on stdout:

  {"mode": "vectors", "configs": [{...properties...}, ...], "texts": ["...", ...]}
      -> {"versions": {...}, "results": [[{"indices": [...], "values": [...]}, ...per text], ...per config]}
         Each config is given to BM25SparseEmbeddingFunction.build_from_config, as pyseekdb does
         when it opens a collection.
  {"mode": "config", "configs": [{...}, ...]}
      -> {"versions": {...}, "settings": ["<json.dumps of {"name": ..., "properties": get_config()}>", ...]}
         (the text pyseekdb writes into sdk_collections.settings for the function)
  {"mode": "stems", "words": ["...", ...]}
      -> {"versions": {...}, "stems": ["...", ...]}   (PyStemmer English, one word at a time)
  {"mode": "tokens", "texts": ["...", ...]}
      -> {"versions": {...}, "tokens": [["...", ...], ...]}   (bm25s tokens before stemming)
  {"mode": "time", "configs": [{...}], "texts": [...], "rounds": N}
      -> {"versions": {...}, "seconds": [best of N per config]}  (wall time of one call per round)

Values are Python floats (64-bit), written with repr precision by json.dumps.
"""

import json
import sys
import time
from importlib.metadata import version


def versions():
    return {name: version(name) for name in ("pyseekdb", "bm25s", "PyStemmer")}


def function(config):
    from pyseekdb.utils.embedding_functions import BM25SparseEmbeddingFunction

    ef = BM25SparseEmbeddingFunction.build_from_config(config)
    if ef._stemmer is None:
        raise SystemExit("PyStemmer is not installed in this Python: pyseekdb would not stem")
    return ef


def vectors(ef, texts):
    out = []
    for sv in ef(texts):
        items = sorted(sv.embeddings.items())
        out.append({"indices": [i for i, _ in items], "values": [v for _, v in items]})
    return out


def main():
    request = json.load(sys.stdin)
    mode = request["mode"]
    answer = {"versions": versions()}
    if mode == "vectors":
        answer["results"] = [vectors(function(c), request["texts"]) for c in request["configs"]]
    elif mode == "config":
        answer["settings"] = [
            json.dumps({"name": ef.name(), "properties": ef.get_config()})
            for ef in (function(c) for c in request["configs"])
        ]
    elif mode == "stems":
        import Stemmer

        stemmer = Stemmer.Stemmer("english")
        answer["stems"] = [stemmer.stemWord(w) for w in request["words"]]
    elif mode == "tokens":
        import bm25s

        answer["tokens"] = bm25s.tokenize(request["texts"], stopwords=None, return_ids=False, show_progress=False)
    elif mode == "time":
        seconds = []
        for config in request["configs"]:
            ef = function(config)
            best = None
            for _ in range(int(request.get("rounds", 3))):
                start = time.perf_counter()
                ef(request["texts"])
                elapsed = time.perf_counter() - start
                best = elapsed if best is None else min(best, elapsed)
            seconds.append(best)
        answer["seconds"] = seconds
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
