#!/usr/bin/env bash
# Runs bench_kernels from an existing build dir (builds nothing), pinned to one
# core and repeated 3 times, then prints a markdown table of the medians.
# Usage: bench/run_kernel_bench.sh BUILD_DIR [extra Google Benchmark flags...]
# VNPU_BENCH_CPU picks the core (default 1).
set -euo pipefail
build_dir=${1:?usage: run_kernel_bench.sh BUILD_DIR [benchmark flags...]}
shift
binary="$build_dir/bench/bench_kernels"
if [ ! -x "$binary" ]; then
  echo "run_kernel_bench: $binary not found; build the bench_kernels target first" >&2
  exit 2
fi
json=$(mktemp)
trap 'rm -f "$json"' EXIT
taskset -c "${VNPU_BENCH_CPU:-1}" "$binary" --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true --benchmark_format=json "$@" >"$json"

source "$(dirname "$0")/bench_machine.sh"
print_bench_machine "${VNPU_BENCH_CPU:-1}"
echo
python3 - "$json" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
medians = [r for r in runs if r.get("aggregate_name") == "median"]
if medians:
    print(f"Median of {medians[0]['repetitions']} repetitions.\n")
reference = {}
rows = []
for r in medians:
    layer, variant = r["run_name"].split("/", 1)
    gops = r["GOPS"]
    if variant == "reference":
        reference[layer] = gops
    rows.append((layer, variant, r["cpu_time"], r["real_time"], r["time_unit"], gops))
print("| layer | variant | CPU time | wall time | GOPS (2 x MACs / CPU s) | x reference |")
print("|---|---|---|---|---|---|")
for layer, variant, cpu, real, unit, gops in rows:
    ratio = f"{gops / reference[layer]:.1f}" if reference.get(layer) else "-"
    print(f"| {layer} | {variant} | {cpu:.1f} {unit} | {real:.1f} {unit} | {gops:.1f} | {ratio} |")
PY
