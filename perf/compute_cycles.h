// Compute cycles of one NPU operation: the MAC array per OFM block, the output
// unit per block or per element, the command-issue floor, and how they combine.
// Vela 3.10 npu_performance.py (_estimate_conv_cycles,
// _estimate_output_cycles_per_element, _estimate_minimum_memory_cycles),
// written down in docs/perf_model.md §4.
#pragma once

#include <array>
#include <cstdint>

#include "isa/accelerator_config.h"
#include "isa/register_state.h"
#include "perf/memory_system.h"
#include "perf/op_geometry.h"

namespace vnpu::perf {

// Output-unit cycles per element, indexed 0..7: 32-bit binary EW, 32-bit unary
// EW, MUL with 32-bit OFM, MUL or 40-bit-accumulator MAC op, simple add/sub,
// advanced add/sub, max pool, everything else (ethos-u-facts.md §3.2).
const std::array<double, 8>& output_cycles_table(const isa::AcceleratorConfig& accelerator);
// Activation cycles per element: LUT/sigmoid/tanh, ReLU-class clamp, none.
const std::array<double, 3>& activation_cycles_table(const isa::AcceleratorConfig& accelerator);

// Index into output_cycles_table for an operation (Vela 3.10 always takes the
// advanced add/sub entry, 5).
int output_perf_index(const isa::Operation& operation, const OpGeometry& geometry);
// 0 for LUT/tanh/sigmoid, 1 when the clamp is narrower than the OFM type's range
// (a fused ReLU-class activation), 2 otherwise.
int activation_perf_index(const isa::Operation& operation);

// MAC-array cycles per OFM block, summed over the sub-kernels, times the IFM
// depth passes for convolution-like types (before the command-issue floor).
double mac_cycles_per_block(const OpGeometry& geometry, const isa::AcceleratorConfig& accelerator);

struct BlockCycleInputs {
  MemoryKind ifm_memory = MemoryKind::kSram;
  MemoryKind ofm_memory = MemoryKind::kSram;
  isa::DataFormat ifm_format = isa::DataFormat::kNhwc;
  isa::DataFormat ofm_format = isa::DataFormat::kNhwc;
  bool has_scales = false;
  MemoryKind scale_memory = MemoryKind::kSram;
};

// Latency + burst-scaled bytes / bandwidth of one IFM block read plus one OFM
// block write (elements of the clipped blocks).
double block_transfer_cycles(const OpGeometry& geometry, const BlockCycleInputs& inputs,
                             const MemorySystem& memory);

struct ComputeCycles {
  double mac_cycles_per_block = 0;     // after the command-issue floor
  double output_cycles_per_block = 0;  // after the bias-fetch and command-issue floors
  double cmd_floor_cycles_per_block = 0;
  double mac_cycles = 0;     // per block x blocks
  double output_cycles = 0;  // per block x blocks
  double total = 0;          // Vela's op_cycles (truncated to an integer as Vela does)
};

ComputeCycles estimate_compute_cycles(const isa::Operation& operation, const OpGeometry& geometry,
                                      const BlockCycleInputs& inputs,
                                      const isa::AcceleratorConfig& accelerator,
                                      const MemorySystem& memory);

}  // namespace vnpu::perf
