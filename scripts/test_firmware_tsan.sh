#!/usr/bin/env bash
# Builds the firmware driver tests (tests/firmware/driver) with GCC's
# ThreadSanitizer and runs them: the registry test's 4 threads on 2 NPUs and
# the IRQ raised from a second thread must show no data race.
#
# Usage: scripts/test_firmware_tsan.sh BUILD_DIR [OUTPUT_DIR]
#   BUILD_DIR: a configured and built tree (for libvnpu_tflite/ir/isa/core.a)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:?usage: scripts/test_firmware_tsan.sh BUILD_DIR [OUTPUT_DIR]}"
out="${2:-$build/firmware-tsan}"
models="$root/../shared/models"  # the Vela payload test skips when absent
mkdir -p "$out"
sanitize=(-O1 -g -fsanitize=thread)
objects=()
for source in "$root"/firmware/driver/*.c; do
  object="$out/$(basename "$source").o"
  gcc -std=c11 "${sanitize[@]}" -Wall -Wextra -Werror -pedantic -c "$source" -o "$object"
  objects+=("$object")
done
for source in "$root"/tests/firmware/driver/*.cc "$root"/tests/isa/vela_models.cc; do
  # Single-threaded, and it would pull in the whole functional NPU: not here.
  [ "$(basename "$source")" = functional_shim_test.cc ] && continue
  object="$out/$(basename "$source").o"
  g++ -std=c++17 "${sanitize[@]}" -I"$root" -DVNPU_SHARED_MODELS_DIR="\"$models\"" \
      -c "$source" -o "$object"
  objects+=("$object")
done
g++ -fsanitize=thread "${objects[@]}" "$build/tflite/libvnpu_tflite.a" "$build/ir/libvnpu_ir.a" \
    "$build/isa/libvnpu_isa.a" "$build/core/libvnpu_core.a" -lflatbuffers -lgtest -lgtest_main \
    -pthread \
    -o "$out/test_firmware_driver_tsan"
TSAN_OPTIONS="halt_on_error=1" "$out/test_firmware_driver_tsan" --gtest_repeat=3 --gtest_brief=1
