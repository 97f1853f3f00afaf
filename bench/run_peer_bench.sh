#!/usr/bin/env bash
# Runs bench_peers from an existing build dir (builds nothing), pinned to one
# core and repeated 5 times, then prints a markdown table of the medians: GOPS
# from CPU time, our fastest variant over each peer, and how many of each
# peer's output bytes differ from ours (TFLite's) with the largest |difference|.
# Usage: bench/run_peer_bench.sh BUILD_DIR [extra Google Benchmark flags...]
# VNPU_BENCH_CPU picks the core (default 1).
set -euo pipefail
build_dir=${1:?usage: run_peer_bench.sh BUILD_DIR [benchmark flags...]}
shift
binary="$build_dir/bench/bench_peers"
if [ ! -x "$binary" ]; then
  echo "run_peer_bench: $binary not found; install libxnnpack-dev, libpthreadpool-dev and" \
    "libdnnl-dev, then build the bench_peers target" >&2
  exit 2
fi
json=$(mktemp)
trap 'rm -f "$json"' EXIT
OMP_NUM_THREADS=1 taskset -c "${VNPU_BENCH_CPU:-1}" "$binary" --benchmark_repetitions=5 \
  --benchmark_report_aggregates_only=true --benchmark_format=json "$@" >"$json"

source "$(dirname "$0")/bench_machine.sh"
print_bench_machine "${VNPU_BENCH_CPU:-1}"
echo
python3 - "$json" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
medians = [r for r in runs if r.get("aggregate_name") == "median"]
if medians:
    print(f"Median of {medians[0]['repetitions']} repetitions; GOPS = 2 x MACs / CPU second.\n")
best_ours = {}
for r in medians:
    layer, variant = r["run_name"].split("/", 1)
    if variant.startswith("vnpu_"):
        best_ours[layer] = max(best_ours.get(layer, 0.0), r["GOPS"])
print("| layer | variant | CPU time | wall time | GOPS | vnpu fastest / this |"
      " output bytes differing from ours | max abs diff |")
print("|---|---|---|---|---|---|---|---|")
for r in medians:
    layer, variant = r["run_name"].split("/", 1)
    gops = r["GOPS"]
    ratio = f"{best_ours[layer] / gops:.2f}" if gops else "-"
    differing = f"{r['differing_bytes']:.0f}" if "differing_bytes" in r else "0 (is ours)"
    max_diff = f"{r['max_abs_diff']:.0f}" if "max_abs_diff" in r else "0"
    unit = r["time_unit"]
    print(f"| {layer} | {variant} | {r['cpu_time']:.1f} {unit} | {r['real_time']:.1f} {unit} |"
          f" {gops:.1f} | {ratio} | {differing} | {max_diff} |")
PY
