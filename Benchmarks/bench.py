"""Drives the benchmark behind `scripts/bench`: each workload through the Swift SDK, pyseekdb and
hand-written raw batched SQL, on the same server, interleaved over several rounds; prints a
markdown table of medians and ratios, writes the samples as JSON and a bar chart of the ratios.

The SDK and raw-SQL runs happen in the Swift worker (`SeekDBBench serve`, one process for the
whole run, driven over stdin/stdout); pyseekdb runs in this process. Every run gets a fresh
collection (384-d, cosine), and only the call itself is timed.

Usage: bench.py --worker PATH [--rounds 5] [--warmup 1] [--workloads a,b] [--memory 10000,100000]
                [--profile 5] [--paired 20] [--out DIR]
       bench.py --replot Benchmarks/.results/results.json     (redraw the chart only)
Connection from SEEKDB_HOST / SEEKDB_PORT / SEEKDB_USER / SEEKDB_PASSWORD / SEEKDB_DATABASE.
"""
import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyseekdb

DIMENSION = 384
TOPICS = ["databases", "vectors", "search", "swift", "python", "indexes", "embeddings"]

# name -> label, in table order
WORKLOADS = {
    "add_1k": "add 1,000",
    "add_10k": "add 10,000",
    "update_emb_meta_1k": "update 1,000 (embedding + metadata)",
    "update_meta_1k": "update 1,000 (metadata only)",
    "upsert_1k": "upsert 1,000 (half new)",
    "delete_1k": "delete 1,000 by id",
    "update_docs_1k": "update 1,000 documents (embed + write)",
    "resync_docs_1k": "re-sync 1,000 documents, 100 changed",
    "query_10k": "query top-10 of 10,000:",
}
EMBEDDING_WORKLOADS = {"update_docs_1k", "resync_docs_1k"}   # documents embedded by the client
QUERY_WARMUP = 10   # untimed queries first, as QuerySettings.warmupQueries in Workload.swift
WRITE_WORKLOADS = set(WORKLOADS) - {"query_10k"}
CLIENTS = ["sdk", "pyseekdb", "raw"]
# pyseekdb's default embedding function downloads its ONNX model unless these files exist;
# scripts/bench-embed puts an export of the same weights there (Benchmarks/EmbeddingRoutes).
PYSEEKDB_MODEL_OFFLINE = all(
    (Path.home() / ".cache/pyseekdb/onnx_models/all-MiniLM-L6-v2/onnx" / f).exists()
    for f in ("model.onnx", "tokenizer.json", "config.json", "vocab.txt", "special_tokens_map.json",
              "tokenizer_config.json"))


# ---------------------------------------------------------------- data (same as BenchData.swift)
def vid(i):
    return f"id-{i}"


def vector(i, r):
    return [((j * 7 + i * 13 + r * 5) % 101) / 101 + 0.01 for j in range(DIMENSION)]


def metadata(i, r):
    return {"round": r, "i": i, "tag": f"t{i % 7}", "score": (i % 100) / 10}


def document(i, r):
    return f"record {i} of round {r} is a short note about {TOPICS[i % 7]} and {TOPICS[(i + r) % 7]}"


# ---------------------------------------------------------------- pyseekdb
class PyseekdbRunner:
    def __init__(self):
        self.client = pyseekdb.Client(
            host=os.environ.get("SEEKDB_HOST", "127.0.0.1"),
            port=int(os.environ.get("SEEKDB_PORT", "2881")),
            user=os.environ.get("SEEKDB_USER", "root"),
            password=os.environ.get("SEEKDB_PASSWORD", ""),
            database=os.environ.get("SEEKDB_DATABASE", "test"),
        )

    def preload(self, col, n):
        for start in range(0, n, 1000):
            part = range(start, min(n, start + 1000))
            col.add(ids=[vid(i) for i in part], embeddings=[vector(i, 0) for i in part],
                    documents=[document(i, 0) for i in part], metadatas=[metadata(i, 0) for i in part])

    def run(self, workload, rnd):
        name = f"bench_py_{workload}_{rnd}_{random.getrandbits(32)}"
        # Documents-only updates are embedded by pyseekdb's default function (its ONNX model).
        function = pyseekdb.DefaultEmbeddingFunction() if workload in EMBEDDING_WORKLOADS else None
        col = self.client.create_collection(
            name, configuration=pyseekdb.HNSWConfiguration(dimension=DIMENSION, distance="cosine"),
            embedding_function=function)
        try:
            return self.measure(workload, rnd + 1, col)
        finally:
            self.client.delete_collection(name)

    def measure(self, workload, w, col):
        if workload in ("add_1k", "add_10k"):
            n = 1000 if workload == "add_1k" else 10000
            ids, embs = [vid(i) for i in range(n)], [vector(i, w) for i in range(n)]
            docs, metas = [document(i, w) for i in range(n)], [metadata(i, w) for i in range(n)]
            start = time.perf_counter()
            # One statement per call with every value inline: 10,000 × 384-d (~31 MB) exceeds the
            # server's 16 MiB max_allowed_packet (error 1153), so 10,000 go in calls of 1,000.
            for s in range(0, n, 1000):
                col.add(ids=ids[s:s + 1000], embeddings=embs[s:s + 1000], documents=docs[s:s + 1000],
                        metadatas=metas[s:s + 1000])
            ms = (time.perf_counter() - start) * 1000
            assert col.count() == n
            return {"ms": ms}
        if workload in ("update_emb_meta_1k", "update_meta_1k"):
            self.preload(col, 1000)
            ids, metas = [vid(i) for i in range(1000)], [metadata(i, w) for i in range(1000)]
            embs = [vector(i, w) for i in range(1000)] if workload == "update_emb_meta_1k" else None
            start = time.perf_counter()
            if embs is None:
                col.update(ids=ids, metadatas=metas)
            else:
                col.update(ids=ids, embeddings=embs, metadatas=metas)
            ms = (time.perf_counter() - start) * 1000
            assert col.get(ids=[vid(999)], include=["metadatas"])["metadatas"][0]["round"] == w
            return {"ms": ms}
        if workload == "update_docs_1k":
            self.preload(col, 1000)
            ids, docs = [vid(i) for i in range(1000)], [document(i, w) for i in range(1000)]
            start = time.perf_counter()
            col.update(ids=ids, documents=docs)
            ms = (time.perf_counter() - start) * 1000
            assert col.get(ids=[vid(999)], include=["documents"])["documents"][0] == docs[-1]
            return {"ms": ms}
        if workload == "resync_docs_1k":
            # pyseekdb embeds every document it is given, changed or not.
            self.preload(col, 1000)
            ids = [vid(i) for i in range(1000)]
            docs = [document(i, w if i % 10 == 0 else 0) for i in range(1000)]
            start = time.perf_counter()
            col.update(ids=ids, documents=docs)
            ms = (time.perf_counter() - start) * 1000
            assert col.get(ids=[vid(990)], include=["documents"])["documents"][0] == docs[990]
            return {"ms": ms}
        if workload == "upsert_1k":
            self.preload(col, 1000)
            part = range(500, 1500)
            ids, embs = [vid(i) for i in part], [vector(i, w) for i in part]
            docs, metas = [document(i, w) for i in part], [metadata(i, w) for i in part]
            start = time.perf_counter()
            col.upsert(ids=ids, embeddings=embs, documents=docs, metadatas=metas)
            ms = (time.perf_counter() - start) * 1000
            assert col.count() == 1500
            assert col.get(ids=[vid(500)], include=["metadatas"])["metadatas"][0]["round"] == w
            return {"ms": ms}
        if workload == "delete_1k":
            self.preload(col, 2000)
            ids = [vid(i) for i in range(0, 2000, 2)]
            start = time.perf_counter()
            col.delete(ids=ids)
            ms = (time.perf_counter() - start) * 1000
            assert col.count() == 1000
            return {"ms": ms}
        if workload == "query_10k":
            self.preload(col, 10000)
            col.refresh_index()
            queries = int(os.environ.get("BENCH_QUERIES", "100"))
            vectors = [vector(i, 7) for i in range(QUERY_WARMUP + queries)]
            result = {}
            for prefix, where in (("", None), ("where ", {"tag": "t3"})):
                times = []
                for v in vectors:
                    start = time.perf_counter()
                    hits = col.query(query_embeddings=[v], n_results=10, where=where)
                    times.append((time.perf_counter() - start) * 1000)
                    assert hits["ids"][0], "pyseekdb query: no hits"
                times = sorted(times[QUERY_WARMUP:])
                result[prefix + "p50"] = percentile(times, 0.5)
                result[prefix + "p95"] = percentile(times, 0.95)
            return result
        raise ValueError(workload)


def percentile(sorted_times, q):
    """Nearest-rank percentile, as Measurement.percentiles in Workload.swift."""
    import math
    return sorted_times[min(len(sorted_times) - 1, math.ceil(len(sorted_times) * q) - 1)]


# ---------------------------------------------------------------- Swift worker
class SwiftWorker:
    def __init__(self, path):
        self.process = subprocess.Popen([path, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        ready = self.process.stdout.readline()
        if '"ready"' not in ready:
            raise RuntimeError(f"the Swift worker did not start: {ready!r}")

    def run(self, client, workload, rnd):
        self.process.stdin.write(f"{client} {workload} {rnd}\n")
        self.process.stdin.flush()
        reply = json.loads(self.process.stdout.readline())
        if "error" in reply:
            raise RuntimeError(f"{client} {workload}: {reply['error']}")
        return reply

    def close(self):
        self.process.stdin.write("quit\n")
        self.process.stdin.close()
        self.process.wait(timeout=60)


# ---------------------------------------------------------------- report
def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def fmt_ms(v):
    return "—" if v is None else (f"{v:,.0f}" if v >= 100 else f"{v:.1f}")


def fmt_ratio(v):
    return "—" if v is None else f"{v:.2f}"


def summarize(samples, workloads):
    """{workload: {client: median of each metric}}"""
    out = {}
    for w in workloads:
        out[w] = {}
        for c in CLIENTS:
            runs = samples[w][c]
            if runs:
                out[w][c] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    return out


def paired_ratio(a, b, metric):
    """Median over rounds of a / b within each round (the clients of one round run back to back,
    so this cancels slow drifts of the machine's load better than a ratio of medians)."""
    ratios = [x[metric] / y[metric] for x, y in zip(a, b) if y[metric]]
    return statistics.median(ratios) if ratios else None


def table_rows(summary, samples, workloads):
    rows = []
    for w in workloads:
        metrics = next(iter(summary[w].values())).keys() if summary[w] else []
        for m in metrics:
            label = WORKLOADS[w] if m == "ms" else f"{WORKLOADS[w]} {m} (ms per query)"
            v = {c: summary[w].get(c, {}).get(m) for c in CLIENTS}
            py_sdk = paired_ratio(samples[w]["pyseekdb"], samples[w]["sdk"], m)
            sdk_raw = paired_ratio(samples[w]["sdk"], samples[w]["raw"], m)
            rows.append((w, label, v, py_sdk, sdk_raw))
    return rows


def markdown(rows, rounds):
    lines = [f"| workload | SDK ms | pyseekdb ms | raw SQL ms | pyseekdb / SDK | SDK / raw |",
             "|---|---:|---:|---:|---:|---:|"]
    for _, label, v, py_sdk, sdk_raw in rows:
        lines.append(f"| {label} | {fmt_ms(v['sdk'])} | {fmt_ms(v['pyseekdb'])} | {fmt_ms(v['raw'])} "
                     f"| {fmt_ratio(py_sdk)} | {fmt_ratio(sdk_raw)} |")
    return "\n".join(lines)


def chart(rows, path, subtitle):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 5.5), sharey=True)
    labels = [label for _, label, _, _, _ in rows]
    positions = list(range(len(rows)))
    for ax, index, color, title in ((left, 3, "#4c72b0", "pyseekdb time / SDK time (higher: SDK faster)"),
                                    (right, 4, "#dd8452", "SDK time / raw SQL time (1 = the server's limit)")):
        values = [row[index] for row in rows]
        ax.barh(positions, [v or 0 for v in values], color=color)
        ax.axvline(1, color="black", linewidth=0.8)
        ax.set_title(title)
        for i, v in enumerate(values):
            ax.text(v if v is not None else (1 if ax is left else 0), i, f" {v:.2f}" if v is not None else " n/a", va="center")
    left.set_xscale("log")
    left.set_xlim(left=0.1)
    right.axvline(1.15, color="red", linestyle="--", linewidth=0.8, label="1.15")
    right.legend(loc="lower right")
    left.set_yticks(positions, labels)
    left.invert_yaxis()
    import textwrap
    fig.suptitle("seekdb-swift benchmarks — " + "\n".join(textwrap.wrap(subtitle, 150)), fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--worker")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--workloads", default=",".join(WORKLOADS))
    p.add_argument("--memory", default="10000,100000", help="record counts for the memory mode ('' to skip)")
    p.add_argument("--profile", type=int, default=5, help="rounds of the per-statement profile of the SDK's writes (0 to skip)")
    p.add_argument("--paired", type=int, default=20,
                   help="pairs per write workload of the SDK against raw SQL back to back on one collection (0 to skip)")
    p.add_argument("--out", default="Benchmarks/.results")
    p.add_argument("--replot", metavar="RESULTS_JSON", help="only redraw the chart of an earlier results.json")
    args = p.parse_args()
    if args.replot:
        os.makedirs(args.out, exist_ok=True)
        with open(args.replot) as f:
            saved = json.load(f)
        names = [w for w in WORKLOADS if w in saved["samples"]]
        chart(table_rows(saved["summary"], saved["samples"], names), os.path.join(args.out, "ratios.png"), saved["header"])
        return
    if not args.worker:
        sys.exit("--worker PATH is required (the SeekDBBench executable)")
    workloads = [w for w in args.workloads.split(",") if w]
    for w in workloads:
        if w not in WORKLOADS:
            sys.exit(f"unknown workload {w}; known: {', '.join(WORKLOADS)}")
    os.makedirs(args.out, exist_ok=True)

    load_start = loadavg()
    started = time.time()
    worker = SwiftWorker(args.worker)
    py = PyseekdbRunner()
    samples = {w: {c: [] for c in CLIENTS} for w in workloads}
    for rnd in range(args.warmup + args.rounds):
        recorded = rnd >= args.warmup
        tag = f"round {rnd - args.warmup + 1}/{args.rounds}" if recorded else f"warm-up {rnd + 1}/{args.warmup}"
        print(f"== {tag} (load {loadavg()})", file=sys.stderr, flush=True)
        for w in workloads:
            order = CLIENTS[rnd % 3:] + CLIENTS[:rnd % 3]   # rotate who goes first
            for c in order:
                if c == "pyseekdb" and w in EMBEDDING_WORKLOADS and not PYSEEKDB_MODEL_OFFLINE:
                    continue   # its model would be downloaded, which this machine cannot (see README)
                result = py.run(w, rnd) if c == "pyseekdb" else worker.run(c, w, rnd)
                if recorded:
                    samples[w][c].append(result)
                print(f"   {w:20} {c:9} " + " ".join(f"{k}={v:,.1f}" for k, v in result.items()),
                      file=sys.stderr, flush=True)
    worker.close()
    load_end = loadavg()

    memory = []
    for n in [int(x) for x in args.memory.split(",") if x]:
        print(f"== memory: update of {n:,} records in one call", file=sys.stderr, flush=True)
        out = subprocess.run([args.worker, "memory", str(n)], check=True, capture_output=True, text=True).stdout
        memory.append(json.loads(out.strip().splitlines()[-1]))
        print("   " + json.dumps(memory[-1]), file=sys.stderr, flush=True)

    profile = []
    if args.profile:
        print(f"== profile: time per statement inside the SDK's writes", file=sys.stderr, flush=True)
        out = subprocess.run([args.worker, "profile", str(args.profile)], check=True, capture_output=True, text=True).stdout
        profile = out.strip().splitlines()

    paired = []
    if args.paired:
        print(f"== paired: SDK and raw SQL back to back, {args.paired} pairs per write workload", file=sys.stderr, flush=True)
        out = subprocess.run([args.worker, "paired", str(args.paired)], check=True, capture_output=True, text=True).stdout
        paired = out.strip().splitlines()

    summary = summarize(samples, workloads)
    rows = table_rows(summary, samples, workloads)
    minutes = (time.time() - started) / 60
    when = time.strftime("%Y-%m-%d %H:%M %Z")
    header = (f"{when}; {args.rounds} rounds after {args.warmup} warm-up; times: medians; ratios: medians of the per-round ratios; "
              f"load average (1/5/15 min) {load_start} at start, {load_end} at end; {minutes:.1f} min")
    print(f"\n{header}\n")
    print(markdown(rows, args.rounds))
    if memory:
        print("\nPeak resident memory of the SDK process for one `update` call (384-d embedding + metadata per record):\n")
        print("| records | input arrays + process before the call (MB) | peak during the call (MB) | growth (MB) | update time (s) |")
        print("|---:|---:|---:|---:|---:|")
        for m in memory:
            print(f"| {m['records']:,} | {m['rss_before_mb']:.0f} | {m['peak_during_mb']:.0f} | {m['growth_mb']:.1f} "
                  f"| {m['update_ms'] / 1000:.1f} |")
    if profile:
        print("\nWhere the SDK's write time goes (statement start to next statement start, ms):\n")
        for line in profile:
            print(f"- {line}")
    if paired:
        print("\nSDK / raw in pairs (the same write through each client back to back on one collection, order alternating):\n")
        for line in paired:
            print(f"- {line}")
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"when": when, "header": header, "machine": platform.platform(), "samples": samples,
                   "summary": summary, "memory": memory, "profile": profile, "paired": paired}, f, indent=1)
    try:
        chart(rows, os.path.join(args.out, "ratios.png"), header)
        print(f"\nchart: {os.path.join(args.out, 'ratios.png')}")
    except ImportError:
        print("\n(matplotlib not installed: no chart)")


if __name__ == "__main__":
    main()
