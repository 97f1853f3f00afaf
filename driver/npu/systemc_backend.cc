#include "driver/npu/systemc_backend.h"

#include <string>
#include <utility>

#include "driver/npu/ethos_u_operator.h"
#include "sim/systemc/npu_registers.h"
#include "sim/systemc/platform.h"

namespace vnpu::driver::npu {
namespace {

namespace reg = sim::systemc::reg;
using sim::systemc::Pmu;

// Where the driver maps things in the NPU's physical address space: region i at
// (i + 1) << 28, the command stream at 0xF0000000 (all 16-byte aligned).
constexpr uint64_t kCommandStreamAddress = 0xF0000000u;
uint64_t region_address(size_t index) { return static_cast<uint64_t>(index + 1) << 28; }

const char* fault_name(uint32_t status) {
  if ((status & reg::kStatusCmdParseError) != 0) return "cmd_parse_error";
  if ((status & reg::kStatusBusError) != 0) return "bus error";
  if ((status & reg::kStatusWdFault) != 0) return "weight decoder fault";
  return nullptr;
}

class SystemcEthosUOp final : public cpu::CpuOp {
 public:
  SystemcEthosUOp(const SystemcOptions& options, std::shared_ptr<SystemcLog> log,
                  std::vector<uint32_t> stream, std::vector<int32_t> region_tensors,
                  int32_t output_tensor, const ir::Graph& graph)
      : options_(options),
        system_(sim::systemc::make_timed_system(options.accelerator, options.system, options.mode)),
        log_(std::move(log)),
        stream_(std::move(stream)),
        region_tensors_(std::move(region_tensors)),
        output_tensor_(output_tensor) {
    for (int32_t tensor : region_tensors_) {
      region_sizes_.push_back(tensor == ir::kNoTensor
                                  ? 0
                                  : static_cast<uint64_t>(graph.tensor(tensor).size_bytes()));
    }
  }

  Status eval(const cpu::TensorMemory& memory) const override {
    sim::systemc::Platform& platform = sim::systemc::Platform::get();
    sim::systemc::NpuModel& npu = platform.npu();
    npu.configure(system_);
    npu.set_tracing(options_.trace);
    sim::systemc::MemoryMap& map = npu.memory_map();
    map.clear();
    map.map(kCommandStreamAddress, reinterpret_cast<uint8_t*>(stream_.data()),
            stream_.size() * sizeof(uint32_t));
    for (size_t i = 0; i < region_tensors_.size(); ++i) {
      const int32_t tensor = region_tensors_[i];
      const uint64_t address = region_address(i);
      if (tensor != ir::kNoTensor) map.map(address, memory.bytes(tensor), region_sizes_[i]);
      platform.write(reg::kBasep0 + static_cast<uint32_t>(8 * i), static_cast<uint32_t>(address));
      platform.write(reg::kBasep0 + static_cast<uint32_t>(8 * i + 4),
                     static_cast<uint32_t>(address >> 32));
    }
    for (size_t i = region_tensors_.size(); i < static_cast<size_t>(kBasePointers); ++i) {
      platform.write(reg::kBasep0 + static_cast<uint32_t>(8 * i), 0);
      platform.write(reg::kBasep0 + static_cast<uint32_t>(8 * i + 4), 0);
    }
    platform.write(reg::kQbase, static_cast<uint32_t>(kCommandStreamAddress));
    platform.write(reg::kQbaseHi, 0);
    platform.write(reg::kQsize, static_cast<uint32_t>(stream_.size() * sizeof(uint32_t)));
    // The stream lives with the constants (the model's flatbuffer): the same port.
    platform.write(reg::kQconfig, system_.region_port(0) == 1 ? 2u : 0u);
    for (size_t i = 0; i < kDriverPmuEvents.size(); ++i) {
      platform.write(Pmu::kPmevtyper0 + static_cast<uint32_t>(4 * i), kDriverPmuEvents[i]);
    }
    platform.write(Pmu::kPmcntenset, Pmu::kCycleCounterEnable | 0xFu);
    platform.write(Pmu::kPmcr, Pmu::kPmcrCntEn | Pmu::kPmcrEventCntRst | Pmu::kPmcrCycleCntRst);
    platform.write(reg::kCmd, reg::kCmdRun);
    const bool irq = platform.run_until_irq();

    SystemcOpRun run;
    run.output_tensor = output_tensor_;
    run.core_clock_hz = options_.system.core_clock_hz;
    run.status = platform.read(reg::kStatus);
    run.pmu_cycles = platform.read(Pmu::kPmccntrLo) |
                     (static_cast<uint64_t>(platform.read(Pmu::kPmccntrHi)) << 32);
    for (size_t i = 0; i < run.pmu_counters.size(); ++i) {
      run.pmu_counters[i] = platform.read(Pmu::kPmevcntr0 + static_cast<uint32_t>(4 * i));
    }
    platform.write(reg::kCmd, reg::kCmdClearIrq);
    run.record = npu.last_run();
    Status status = check(irq, run);
    if (log_) log_->runs.push_back(std::move(run));
    return status;
  }

  const char* backend_name() const override { return "npu:systemc"; }

 private:
  static Status check(bool irq, const SystemcOpRun& run) {
    if (!irq) return Status::internal("the SystemC NPU model stopped without raising its IRQ");
    if (const char* fault = fault_name(run.status)) {
      return Status::invalid_input(std::string("NPU stopped with ") + fault + ": " +
                                   run.record.message);
    }
    if ((run.status & reg::kStatusCmdEndReached) == 0) {
      return Status::invalid_input("NPU raised its IRQ without reaching NPU_OP_STOP");
    }
    return Status::ok();
  }

  SystemcOptions options_;
  sim::systemc::TimedSystem system_;
  std::shared_ptr<SystemcLog> log_;
  mutable std::vector<uint32_t> stream_;  // mapped for the NPU's command fetch (read only)
  std::vector<int32_t> region_tensors_;   // tensor behind BASEP[i]
  std::vector<uint64_t> region_sizes_;
  int32_t output_tensor_ = -1;
};

cpu::PrepareResult prepare(const SystemcOptions& options, const std::shared_ptr<SystemcLog>& log,
                           const ir::Graph& graph, const ir::Operator& op) {
  Expected<EthosUOperator> parsed = read_ethos_u_operator(graph, op, options.accelerator);
  if (!parsed) return parsed.status();
  const int32_t output = op.outputs.empty() ? -1 : op.outputs[0];
  return std::unique_ptr<cpu::CpuOp>(std::make_unique<SystemcEthosUOp>(
      options, log, std::move(parsed->command_stream), std::move(parsed->region_tensors), output,
      graph));
}

}  // namespace

cpu::NpuPrepare systemc_npu_prepare(const SystemcOptions& options, std::shared_ptr<SystemcLog> log) {
  return [options, log](const ir::Graph& graph, const ir::Operator& op) {
    return prepare(options, log, graph, op);
  };
}

}  // namespace vnpu::driver::npu
