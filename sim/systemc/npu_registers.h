// The timed model's name for the host register map, which lives in one place:
// isa/npu_registers.h (shared with the driver and every other NPU device).
#pragma once

#include "isa/npu_registers.h"

namespace vnpu::sim::systemc {
namespace reg = isa::reg;
}  // namespace vnpu::sim::systemc
