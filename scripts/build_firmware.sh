#!/usr/bin/env bash
# Cross-builds the firmware NPU driver (firmware/driver/*.c) for a Cortex-M55
# with Debian's arm-none-eabi-gcc (package gcc-arm-none-eabi; the headers come
# from libnewlib-arm-none-eabi) and prints the size of every object and of the
# whole driver (.text/.data/.bss, arm-none-eabi-size).
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
objects=()
for source in "$root"/firmware/driver/*.c; do
  object="$out/$(basename "${source%.c}").o"
  "$cc" "${flags[@]}" -c "$source" -o "$object"
  objects+=("$object")
done
rm -f "$out/libvnpu_firmware_driver.a"
arm-none-eabi-ar rcs "$out/libvnpu_firmware_driver.a" "${objects[@]}"

echo "vnpu firmware driver, $("$cc" --version | head -n 1), ${flags[*]:1:4}"
arm-none-eabi-size "${objects[@]}" | sed "s|$out/||"
arm-none-eabi-size --totals "${objects[@]}" | tail -n 1 |
  awk '{printf "driver total: .text %d B, .data %d B, .bss %d B\n", $1, $2, $3}'
