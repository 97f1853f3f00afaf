#!/usr/bin/env bash
# Cross-builds the firmware NPU driver (firmware/driver/*.c) and the inference
# runner with its CPU kernels (firmware/runner/*.c) for a Cortex-M55 with
# Debian's arm-none-eabi-gcc (package gcc-arm-none-eabi; the headers come from
# libnewlib-arm-none-eabi) and prints the size of every object, of the whole
# driver and of the runner (.text/.data/.bss, arm-none-eabi-size; the runner's
# .bss is its arena planner's scratch, its tables are the caller's vnpu_model
# and vnpu_runner, whose sizes are printed too).
#
# Usage: scripts/build_firmware.sh [OUTPUT_DIR]     (default: build/firmware-cortex-m55)
# Flags: -mcpu=cortex-m55 -mthumb -mfloat-abi=hard -Os, C11, -ffreestanding,
# -ffunction-sections -fdata-sections, warnings as errors (the host build's set).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/build/firmware-cortex-m55}"
cc=arm-none-eabi-gcc
if ! command -v "$cc" >/dev/null; then
  echo "build_firmware: $cc not found; install gcc-arm-none-eabi libnewlib-arm-none-eabi" >&2
  exit 1
fi

flags=(-std=c11 -mcpu=cortex-m55 -mthumb -mfloat-abi=hard -Os -ffreestanding
       -ffunction-sections -fdata-sections
       -Wall -Wextra -Werror -pedantic -Wconversion -Wshadow)
mkdir -p "$out"
build_library() {  # NAME SOURCE_DIR: objects and lib$NAME.a in $out/$NAME
  local name="$1" dir="$2" objects=()
  mkdir -p "$out/$name"
  for source in "$dir"/*.c; do
    local object="$out/$name/$(basename "${source%.c}").o"
    "$cc" "${flags[@]}" -c "$source" -o "$object"
    objects+=("$object")
  done
  rm -f "$out/lib$name.a"
  arm-none-eabi-ar rcs "$out/lib$name.a" "${objects[@]}"
  arm-none-eabi-size "${objects[@]}" | sed "s|$out/||"
  arm-none-eabi-size --totals "${objects[@]}" | tail -n 1 |
    awk -v what="$3" '{printf "%s total: .text %d B, .data %d B, .bss %d B\n", what, $1, $2, $3}'
}

echo "vnpu firmware, $("$cc" --version | head -n 1), ${flags[*]:1:4}"
build_library vnpu_firmware_driver "$root/firmware/driver" driver
build_library vnpu_firmware_runner "$root/firmware/runner" "runner (reader, CPU kernels, loop)"
# The sizes of the state a caller keeps (statically) for one model.
cat > "$out/state_sizes.c" <<C
#include "$root/firmware/runner/include/vnpu_runner.h"
vnpu_model state_model;
vnpu_runner state_runner;
C
"$cc" "${flags[@]}" -c "$out/state_sizes.c" -o "$out/state_sizes.o"
arm-none-eabi-nm -S "$out/state_sizes.o" | while read -r _ size _ symbol; do
  echo "caller's state: struct vnpu_${symbol#state_} $((16#$size)) B"
done
