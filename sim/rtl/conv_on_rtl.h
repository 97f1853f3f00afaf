// CONV, DEPTHWISE and POOL on the verilated units (rtl_datapath.h says what
// runs where): the functional model validates the operation and gives its
// faults, the RTL computes the values.
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

// The contract of sim::execute_operation for a POOL (MAX, AVERAGE, SUM and the
// reduce-sum over channels): max, sum and taps from the MAC datapath, every
// element through the output unit; the average's division (without a global
// OFM_SCALE) is C++'s, and the record says so.
ExecResult execute_pooling_on_rtl(const isa::Operation& op, const NpuMemory& memory,
                                  RtlUnits& units, RtlOperationRecord* record);

}  // namespace vnpu::sim::rtl
