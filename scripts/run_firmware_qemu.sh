#!/usr/bin/env bash
# Runs a firmware image on qemu-system-arm -machine mps3-an547 (a Cortex-M55)
# with semihosting, built with arm-none-eabi-gcc.
#
# Usage:
#   scripts/run_firmware_qemu.sh [OUTPUT_DIR]
#       the driver self-test (firmware/selftest/ + firmware/driver/; default
#       OUTPUT_DIR build/firmware-selftest); exits 0 only when every check passed.
#   scripts/run_firmware_qemu.sh MODEL.tflite INPUT.npy OUTPUT_DIR
#       the inference image (firmware/inference/ + firmware/runner/): the model
#       and the input's data are linked in (.incbin), the runner runs it on its
#       CPU fallback kernels, and the output is written to OUTPUT_DIR/output_0.npy
#       (from the hex lines the image prints); OUTPUT_DIR/log.txt keeps the
#       image's output (per-operator cycles: QEMU's instruction count, -icount).
# Needs: gcc-arm-none-eabi, libnewlib-arm-none-eabi (memcpy/memset, libm), qemu-system-arm, python3.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
for tool in arm-none-eabi-gcc qemu-system-arm; do
  if ! command -v "$tool" >/dev/null; then
    echo "run_firmware_qemu: $tool not found (scripts/install_deps.sh installs it)" >&2
    exit 1
  fi
done
if [[ $# -ne 0 && $# -ne 1 && $# -ne 3 ]]; then
  echo "usage: run_firmware_qemu.sh [OUTPUT_DIR] | MODEL.tflite INPUT.npy OUTPUT_DIR" >&2
  exit 2
fi

cflags=(-std=c11 -mcpu=cortex-m55 -mthumb -mfloat-abi=hard -Os -ffreestanding
        -ffunction-sections -fdata-sections -Wall -Wextra -Werror -pedantic -Wconversion -Wshadow
        -nostartfiles -T "$root/firmware/board/mps3_an547.ld" -Wl,--gc-sections)
qemu=(qemu-system-arm -machine mps3-an547 -nographic -monitor none -serial none
      -semihosting-config enable=on,target=native)

if [[ $# -le 1 ]]; then
  out="${1:-$root/build/firmware-selftest}"
  mkdir -p "$out"
  elf="$out/vnpu_selftest.elf"
  arm-none-eabi-gcc "${cflags[@]}" "$root"/firmware/board/*.c "$root"/firmware/selftest/*.c \
    "$root"/firmware/driver/*.c -lc -lgcc -o "$elf"
  arm-none-eabi-size "$elf" | sed "s|$out/||"
  # The image exits through semihosting; the timeout only guards against a hang.
  timeout 60 "${qemu[@]}" -kernel "$elf"
  exit 0
fi

model="$1" input="$2" out="$3"
for file in "$model" "$input"; do
  [[ -f "$file" ]] || { echo "run_firmware_qemu: $file: no such file" >&2; exit 2; }
done
mkdir -p "$out"
python3 "$root/scripts/firmware_npy.py" data "$input" "$out/input.bin"
cat > "$out/blobs.S" <<ASM
  .section .model, "a"
  .balign 16
  .global vnpu_model_data, vnpu_model_end, vnpu_input_data, vnpu_input_end
vnpu_model_data:
  .incbin "$(cd "$(dirname "$model")" && pwd)/$(basename "$model")"
vnpu_model_end:
  .balign 16
vnpu_input_data:
  .incbin "$out/input.bin"
vnpu_input_end:
ASM
elf="$out/vnpu_inference.elf"
arm-none-eabi-gcc "${cflags[@]}" "$root"/firmware/board/*.c "$root"/firmware/inference/*.c \
  "$root"/firmware/runner/*.c "$root"/firmware/driver/*.c "$out/blobs.S" -lm -lc -lgcc -o "$elf"
status=0
timeout 60 "${qemu[@]}" -icount shift=5 -kernel "$elf" > "$out/log.txt" 2>&1 || status=$?
grep -v '^hex ' "$out/log.txt" || true
if [[ $status -ne 0 ]]; then
  echo "run_firmware_qemu: the image failed (exit $status)" >&2
  exit 1
fi
python3 "$root/scripts/firmware_npy.py" write "$out/log.txt" "$out"
