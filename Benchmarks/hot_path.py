"""Per-record calls on large collections: the SDK, the same statements sent raw through
`client.execute`, and pyseekdb (a client per thread), side by side on one server in one run.

For each collection size it loads a collection of 8-d records (through the SDK, timed), then for
each workload and number of concurrent callers runs the three clients one after the other for a
fixed time and reports calls per second and latency percentiles. Deletes take each id once and
the ids are added back after each run, so every client sees the same collection.

Usage: hot_path.py --worker PATH [--sizes 100000,1000000] [--callers 1,8,32] [--seconds 3]
                   [--rounds 2] [--workloads get1,update1,…] [--json FILE]

Each measurement runs --rounds times with the three clients in rotated order, and each client's
best round is reported, so a background burst on the server (it builds the vector index after a
bulk load) favours no client.
Connection from SEEKDB_HOST / SEEKDB_PORT / SEEKDB_USER / SEEKDB_PASSWORD / SEEKDB_DATABASE.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time

import pyseekdb

WORKLOADS = {
    "get1": "get(ids: one)",
    "update1": "update(ids: one, metadatas:) replace",
    "merge1": "update(ids: one, metadatas:) merge",
    "upsert1": "upsert(ids: one existing, metadatas:)",
    "delete1": "delete(ids: one)",
    "get1000": "get of 1,000 ids in one call",
    "update1000": "update of 1,000 ids (metadata) in one call",
    "query_filtered": "query top-10 with a metadata filter",
}
ONE_CALLER_ONLY = {"get1000", "update1000"}   # the raw form needs one connection per transaction
DELETES_PER_RUN = 1500                          # as HotCall.maximumCalls in HotPathMode.swift
DIMENSION = 8


def vector(i):
    return [((j * 31 + i * 17) % 97) / 97 for j in range(DIMENSION)]


def worker(path, *args):
    out = subprocess.run([path, *map(str, args)], check=True, capture_output=True, text=True).stdout
    lines = [line for line in out.splitlines() if line.startswith("{")]
    return json.loads(lines[-1])


def connect():
    env = os.environ
    return pyseekdb.Client(host=env.get("SEEKDB_HOST", "127.0.0.1"), port=int(env.get("SEEKDB_PORT", "2881")),
                           database=env.get("SEEKDB_DATABASE", "test"), user=env.get("SEEKDB_USER", "root"),
                           password=env.get("SEEKDB_PASSWORD", ""))


def pyseekdb_run(name, workload, callers, seconds, records, first):
    """Each thread has its own pyseekdb client (as pyseekdb recommends); the clock starts once all are open."""
    collections = [connect().get_collection(name, embedding_function=None) for _ in range(callers)]
    next_delete = [first]
    lock = threading.Lock()
    latencies = [[] for _ in range(callers)]
    barrier = threading.Barrier(callers + 1)
    deadline = [0.0]

    def run(k):
        col = collections[k]
        rnd = random.Random(k + 1)
        barrier.wait()
        while time.perf_counter() < deadline[0]:
            i = rnd.randrange(records)
            if workload == "delete1":
                with lock:
                    if next_delete[0] >= first + DELETES_PER_RUN:
                        break
                    i = next_delete[0]
                    next_delete[0] += 1
            start = time.perf_counter()
            if workload == "get1":
                col.get(ids=[f"id{i}"])
            elif workload in ("update1", "upsert1"):
                meta = {"n": i, "g": i % 10, "v": rnd.randrange(1000)}
                if workload == "update1":
                    col.update(ids=[f"id{i}"], metadatas=[meta])
                else:
                    col.upsert(ids=[f"id{i}"], metadatas=[meta])
            elif workload == "delete1":
                col.delete(ids=[f"id{i}"])
            elif workload in ("get1000", "update1000"):
                ids = sorted({f"id{rnd.randrange(records)}" for _ in range(1000)})
                if workload == "get1000":
                    # pyseekdb applies its default limit of 100 to get(ids=…) as well: ask for all.
                    col.get(ids=ids, limit=len(ids))
                else:
                    r = rnd.randrange(1000)
                    col.update(ids=ids, metadatas=[{"n": int(x[2:]), "r": r} for x in ids])
            elif workload == "query_filtered":
                col.query(query_embeddings=[vector(i)], n_results=10, where={"g": 3})
            latencies[k].append((time.perf_counter() - start) * 1000)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(callers)]
    for t in threads:
        t.start()
    deadline[0] = time.perf_counter() + seconds
    begin = time.perf_counter()
    barrier.wait()
    for t in threads:
        t.join()
    wall = time.perf_counter() - begin
    all_ms = sorted(x for part in latencies for x in part)
    pct = lambda p: all_ms[min(len(all_ms) - 1, int(len(all_ms) * p))] if all_ms else 0
    return {"calls": len(all_ms), "seconds": wall, "per_second": len(all_ms) / wall, "p50_ms": pct(0.5), "p99_ms": pct(0.99)}


def fmt_rate(m):
    if m and "error" in m:
        return "error"
    return f"{m['per_second']:,.0f}/s" if m else "n/a"


def rate(m):
    return m["per_second"] if m and "per_second" in m else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--worker", required=True)
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--callers", default="1,8,32")
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--workloads", default=",".join(WORKLOADS))
    ap.add_argument("--json", default=None)
    ap.add_argument("--rounds", type=int, default=2, help="rounds per measurement, clients in rotated order; best counts")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    callers_list = [int(x) for x in args.callers.split(",")]
    workloads = args.workloads.split(",")
    results = []
    for size in sizes:
        name = f"hot_{size}"
        loaded = worker(args.worker, "hot-load", name, size)
        print(f"loaded {size:,} records through the SDK in {loaded['seconds']:.1f} s", flush=True)
        # Let the server settle after the bulk load (it builds the vector index and dumps the
        # memtable in the background): 5 s per 100,000 records.
        time.sleep(max(5, size // 20000))
        delete_base = 0
        order = ["sdk", "raw", "pyseekdb"]
        for workload in workloads:
            for callers in callers_list:
                if workload in ONE_CALLER_ONLY and callers != 1:
                    continue
                row = {"records": size, "workload": workload, "callers": callers}
                # Rounds with the clients in rotated order; each client's best round counts, so a
                # background burst on the server hurts no client more than another.
                for round_index in range(args.rounds):
                    order = order[1:] + order[:1]
                    for client in order:
                        first = delete_base
                        if workload == "merge1" and client == "pyseekdb":
                            row[client] = None   # pyseekdb has no merge mode
                            continue
                        if client == "pyseekdb":
                            try:
                                got = pyseekdb_run(name, workload, callers, args.seconds, size, first)
                            except Exception as error:   # a statement timeout on a loaded server, say
                                got = {"error": str(error)}
                        else:
                            got = worker(args.worker, "hot", name, client, workload, callers, args.seconds, first)
                        if rate(got) is not None and (rate(row.get(client)) or 0) < rate(got):
                            row[client] = got
                        elif client not in row:
                            row[client] = got
                        if workload == "delete1":
                            worker(args.worker, "hot-restore", name, first, DELETES_PER_RUN)
                            delete_base += DELETES_PER_RUN
                sdk, raw, py = rate(row["sdk"]), rate(row["raw"]), rate(row["pyseekdb"])
                row["sdk_over_py"] = sdk / py if sdk and py else None
                row["raw_over_sdk"] = raw / sdk if sdk and raw else None
                results.append(row)
                print(json.dumps(row), flush=True)
    print()
    print("| records | call | callers | SDK | raw SQL | pyseekdb | SDK / pyseekdb | raw / SDK | SDK p50 / p99 ms |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        sdk = r["sdk"]
        ratio = f"{r['sdk_over_py']:.2f}" if r["sdk_over_py"] else "—"
        raw_ratio = f"{r['raw_over_sdk']:.2f}" if r["raw_over_sdk"] else "—"
        latency = f"{sdk['p50_ms']:.2f} / {sdk['p99_ms']:.2f}" if "p50_ms" in sdk else "—"
        print(f"| {r['records']:,} | {WORKLOADS[r['workload']]} | {r['callers']} | {fmt_rate(sdk)} | {fmt_rate(r['raw'])} | "
              f"{fmt_rate(r['pyseekdb'])} | {ratio} | {raw_ratio} | {latency} |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
