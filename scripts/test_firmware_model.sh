#!/usr/bin/env bash
# Runs a shared model on the emulated Cortex-M55 (scripts/run_firmware_qemu.sh,
# CPU fallback only) for seeds 1-3 and checks that every output .npy is
# byte-identical with the golden output_<seed>_0.npy.
#
# Usage: scripts/test_firmware_model.sh MODEL_DIR OUTPUT_DIR
# Exit 0: all identical; 1: a difference or a failed run; 77: MODEL_DIR absent
# (a skip for ctest, except under CI=true, where it is a failure).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
if [[ $# -ne 2 ]]; then
  echo "usage: test_firmware_model.sh MODEL_DIR OUTPUT_DIR" >&2
  exit 2
fi
model_dir="$1" out="$2"
name="$(basename "$model_dir")"
if [[ ! -f "$model_dir/model.tflite" ]]; then
  echo "test_firmware_model: $model_dir/model.tflite not found" >&2
  [[ "${CI:-}" == "true" ]] && exit 1
  exit 77
fi
failed=0
for seed in 1 2 3; do
  run="$out/$name/seed$seed"
  mkdir -p "$run"
  "$root/scripts/run_firmware_qemu.sh" "$model_dir/model.tflite" "$model_dir/input_${seed}_0.npy" \
    "$run" > "$run.log" 2>&1 || { cat "$run.log"; failed=1; continue; }
  grep '^total' "$run.log" | sed "s|^|$name seed $seed: |"
  if cmp "$run/output_0.npy" "$model_dir/output_${seed}_0.npy"; then
    echo "$name seed $seed: byte-identical with output_${seed}_0.npy"
  else
    echo "$name seed $seed: FAIL, differs from output_${seed}_0.npy"
    failed=1
  fi
done
[[ $failed -eq 0 ]] && echo "$name: PASS on the emulated Cortex-M55"
exit $failed
