// What an executor of one kick-off command reports back to the run loop: ok,
// or the fault the hardware would raise with a one-line message.
// Internal to the functional NPU (sim/functional); the public result is
// NpuRunResult in functional_npu.h.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/functional/functional_npu.h"

namespace vnpu::sim {

class WeightCache;  // weight_cache.h

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

// What an executor may touch: the eight base-pointer regions and SHRAM, and
// the most element steps (multiply-accumulates, pooled or elementwise
// elements) one operation may take in this model.
struct NpuMemory {
  const std::array<MemoryRegion, 8>* regions = nullptr;
  std::vector<uint8_t>* shram = nullptr;
  uint64_t work_limit = UINT64_MAX;
  // Decoded weight streams kept across operations (weight_cache.h); none when null.
  WeightCache* weight_cache = nullptr;

  const MemoryRegion& region(int index) const { return (*regions)[static_cast<size_t>(index)]; }

  // kCommandParse when an operation of `steps` element steps exceeds the work limit: a
  // stream of absurd sizes (with aliasing zero strides) stops instead of running for days.
  ExecResult check_work(uint64_t steps) const {
    if (steps <= work_limit) return ExecResult::success();
    return ExecResult::parse("operation of " + std::to_string(steps) +
                             " element steps exceeds the functional model's limit of " +
                             std::to_string(work_limit));
  }
};

}  // namespace vnpu::sim
