#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build, and run the main job on
# the built-in default model (a DS-CNN keyword-spotting network generated as a
# real .tflite with deterministic weights): run it on the CPU kernels, compile it
# for an Ethos-U55-256 and run the compiled model on the functional NPU.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install_deps.sh"
"$root/scripts/build.sh" "$root/build"
vnpu="$root/build/cli/vnpu"
mkdir -p "$root/build/out"
"$vnpu" make-model --name kws-dscnn -o "$root/build/out/kws_dscnn_builtin.tflite"
"$vnpu" run "$root/build/out/kws_dscnn_builtin.tflite" --backend cpu \
  --output-dir "$root/build/out"
"$vnpu" compile "$root/build/out/kws_dscnn_builtin.tflite" -o "$root/build/out/kws_dscnn_vnpu.tflite" \
  --accelerator-config ethos-u55-256
"$vnpu" run "$root/build/out/kws_dscnn_vnpu.tflite" --backend functional \
  --accelerator-config ethos-u55-256 --output-dir "$root/build/out/npu"
