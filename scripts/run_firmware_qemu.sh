#!/usr/bin/env bash
# Builds the firmware self-test (firmware/selftest/ + the driver,
# firmware/driver/) for a Cortex-M55 with arm-none-eabi-gcc and runs it on
# qemu-system-arm -machine mps3-an547 with semihosting. The image prints its
# results and exits with status 0 only when every check passed.
#
# Usage: scripts/run_firmware_qemu.sh [OUTPUT_DIR]   (default: build/firmware-selftest)
# Needs: gcc-arm-none-eabi, libnewlib-arm-none-eabi (memcpy/memset), qemu-system-arm.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/build/firmware-selftest}"
for tool in arm-none-eabi-gcc qemu-system-arm; do
  if ! command -v "$tool" >/dev/null; then
    echo "run_firmware_qemu: $tool not found (scripts/install_deps.sh installs it)" >&2
    exit 1
  fi
done

mkdir -p "$out"
elf="$out/vnpu_selftest.elf"
arm-none-eabi-gcc -std=c11 -mcpu=cortex-m55 -mthumb -mfloat-abi=hard -Os -ffreestanding \
  -ffunction-sections -fdata-sections -Wall -Wextra -Werror -pedantic -Wconversion -Wshadow \
  -nostartfiles -T "$root/firmware/selftest/mps3_an547.ld" -Wl,--gc-sections \
  "$root"/firmware/selftest/*.c "$root"/firmware/driver/*.c -lc -lgcc -o "$elf"
arm-none-eabi-size "$elf" | sed "s|$out/||"

# The image exits through semihosting; the timeout only guards against a hang.
timeout 60 qemu-system-arm -machine mps3-an547 -nographic -monitor none -serial none \
  -semihosting-config enable=on,target=native -kernel "$elf"
