// What an executor of one kick-off command reports back to the run loop: ok,
// or the fault the hardware would raise with a one-line message.
// Internal to the functional NPU (sim/functional); the public result is
// NpuRunResult in functional_npu.h.
#pragma once

#include <string>
#include <utility>

#include "sim/functional/functional_npu.h"

namespace vnpu::sim {

struct ExecResult {
  NpuFault fault = NpuFault::kNone;
  std::string message;

  bool ok() const { return fault == NpuFault::kNone; }
  static ExecResult success() { return {}; }
  static ExecResult bus(std::string message) { return {NpuFault::kBus, std::move(message)}; }
  static ExecResult parse(std::string message) {
    return {NpuFault::kCommandParse, std::move(message)};
  }
  static ExecResult weights(std::string message) {
    return {NpuFault::kWeightDecode, std::move(message)};
  }
};

// The memory an executor may touch: the eight base-pointer regions and SHRAM.
struct NpuMemory {
  const std::array<MemoryRegion, 8>* regions = nullptr;
  std::vector<uint8_t>* shram = nullptr;

  const MemoryRegion& region(int index) const { return (*regions)[static_cast<size_t>(index)]; }
};

}  // namespace vnpu::sim
