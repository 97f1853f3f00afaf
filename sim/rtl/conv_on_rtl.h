// CONV and DEPTHWISE on the verilated units (rtl_datapath.h says what runs
// where): the functional model validates the operation and gives its faults,
// the RTL computes the values.
#pragma once

#include "isa/accelerator_config.h"
#include "isa/register_state.h"
#include "sim/functional/exec_result.h"
#include "sim/rtl/rtl_datapath.h"

namespace vnpu::sim::rtl {

// The contract of sim::execute_operation for a CONV or DEPTHWISE; `record`
// says whether the RTL computed the OFM and the cycles each unit took.
ExecResult execute_convolution_on_rtl(const isa::Operation& op, const NpuMemory& memory,
                                      const isa::AcceleratorConfig& config, RtlUnits& units,
                                      RtlOperationRecord* record);

}  // namespace vnpu::sim::rtl
