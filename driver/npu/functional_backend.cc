#include "driver/npu/functional_backend.h"

#include <memory>
#include <string>
#include <vector>

#include "driver/npu/ethos_u_operator.h"
#include "sim/functional/functional_npu.h"

namespace vnpu::driver::npu {
namespace {

const char* fault_name(sim::NpuFault fault) {
  switch (fault) {
    case sim::NpuFault::kNone: return "none";
    case sim::NpuFault::kCommandParse: return "cmd_parse_error";
    case sim::NpuFault::kBus: return "bus error";
    case sim::NpuFault::kWeightDecode: return "weight decoder fault";
  }
  return "fault";
}

class FunctionalEthosUOp final : public cpu::CpuOp {
 public:
  FunctionalEthosUOp(const isa::AcceleratorConfig& config, std::vector<uint32_t> stream,
                     std::vector<int32_t> region_tensors, const ir::Graph& graph)
      : npu_(config), stream_(std::move(stream)), region_tensors_(std::move(region_tensors)) {
    for (int32_t tensor : region_tensors_) {
      region_sizes_.push_back(tensor == ir::kNoTensor
                                  ? 0
                                  : static_cast<uint64_t>(graph.tensor(tensor).size_bytes()));
    }
  }

  Status eval(const cpu::TensorMemory& memory) const override {
    for (size_t i = 0; i < region_tensors_.size(); ++i) {
      const int32_t tensor = region_tensors_[i];
      sim::MemoryRegion region;
      if (tensor != ir::kNoTensor) region = {memory.bytes(tensor), region_sizes_[i]};
      npu_.set_base_pointer(static_cast<int>(i), region);
    }
    const sim::NpuRunResult result = npu_.run(stream_.data(), stream_.size());
    if (result.ok()) return Status::ok();
    if (result.fault == sim::NpuFault::kNone) {
      return Status::invalid_input("NPU command stream ended without NPU_OP_STOP");
    }
    // The message already names the faulting command and its word offset.
    return Status::invalid_input(std::string("NPU stopped with ") + fault_name(result.fault) +
                                 ": " + result.message);
  }

  const char* backend_name() const override { return "npu:functional"; }

 private:
  mutable sim::FunctionalNpu npu_;
  std::vector<uint32_t> stream_;
  std::vector<int32_t> region_tensors_;  // tensor behind BASEP[i]
  std::vector<uint64_t> region_sizes_;
};

cpu::PrepareResult prepare(const isa::AcceleratorConfig& config, const ir::Graph& graph,
                           const ir::Operator& op) {
  Expected<EthosUOperator> parsed = read_ethos_u_operator(graph, op, config);
  if (!parsed) return parsed.status();
  return std::unique_ptr<cpu::CpuOp>(std::make_unique<FunctionalEthosUOp>(
      config, std::move(parsed->command_stream), std::move(parsed->region_tensors), graph));
}

}  // namespace

cpu::NpuPrepare functional_npu_prepare(const isa::AcceleratorConfig& config) {
  return [config](const ir::Graph& graph, const ir::Operator& op) {
    return prepare(config, graph, op);
  };
}

}  // namespace vnpu::driver::npu
