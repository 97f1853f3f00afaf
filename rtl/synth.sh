#!/usr/bin/env bash
# Synthesises each RTL unit with Yosys 0.23 for each ethos-u55 preset and
# prints a table of cells, flip-flops and an area estimate (markdown).
#
# Cell library assumption: no liberty file; Yosys's generic 2-input gates and
# MUX2 after `abc -fast -g` (full ABC scripts take minutes per multiplier on
# this machine), plus flip-flops; area = Yosys's CMOS transistor estimate
# (`stat -tech cmos`), NAND2 equivalents ~ transistors / 4. Memories are left
# unmapped (`memory -nomap`) and listed as bits: an SRAM macro in a real flow.
#
# Usage: rtl/synth.sh [preset...]   (default: all four presets)
#        SYNTH_UNITS="vnpu_mac_array vnpu_ifm_sequencer" rtl/synth.sh  only those units
#        SYNTH_NO_ABC=1 rtl/synth.sh  skips ABC (unoptimised techmap gates, fast)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
yosys=${YOSYS:-yosys}
command -v "$yosys" > /dev/null || { echo "synth: yosys not found (scripts/install_deps.sh)" >&2; exit 1; }

# preset -> output-unit lanes (isa/accelerator_config.h)
declare -A lanes=([ethos-u55-32]=1 [ethos-u55-64]=2 [ethos-u55-128]=4 [ethos-u55-256]=8)
# preset -> OFM micro-block "UbW UbH UbC" (MAC array, IFM sequencer)
declare -A ublock=([ethos-u55-32]="1 1 4" [ethos-u55-64]="1 1 8" [ethos-u55-128]="2 1 8"
                   [ethos-u55-256]="2 2 8")
# SYNTH_UNITS: which units to synthesise (default: all)
units=${SYNTH_UNITS:-"vnpu_output_unit vnpu_elementwise_unit vnpu_mac_array vnpu_ifm_sequencer"}
presets=("$@")
[ ${#presets[@]} -eq 0 ] && presets=(ethos-u55-32 ethos-u55-64 ethos-u55-128 ethos-u55-256)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

abc="abc -fast -g AND,NAND,OR,NOR,XOR,XNOR,ANDNOT,ORNOT,MUX;"
[ "${SYNTH_NO_ABC:-0}" = "1" ] && abc=""

# synth_unit TOP PRESET FILES... -> one table row
synth_unit() {
  local top=$1 preset=$2; shift 2
  local start=$SECONDS log="$work/$top.$preset.log"
  "$yosys" -q -l "$log" -p "read_verilog -sv $*; hierarchy -top $top; proc; flatten; opt; wreduce;
    tee -o $work/mem.txt stat; memory -nomap; opt; techmap; opt -fast; $abc opt_clean; tee -o $work/stat.txt stat -tech cmos" > /dev/null
  local cells dffs transistors membits
  cells=$(awk '/Number of cells:/ {print $4}' "$work/stat.txt" | tail -1)
  dffs=$(awk '/\$_.*DFF.*_/ {n += $2} END {print n + 0}' "$work/stat.txt")
  membits=$(awk '/Number of memory bits:/ {print $5}' "$work/mem.txt" | tail -1)
  transistors=$(awk '/Estimated number of transistors:/ {print $5}' "$work/stat.txt" | tr -d '+' | tail -1)
  printf '| %s | %s | %s | %s | %s | %s | ~%sk | %ss |\n' "$top" "$preset" "$cells" "$dffs" \
    "${membits:-0}" "$transistors" "$(( ${transistors:-0} / 4000 ))" "$((SECONDS - start))"
}

echo "| unit | preset | cells | flip-flops | memory bits | est. transistors | NAND2-eq | synth time |"
echo "|---|---|---|---|---|---|---|---|"
for preset in "${presets[@]}"; do
  [ -n "${lanes[$preset]:-}" ] || { echo "synth: unknown preset $preset" >&2; exit 2; }
  # Yosys 0.23 asserts in `hierarchy -chparam` when a submodule receives a
  # parameter, so the preset's value becomes the default in a copy.
  if [[ " $units " =~ " vnpu_output_unit " ]]; then
    sed "s/parameter int unsigned Lanes = [0-9]*/parameter int unsigned Lanes = ${lanes[$preset]}/" \
      "$here/vnpu_output_unit.sv" > "$work/vnpu_output_unit.sv"
    synth_unit vnpu_output_unit "$preset" "$here/vnpu_output_lane.sv" "$work/vnpu_output_unit.sv"
  fi
  if [[ " $units " =~ " vnpu_elementwise_unit " ]]; then
    sed "s/parameter int unsigned Lanes = [0-9]*/parameter int unsigned Lanes = ${lanes[$preset]}/" \
      "$here/vnpu_elementwise_unit.sv" > "$work/vnpu_elementwise_unit.sv"
    synth_unit vnpu_elementwise_unit "$preset" "$here/vnpu_scale_value.sv" \
      "$here/vnpu_elementwise_lane.sv" "$work/vnpu_elementwise_unit.sv"
  fi
  read -r ub_w ub_h ub_c <<< "${ublock[$preset]}"
  for top in vnpu_mac_array vnpu_ifm_sequencer; do
    [[ " $units " =~ " $top " ]] || continue
    sed -e "s/parameter int unsigned UbW = [0-9]*/parameter int unsigned UbW = $ub_w/" \
        -e "s/parameter int unsigned UbH = [0-9]*/parameter int unsigned UbH = $ub_h/" \
        -e "s/parameter int unsigned UbC = [0-9]*/parameter int unsigned UbC = $ub_c/" \
        "$here/$top.sv" > "$work/$top.sv"
  done
  if [[ " $units " =~ " vnpu_mac_array " ]]; then
    synth_unit vnpu_mac_array "$preset" "$here/vnpu_mac_point.sv" "$here/vnpu_acc_store.sv" \
      "$work/vnpu_mac_array.sv"
  fi
  if [[ " $units " =~ " vnpu_ifm_sequencer " ]]; then
    synth_unit vnpu_ifm_sequencer "$preset" "$work/vnpu_ifm_sequencer.sv"
  fi
done
