#!/usr/bin/env bash
# Lints every RTL file with Verilator's full warning set; exits non-zero on any
# warning. Each top-level unit is linted with its own module hierarchy.
# Waivers: none (no lint_off pragma in rtl/ and no -Wno-* option here).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
verilator=${VERILATOR:-verilator}

# top module -> the files of its hierarchy
units=(
  "vnpu_output_unit:vnpu_output_unit.sv vnpu_output_lane.sv"
  "vnpu_elementwise_unit:vnpu_elementwise_unit.sv vnpu_elementwise_lane.sv vnpu_scale_value.sv"
  "vnpu_mac_array:vnpu_mac_array.sv vnpu_mac_point.sv vnpu_acc_store.sv"
  "vnpu_ifm_sequencer:vnpu_ifm_sequencer.sv"
  "vnpu_mac_datapath:vnpu_mac_datapath.sv vnpu_sram.sv vnpu_ifm_sequencer.sv vnpu_mac_array.sv vnpu_mac_point.sv vnpu_acc_store.sv"
)

status=0
linted=()
for unit in "${units[@]}"; do
  top=${unit%%:*}
  files=()
  for f in ${unit#*:}; do files+=("$here/$f"); linted+=("$f"); done
  if ! "$verilator" --lint-only -Wall --top-module "$top" "${files[@]}"; then
    echo "lint: $top has warnings" >&2
    status=1
  fi
done

# Every .sv file must belong to a linted unit.
for f in "$here"/*.sv; do
  name=$(basename "$f")
  if [[ ! " ${linted[*]} " =~ " $name " ]]; then
    echo "lint: $name belongs to no unit in rtl/lint.sh" >&2
    status=1
  fi
done
if grep -n "lint_off" "$here"/*.sv; then
  echo "lint: lint_off pragmas are not allowed (list waivers in rtl/lint.sh)" >&2
  status=1
fi
[ "$status" -eq 0 ] && echo "lint: ${#units[@]} unit(s), ${#linted[@]} file(s), 0 warnings"
exit "$status"
