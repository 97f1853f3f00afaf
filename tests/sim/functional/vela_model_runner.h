// Test helper: runs a Vela-compiled model (one "ethos-u" operator) on the
// functional NPU, the way the driver will.
//
// The ethos-u operator's inputs are [COP1 payload (uint8 constant), flash
// (uint8 constant: weights and scales, region 0), scratch (the arena, region
// 1), scratch_fast (region 2), then the model inputs]; its outputs are the
// model outputs. Vela placed every feature map in the arena: the model's
// "OfflineMemoryAllocation" metadata (int32 little-endian: version, subgraph
// count, tensor count, then one arena offset per tensor, -1 for none) gives
// where each input is written and each output read.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "isa/accelerator_config.h"
#include "sim/functional/functional_npu.h"

namespace vnpu::testing {

struct VelaTensorPlace {
  int32_t tensor = -1;
  int64_t arena_offset = -1;
  int64_t size_bytes = 0;
};

struct VelaModel {
  std::vector<uint32_t> command_stream;
  uint32_t config_register = 0;
  std::vector<uint8_t> flash;
  int64_t arena_bytes = 0;
  int64_t fast_scratch_bytes = 0;
  std::vector<VelaTensorPlace> inputs;
  std::vector<VelaTensorPlace> outputs;
};

Expected<VelaModel> load_vela_model(const std::string& path);

struct VelaRun {
  sim::NpuRunResult npu;
  std::vector<std::vector<uint8_t>> outputs;  // raw bytes of each model output
  std::vector<uint8_t> arena;                 // the arena after the run
};

// Sees every completed kick-off with the memory it ran against (regions 0-2).
using VelaObserver =
    std::function<void(const isa::Operation&, const std::array<sim::MemoryRegion, 8>& regions)>;

// Runs `model` with the raw bytes of each input on an NPU of `config`.
Expected<VelaRun> run_vela_model(const VelaModel& model, const isa::AcceleratorConfig& config,
                                 const std::vector<std::vector<uint8_t>>& inputs,
                                 const VelaObserver& observer = nullptr);

// The raw data bytes of a .npy file (format 1.x or 2.x); the header is only parsed for its size.
Expected<std::vector<uint8_t>> read_npy_data(const std::string& path);

}  // namespace vnpu::testing
