#!/usr/bin/env bash
# Prints a fingerprint of what vnpu computes on the shared models, for proving that a change which
# should alter structure only leaves behaviour alone: the sha256 of every compiled shared model
# (ethos-u55-128/-256 x Shared_Sram/Sram_Only) and, for Vela's streams and our Shared_Sram compiles,
# the SystemC PMU cycle counter, total cycles and energy lines. Diff the output before and after.
# Usage: scripts/fingerprint.sh [BUILD_DIR] [SHARED_MODELS_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
models=${2:-$root/../shared/models}
vnpu=$build/cli/vnpu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
system=Ethos_U55_High_End_Embedded

systemc_line() {  # model input config
  "$vnpu" run "$1" --backend systemc --accelerator-config "$3" --input "$2" |
    grep -E "^(PMU \(registers\)|total NPU|energy|output )" | tr '\n' ' '
}

for dir in "$models"/*/; do
  name=$(basename "$dir")
  for config in ethos-u55-128 ethos-u55-256; do
    for mode in Shared_Sram Sram_Only; do
      out=$work/${name}_${config}_${mode}.tflite
      "$vnpu" compile "$dir/model.tflite" -o "$out" --accelerator-config "$config" \
        --system-config "$system" --memory-mode "$mode" >/dev/null
      echo "compiled $name $config $mode $(sha256sum <"$out" | cut -c1-64)"
    done
    vela=$(ls "$dir"vela/$config/*_vela.tflite)
    echo "systemc vela $name $config: $(systemc_line "$vela" "$dir/input_1_0.npy" "$config")"
    echo "systemc ours $name $config: $(systemc_line "$work/${name}_${config}_Shared_Sram.tflite" \
      "$dir/input_1_0.npy" "$config")"
  done
done
