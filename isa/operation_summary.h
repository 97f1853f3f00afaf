// Readable summaries of kick-off operations: what `vnpu disasm` prints under
// each NPU_OP_* command, and what traces can print for an operation.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "isa/register_state.h"

namespace vnpu::isa {

// "CONV", "DEPTHWISE", "POOL", "ELEMENTWISE", "DMA_START", ...
const char* operation_kind_name(OperationKind kind);

// True for the kinds that run on the MAC array / output unit (CONV, DEPTHWISE,
// POOL, ELEMENTWISE) and use the feature-map registers.
bool is_block_operation(OperationKind kind);

struct Extent {
  int64_t height = 0;
  int64_t width = 0;
  int64_t depth = 0;
};

// The OFM: (height_m1 + 1) x (width_m1 + 1) x (depth_m1 + 1).
Extent ofm_extent(const OfmState& ofm);

// The IFM area an operation reads, from the OFM size, kernel, stride and padding:
// height = (OFM height - 1) * stride_y + dilated kernel height - pad top - pad bottom,
// halved (rounded up) for a 2x upscale; likewise the width; depth = IFM depth.
// Elementwise operations read the OFM's height and width.
Extent ifm_extent(const Operation& operation);

// "int8", "uint16", ...
std::string element_type_name(const ElementType& type);

// Lines (without indentation) describing the operation and the registers it
// uses: op and mode, IFM/IFM2/OFM shapes, types, formats, regions, bases,
// strides and zero points, kernel, padding, block config and SHRAM layout,
// weight and scale streams, scaling, activation and clamp, rounding; for DMA the
// transfer; for waits, IRQ, STOP and PMU_MASK their parameter.
std::vector<std::string> describe_operation(const Operation& operation);

}  // namespace vnpu::isa
