#!/usr/bin/env bash
# Quick start, step 2: build and run every test.
#  1. Release build: the whole default suite (everything but the `slow` label).
#  2. AddressSanitizer + UndefinedBehaviorSanitizer build with Clang 14: the same
#     suite again, so malformed-input tests prove there is no out-of-bounds access
#     or UB, and the tree is known to build with a second compiler (GCC in pass 1).
#  3. libFuzzer: every harness of fuzz/ for a fixed seed and number of executions
#     (scripts/fuzz.sh --smoke, about 30 s each), so the smoke runs the same inputs
#     on every machine; any crash, leak, timeout or out-of-memory input
#     fails (docs/ROBUSTNESS.md). Longer, randomly seeded runs: scripts/fuzz.sh.
# Set VNPU_TEST_SLOW=1 to include the `slow` label.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install_deps.sh"
jobs=$(nproc)
label_filter=(-LE slow)
[ "${VNPU_TEST_SLOW:-0}" = "1" ] && label_filter=()

"$root/scripts/build.sh" "$root/build"
(cd "$root/build" && ctest --output-on-failure -j "$jobs" "${label_filter[@]}")

# Its own folder: a compiler is fixed when a build folder is configured.
CC=clang-14 CXX=clang++-14 "$root/scripts/build.sh" "$root/build-sanitize-clang" \
  -DCMAKE_BUILD_TYPE=Debug -DVNPU_SANITIZE=ON -DVNPU_BUILD_BENCHMARKS=OFF
(cd "$root/build-sanitize-clang" &&
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure -j "$jobs" "${label_filter[@]}")

"$root/scripts/fuzz.sh" --smoke
