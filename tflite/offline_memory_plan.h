// The "OfflineMemoryAllocation" model metadata: arena offsets a compiler
// (Vela, or vnpu compile) chose for each tensor, as TensorFlow Lite Micro reads
// them. Layout, int32 little-endian: version (0), subgraph count, tensor
// count, then one offset per tensor of subgraph 0 (-1: not planned offline).
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "ir/graph.h"

namespace vnpu::tflite {

constexpr const char* kOfflineMemoryAllocation = "OfflineMemoryAllocation";

// One offset per tensor of the main graph, or an empty vector when the model
// has no such metadata. Malformed metadata (wrong length, tensor count that
// does not match, offsets below -1) is an invalid_input error.
Expected<std::vector<int64_t>> read_offline_memory_plan(const ir::Model& model);

}  // namespace vnpu::tflite
