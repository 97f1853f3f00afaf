// The `ethos-u` custom operator as every NPU backend reads it: the COP1
// payload (input 0, a constant uint8 tensor) validated and checked against the
// NPU's configuration, and the tensors behind the base pointers (BASEP i = the
// operator's input i + 1, then its outputs; Vela: 0 flash, 1 scratch = the
// arena, 2 fast scratch, then the model's inputs and outputs), at most 8.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "ir/graph.h"
#include "isa/accelerator_config.h"
#include "isa/npu_registers.h"

namespace vnpu::driver::npu {

constexpr int kBasePointers = isa::reg::kBasePointers;

struct EthosUOperator {
  std::vector<uint32_t> command_stream;
  std::vector<int32_t> region_tensors;  // tensor behind BASEP[i]
};

// invalid_input for a missing or malformed payload, one compiled for another
// configuration (the message names both), or an output tensor larger than
// kMaxNpuOutputBytes (core/input_limits.h), checked before any arena exists.
Expected<EthosUOperator> read_ethos_u_operator(const ir::Graph& graph, const ir::Operator& op,
                                               const isa::AcceleratorConfig& npu);

}  // namespace vnpu::driver::npu
