#include "driver/npu/systemc_backend.h"

#include <utility>

#include "driver/npu/ethos_u_op.h"
#include "driver/npu/systemc_device.h"

namespace vnpu::driver::npu {
namespace {

cpu::PrepareResult prepare(const SystemcOptions& options, const std::shared_ptr<SystemcLog>& log,
                           const sim::systemc::OperationExecutor& executor, const ir::Graph& graph,
                           const ir::Operator& op) {
  auto device = std::make_shared<SystemcDevice>(
      sim::systemc::make_timed_system(options.accelerator, options.system, options.mode),
      options.trace, executor);
  const int32_t output = op.outputs.empty() ? -1 : op.outputs[0];
  const double clock_hz = options.system.core_clock_hz;
  AfterInvoke log_run = [device, log, output, clock_hz](const NpuInvokeResult& result) {
    if (!log) return;
    SystemcOpRun run;
    run.output_tensor = output;
    run.core_clock_hz = clock_hz;
    run.status = result.status;
    run.pmu_cycles = result.pmu_cycles;
    run.pmu_counters = result.pmu_counters;
    run.record = device->last_run();
    log->runs.push_back(std::move(run));
  };
  // The stream lives with the constants (the model's flatbuffer): the same port.
  const int command_port = device->system().region_port(0) == 1 ? 1 : 0;
  return prepare_ethos_u_op(graph, op,
                            {options.accelerator, device, command_port, std::move(log_run)});
}

}  // namespace

cpu::NpuPrepare systemc_npu_prepare(const SystemcOptions& options, std::shared_ptr<SystemcLog> log,
                                    sim::systemc::OperationExecutor executor) {
  return [options, log, executor](const ir::Graph& graph, const ir::Operator& op) {
    return prepare(options, log, executor, graph, op);
  };
}

}  // namespace vnpu::driver::npu
