// One decoded NPU operation against memory: the datapath dispatch shared by
// the functional NPU (functional_npu.h) and the timed SystemC model
// (sim/systemc/datapath.h), which computes values the same way at a job's end.
#pragma once

#include "isa/accelerator_config.h"
#include "isa/register_state.h"
#include "sim/functional/exec_result.h"

namespace vnpu::sim {

// Convolution / depthwise (weights decoded first), pooling, elementwise or
// DMA; waits, IRQ and the PMU mask compute nothing and succeed.
ExecResult execute_operation(const isa::Operation& op, const NpuMemory& memory,
                             const isa::AcceleratorConfig& config);

}  // namespace vnpu::sim
