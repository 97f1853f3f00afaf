// The `rtl` backend: the timed SystemC NPU (driver/npu/systemc_session.h: the
// same options, per-operator table, PMU, energy and report) whose kernel jobs
// (CONV, DEPTHWISE, POOL) get their values from the verilated RTL datapath
// (sim/rtl/rtl_datapath.h).
// Timing still comes from the SystemC model, not from the RTL's clock. After
// the run it prints what the RTL computed and what fell back to the
// functional model. Presets: those whose MAC datapath is verilated
// (ethos-u55-128, ethos-u55-256); any other is refused naming the option.
#pragma once

#include "driver/npu/backend_registry.h"

namespace vnpu::driver::npu {

void register_rtl_backend(BackendRegistry& registry);

}  // namespace vnpu::driver::npu
