#include "driver/npu/rtl_backend.h"

#include <memory>
#include <string>
#include <utility>

#include "driver/npu/systemc_session.h"
#include "sim/rtl/rtl_datapath.h"

namespace vnpu::driver::npu {
namespace {

Expected<std::unique_ptr<NpuSession>> open_rtl_session(const BackendChoice& choice) {
  auto accelerator = isa::find_accelerator_config(choice.accelerator_config);
  if (!accelerator) return accelerator.status();
  Expected<sim::rtl::RtlFault> fault = sim::rtl::parse_rtl_fault(choice.inject_fault);
  if (!fault) return fault.status();
  auto created = sim::rtl::RtlDatapath::create(*accelerator, *fault);
  if (!created) return created.status();
  std::shared_ptr<sim::rtl::RtlDatapath> datapath = std::move(*created);
  TimedValues values;
  values.label = "rtl (values from the verilated RTL datapath, timing from the SystemC model) NPU";
  if (*fault != sim::rtl::RtlFault::kNone) {
    values.label += std::string(" with fault ") + sim::rtl::rtl_fault_name(*fault) + " planted";
  }
  values.executor = [datapath](const isa::Operation& op, const sim::NpuMemory& memory,
                               const isa::AcceleratorConfig& config) {
    return datapath->execute(op, memory, config);
  };
  values.note = [datapath] { return "rtl: " + datapath->statistics().summary(); };
  auto session = SystemcSession::open(choice, std::move(values));
  if (!session) return session.status();
  return std::unique_ptr<NpuSession>(std::move(*session));
}

}  // namespace

void register_rtl_backend(BackendRegistry& registry) {
  registry.add({"rtl",
                "ethos-u ops on the timed SystemC NPU with CONV/DEPTHWISE/POOL values from the "
                "verilated RTL (ethos-u55-128, -256)",
                {"--trace", "--report", "--vcd", "--energy-table", "--energy-ini", "--inject"},
                open_rtl_session});
}

}  // namespace vnpu::driver::npu
