#!/usr/bin/env bash
# Coverage-guided fuzzing of every untrusted entry point (fuzz/, docs/ROBUSTNESS.md).
#   scripts/fuzz.sh [--seconds N] [--runs R] [--seed S] [--smoke] [--update-corpus] [HARNESS...]
# Builds the libFuzzer harnesses with Clang 14 + ASan + UBSan in build-fuzz/,
# generates seed corpora from ../shared (scripts/fuzz_seeds.py), runs each
# harness for N seconds (default 30), or until R executions if --runs comes
# first (the long campaign: --runs 10000000 --seconds 3600), on its committed corpus fuzz/corpus/<h>,
# the seeds and a working corpus build-fuzz/corpus/<h>, and prints per harness
# executions, exec/s, coverage (cov, ft) and findings (crash-/leak-/timeout-/oom-
# files, kept in build-fuzz/findings/<h>/). --seed S fixes libFuzzer's random
# seed (default 0: a new seed each run). --smoke is the CI step: seed 1, a
# fixed number of executions per harness (smoke_runs, about 30 s each on the
# 2-core CI machine), an empty working corpus, no corpus reloads and no
# address-space randomization, so it runs the very same inputs on every run
# and a finding is reproducible. --update-corpus replaces
# fuzz/corpus/<h> by a -merge=1 minimization of it and the working corpus
# (files named regression-* are always kept). Exit 1 on any finding.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-fuzz"
seconds=30
runs=0
update_corpus=0
smoke=0
seed=0
harnesses=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --smoke) smoke=1; seed=1; shift ;;
    --update-corpus) update_corpus=1; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) harnesses+=("$1"); shift ;;
  esac
done
all=(fuzz_tflite_reader fuzz_cpu_run fuzz_compile fuzz_command_stream fuzz_functional_npu
     fuzz_weight_decoder fuzz_npy fuzz_ini fuzz_firmware_runner fuzz_firmware_payload)
[ ${#harnesses[@]} -eq 0 ] && harnesses=("${all[@]}")

# Longest input per harness: models and payloads up to 256 KiB, the rest small.
max_len() {
  case "$1" in
    fuzz_tflite_reader|fuzz_cpu_run|fuzz_compile|fuzz_firmware_runner) echo 262144 ;;
    fuzz_command_stream|fuzz_functional_npu|fuzz_firmware_payload) echo 65536 ;;
    *) echo 16384 ;;
  esac
}
# Executions per harness in the smoke: about 30 s each on the CI machine.
smoke_runs() {
  case "$1" in
    fuzz_tflite_reader) echo 1500000 ;;
    fuzz_cpu_run|fuzz_compile) echo 225000 ;;
    fuzz_command_stream) echo 450000 ;;
    fuzz_functional_npu) echo 30000 ;;
    fuzz_weight_decoder) echo 180000 ;;
    fuzz_npy) echo 3000000 ;;
    fuzz_ini) echo 300000 ;;
    fuzz_firmware_runner) echo 1200000 ;;
    fuzz_firmware_payload) echo 3000000 ;;
  esac
}
dictionary() {
  case "$1" in
    fuzz_tflite_reader|fuzz_cpu_run|fuzz_compile|fuzz_firmware_runner)
      echo "$root/fuzz/dict/tflite.dict" ;;
    fuzz_command_stream|fuzz_functional_npu|fuzz_firmware_payload)
      echo "$root/fuzz/dict/command_stream.dict" ;;
    fuzz_npy) echo "$root/fuzz/dict/npy.dict" ;;
    fuzz_ini) echo "$root/fuzz/dict/ini.dict" ;;
    *) echo "" ;;
  esac
}

if [ ! -f "$build/CMakeCache.txt" ]; then
  generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" "${generator[@]}" "${launcher[@]}" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVNPU_FUZZ=ON -DVNPU_BUILD_BENCHMARKS=OFF >/dev/null
fi
cmake --build "$build" -j "$(nproc)" --target vnpu_fuzzers

seeds="$build/seeds"
rm -rf "$seeds"
python3 "$root/scripts/fuzz_seeds.py" "$root/../shared" "$seeds"

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1
# The smoke runs with address-space randomization off where the kernel allows it:
# libFuzzer learns from compared values, and a pointer among them would make
# two runs of the same seed explore different inputs.
launch=()
if [ "$smoke" = 1 ] && setarch "$(uname -m)" -R true 2>/dev/null; then
  launch=(setarch "$(uname -m)" -R)
fi
failed=0
printf '%-22s %12s %9s %7s %7s  %s\n' harness executions exec/s cov ft findings
for h in "${harnesses[@]}"; do
  committed="$root/fuzz/corpus/$h"
  work="$build/corpus/$h"
  findings="$build/findings/$h"
  log="$build/logs/$h.log"
  mkdir -p "$committed" "$work" "$findings" "$(dirname "$log")" "$seeds/$h"
  rm -f "$findings"/*
  dict=$(dictionary "$h")
  options=(-seed="$seed" -max_len="$(max_len "$h")" -rss_limit_mb=2048 -timeout=10
           -print_final_stats=1 -artifact_prefix="$findings/")
  if [ "$smoke" = 1 ]; then
    rm -rf "$work" && mkdir -p "$work"
    options+=(-runs="$(smoke_runs "$h")" -reload=0)
  else
    options+=(-max_total_time="$seconds")
    [ "$runs" -gt 0 ] && options+=(-runs="$runs")
  fi
  [ -n "$dict" ] && options+=(-dict="$dict")
  "${launch[@]}" "$build/fuzz/$h" "${options[@]}" "$work" "$committed" "$seeds/$h" >"$log" 2>&1 || true
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  found=$(find "$findings" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
          -o -name 'oom-*' \) | sort)
  printf '%-22s %12s %9s %7s %7s  %s\n' "$h" "${executions:-?}" "${rate:-?}" "${cov:-?}" \
    "${ft:-?}" "$( [ -n "$found" ] && echo "$(echo "$found" | wc -l) (see $log)" || echo 0)"
  [ -n "$found" ] && { echo "$found" | sed 's/^/  /'; failed=1; }
  if [ "$update_corpus" = 1 ] && [ -z "$found" ]; then
    merged=$(mktemp -d)
    "$build/fuzz/$h" -merge=1 -max_len="$(max_len "$h")" -rss_limit_mb=2048 -timeout=10 \
      "$merged" "$committed" "$work" >>"$log" 2>&1
    find "$committed" -type f ! -name 'regression-*' -delete
    cp -n "$merged"/* "$committed"/ 2>/dev/null || true
    rm -rf "$merged"
  fi
done
exit "$failed"
