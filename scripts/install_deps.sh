#!/usr/bin/env bash
# Installs the Debian packages vnpu needs; does nothing when all are present.
# Run as root on Debian 12 (bookworm).
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config git python3
  libboost-program-options-dev   # CLI option parsing
  libflatbuffers-dev flatbuffers-compiler   # .tflite reading and writing
  libgemmlowp-dev                # TFLite's fixed-point arithmetic (header only)
  nlohmann-json3-dev             # JSON reports (header only; core/json.h)
  libgtest-dev libgmock-dev      # tests
  libbenchmark-dev               # benchmarks (bench/*.sh tabulate results with python3)
  libsystemc-dev verilator       # timed NPU model and RTL co-simulation
  clang-14 libclang-rt-14-dev    # second compiler: the sanitizer pass and libFuzzer (scripts/test.sh, scripts/fuzz.sh)
  yosys                          # RTL synthesis statistics (rtl/synth.sh)
  gcc-arm-none-eabi libnewlib-arm-none-eabi   # firmware cross build (scripts/build_firmware.sh)
  qemu-system-arm                # firmware self-test on a Cortex-M55 (scripts/run_firmware_qemu.sh)
)

# Benchmark peers, timed beside ours by bench/bench_peers only (never linked into
# vnpu): installed when possible; without them that one program is not built.
optional=(libxnnpack-dev libpthreadpool-dev libdnnl-dev)

absent() {
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      echo "$package"
  done
}
mapfile -t missing < <(absent "${packages[@]}")
mapfile -t missing_optional < <(absent "${optional[@]}")

if [ ${#missing[@]} -eq 0 ] && [ ${#missing_optional[@]} -eq 0 ]; then
  echo "install_deps: all ${#packages[@]} packages and ${#optional[@]} benchmark peers present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if [ ${#missing[@]} -eq 0 ]; then
    echo "install_deps: benchmark peers absent (${missing_optional[*]}): bench_peers is not built"
    exit 0
  fi
  echo "install_deps: missing packages (${missing[*]}); run as root to install them" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  echo "install_deps: installing ${missing[*]}"
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ ${#missing_optional[@]} -gt 0 ]; then
  apt-get install -y -qq --no-install-recommends "${missing_optional[@]}" ||
    echo "install_deps: could not install the benchmark peers (${missing_optional[*]}): bench_peers is not built"
fi
