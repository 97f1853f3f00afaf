// The `ethos-u` operator as a CpuOp over any NpuDevice: prepare reads and
// validates the COP1 payload (driver/npu/ethos_u_operator.h) before anything
// touches the device; eval maps the base-pointer tensors and runs the stream
// through the one invoke path (driver/npu/npu_invoke.h) and returns the
// decoded STATUS. Every backend (functional, SystemC, ...) is this op with its
// own device.
#pragma once

#include <functional>
#include <memory>

#include "driver/cpu/cpu_op.h"
#include "driver/npu/npu_invoke.h"
#include "isa/accelerator_config.h"

namespace vnpu::driver::npu {

// Called after every run, before its STATUS is decoded (reports, logs).
using AfterInvoke = std::function<void(const NpuInvokeResult& result)>;

// The NPU configuration the payload must match, the device it runs on, the
// AXI port of the command fetch, and an optional AfterInvoke.
struct EthosUOpSetup {
  isa::AcceleratorConfig accelerator;
  std::shared_ptr<NpuDevice> device;
  int command_port = 0;
  AfterInvoke after_invoke;
};

cpu::PrepareResult prepare_ethos_u_op(const ir::Graph& graph, const ir::Operator& op,
                                      EthosUOpSetup setup);

}  // namespace vnpu::driver::npu
