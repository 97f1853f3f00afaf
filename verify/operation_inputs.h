// What feeds one OFM element of an NPU operation, read from the memory the
// operation found (verify/npu_operations.h run_before_operation), for a
// mismatch against the functional model: the IFM window of a CONV (all
// channels), DEPTHWISE or POOL (one channel) through the operation's kernel
// geometry (sim/functional/kernel_geometry.h: stride, dilation, padding,
// upscaling), or the IFM and IFM2 (or scalar) operands of an ELEMENTWISE with
// its broadcast resolved. Values are the stored integers.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "isa/register_state.h"
#include "sim/functional/exec_result.h"
#include "sim/functional/functional_npu.h"
#include "verify/npu_operations.h"

namespace vnpu::verify {

// A snapshot's regions as the memory the functional model's feature-map
// accessors read (sim/functional/feature_map.h). Not copyable: it points into itself.
struct SnapshotMemory {
  std::array<sim::MemoryRegion, 8> regions{};
  std::vector<uint8_t> shram;
  sim::NpuMemory memory;

  explicit SnapshotMemory(NpuMemorySnapshot& snapshot) {
    for (size_t i = 0; i < snapshot.regions.size() && i < regions.size(); ++i) {
      regions[i] = {snapshot.regions[i].data(), snapshot.regions[i].size()};
    }
    memory.regions = &regions;
    memory.shram = &shram;
  }
  SnapshotMemory(const SnapshotMemory&) = delete;
  SnapshotMemory& operator=(const SnapshotMemory&) = delete;
};

// `at` is (n, y, x, c) of the OFM; lines ready to print, or one line saying
// why the inputs cannot be read.
std::vector<std::string> operation_inputs(const isa::Operation& operation,
                                          NpuMemorySnapshot& before,
                                          const std::array<int64_t, 4>& at);

}  // namespace vnpu::verify
