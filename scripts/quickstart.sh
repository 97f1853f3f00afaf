#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build, and run the main job on
# the built-in default model (a DS-CNN keyword-spotting network generated as a
# real .tflite with deterministic weights).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install_deps.sh"
"$root/scripts/build.sh" "$root/build"
vnpu="$root/build/cli/vnpu"
mkdir -p "$root/build/out"
"$vnpu" make-model --name kws-dscnn -o "$root/build/out/kws_dscnn_builtin.tflite"
"$vnpu" run "$root/build/out/kws_dscnn_builtin.tflite" --backend cpu \
  --output-dir "$root/build/out"
