#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build, and run the main job on
# the built-in default model (a DS-CNN keyword-spotting network generated as a
# real .tflite with deterministic weights): run it on the CPU kernels, compile it
# for an Ethos-U55-256, run the compiled model on the functional NPU (its output
# must equal the CPU's), then on the timed SystemC NPU for cycles, time, bytes per
# AXI port, energy and power.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install_deps.sh"
"$root/scripts/build.sh" "$root/build"
vnpu="$root/build/cli/vnpu"
out="$root/build/out"
mkdir -p "$out/cpu" "$out/npu"
"$vnpu" make-model --name kws-dscnn -o "$out/kws_dscnn_builtin.tflite"
"$vnpu" run "$out/kws_dscnn_builtin.tflite" --backend cpu --output-dir "$out/cpu"
"$vnpu" compile "$out/kws_dscnn_builtin.tflite" -o "$out/kws_dscnn_vnpu.tflite" \
  --accelerator-config ethos-u55-256
"$vnpu" run "$out/kws_dscnn_vnpu.tflite" --backend functional \
  --accelerator-config ethos-u55-256 --output-dir "$out/npu"
cmp "$out/cpu/output_0.npy" "$out/npu/output_0.npy"
echo "quickstart: the compiled model's output on the functional NPU equals the CPU kernels'"
"$vnpu" run "$out/kws_dscnn_vnpu.tflite" --backend systemc --accelerator-config ethos-u55-256 \
  --report "$out/kws_dscnn_systemc.json" --trace "$out/kws_dscnn_timeline.json"
