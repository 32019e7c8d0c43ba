#!/usr/bin/env python3
"""Times every embedding route on the same texts, interleaved over several rounds, and prints a
markdown table of texts per second (median of the rounds), each route's ratio to onnxruntime,
peak memory, and how closely each route's vectors agree with onnxruntime's.

Each route runs in a fresh process per round (model load not timed), and the order of the routes
rotates from round to round, so a slow moment of a shared machine does not land on one route.
The CPU used by other processes during each run is recorded: figures taken beside a build are
not worth keeping.

Usage: compare.py --sdk PATH [--routes sdk,ort,st,pyseekdb] [--rounds 3] [--texts FILE]
                  [--model-dir DIR] [--onnx-cache DIR] [--json FILE]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import workloads  # noqa: E402


def busy_cpu_seconds():
    """CPU seconds all processes have used, from /proc/stat."""
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:9]]
    user, nice, system, idle, iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds():
    times = os.times()
    return times.children_user + times.children_system


def run_route(route, arguments):
    if route == "sdk":
        command = [arguments.sdk, "--texts", arguments.texts, "--json", "--model-dir", arguments.model_dir]
    else:
        command = [sys.executable, str(HERE / "routes.py"), route, "--texts", arguments.texts,
                   "--model-dir", arguments.model_dir, "--onnx-cache", arguments.onnx_cache]
    busy, own, started = busy_cpu_seconds(), children_cpu_seconds(), time.perf_counter()
    finished = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    if finished.returncode != 0:
        sys.exit(f"compare: route {route} failed (exit {finished.returncode})")
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    others = (busy_cpu_seconds() - busy) - (children_cpu_seconds() - own)
    result["other_processes_cores"] = round(max(0.0, others) / wall, 2)
    return result


def unit(vector):
    norm = sum(x * x for x in vector) ** 0.5
    return [x / norm for x in vector]


def lowest_cosine(samples, reference):
    return min(sum(a * b for a, b in zip(unit(x), unit(y))) for x, y in zip(samples, reference))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sdk", help="the EmbeddingBenchmark executable (release build)")
    parser.add_argument("--routes", default="sdk,ort,st,pyseekdb")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--texts", default=str(HERE.parent / ".results" / "embedding-texts.json"))
    parser.add_argument("--model-dir", default=os.environ.get(
        "SEEKDB_MODEL_DIR", str(Path.home() / ".cache" / "seekdb-swift" / "all-MiniLM-L6-v2")))
    parser.add_argument("--onnx-cache", default=str(Path.home() / ".cache" / "pyseekdb" / "onnx_models"))
    parser.add_argument("--json", default=str(HERE.parent / ".results" / "embedding-routes.json"))
    arguments = parser.parse_args()
    routes = arguments.routes.split(",")
    if "sdk" in routes and not arguments.sdk:
        sys.exit("compare: --sdk PATH is needed for the sdk route")
    texts = workloads.load_or_make(arguments.texts, arguments.model_dir)
    counts = {name: len(texts[name]) for name in ("short", "long")}

    print(f"== load average at start: {os.getloadavg()}", file=sys.stderr)
    runs = {route: [] for route in routes}
    for round_number in range(arguments.rounds):
        shift = round_number % len(routes)
        for route in routes[shift:] + routes[:shift]:
            result = run_route(route, arguments)
            runs[route].append(result)
            print(f"   round {round_number + 1} {route:9} short {counts['short'] / result['short_s']:7.1f}/s "
                  f"long {counts['long'] / result['long_s']:6.1f}/s  rss {result['peak_rss_mb']:.0f} MB  "
                  f"other processes {result['other_processes_cores']} cores", file=sys.stderr, flush=True)
    print(f"== load average at end: {os.getloadavg()}", file=sys.stderr)

    rates = {route: {name: statistics.median(counts[name] / r[f"{name}_s"] for r in runs[route])
                     for name in ("short", "long")} for route in routes}
    print(f"\n| route | short ({counts['short']} texts), texts/s | long ({counts['long']} texts), texts/s "
          "| ÷ ort (short / long) | peak RSS, MB | lowest cosine to ort |")
    print("|---|---:|---:|---:|---:|---:|")
    for route in routes:
        ratio = "–"
        agreement = "–"
        if "ort" in rates:
            ratio = f"{rates[route]['short'] / rates['ort']['short']:.2f} / {rates[route]['long'] / rates['ort']['long']:.2f}"
            reference = runs["ort"][0]
            lowest = min(lowest_cosine(runs[route][0][f"{n}_sample"], reference[f"{n}_sample"]) for n in ("short", "long"))
            agreement = f"{lowest:.7f}"
        rss = max(r["peak_rss_mb"] for r in runs[route])
        print(f"| {route} | {rates[route]['short']:.1f} | {rates[route]['long']:.1f} | {ratio} | {rss:.0f} | {agreement} |")
    busiest = max(r["other_processes_cores"] for route in routes for r in runs[route])
    print(f"\nMedian of {arguments.rounds} round(s); other processes used at most {busiest} cores during a run.")
    Path(arguments.json).parent.mkdir(parents=True, exist_ok=True)
    Path(arguments.json).write_text(json.dumps({"texts": counts, "runs": runs, "rates": rates}, indent=1) + "\n")


if __name__ == "__main__":
    main()
