#include "driver/npu/functional_backend.h"

#include <memory>
#include <string>
#include <vector>

#include "isa/cop1_payload.h"
#include "sim/functional/functional_npu.h"

namespace vnpu::driver::npu {
namespace {

constexpr int kBasePointers = 8;

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

  void eval(const cpu::TensorMemory& memory) const override {
    for (size_t i = 0; i < region_tensors_.size(); ++i) {
      const int32_t tensor = region_tensors_[i];
      sim::MemoryRegion region;
      if (tensor != ir::kNoTensor) region = {memory.bytes(tensor), region_sizes_[i]};
      npu_.set_base_pointer(static_cast<int>(i), region);
    }
    const sim::NpuRunResult result = npu_.run(stream_.data(), stream_.size());
    operations_ = result.operations;
    if (result.ok()) {
      status_ = Status::ok();
    } else if (result.fault == sim::NpuFault::kNone) {
      status_ = Status::invalid_input("NPU command stream ended without NPU_OP_STOP");
    } else {
      // The message already names the faulting command and its word offset.
      status_ = Status::invalid_input(std::string("NPU stopped with ") + fault_name(result.fault) +
                                      ": " + result.message);
    }
  }

  Status status() const override { return status_; }
  const char* backend_name() const override { return "npu:functional"; }

 private:
  mutable sim::FunctionalNpu npu_;
  std::vector<uint32_t> stream_;
  std::vector<int32_t> region_tensors_;  // tensor behind BASEP[i]
  std::vector<uint64_t> region_sizes_;
  mutable Status status_;
  mutable uint64_t operations_ = 0;
};

cpu::PrepareResult prepare(const isa::AcceleratorConfig& config, const ir::Graph& graph,
                           const ir::Operator& op) {
  if (op.inputs.empty() || op.inputs[0] == ir::kNoTensor) {
    return Status::invalid_input("the ethos-u operator has no command-stream input");
  }
  const ir::Tensor& payload_tensor = graph.tensor(op.inputs[0]);
  if (!payload_tensor.is_constant() || payload_tensor.type != ir::DataType::kUInt8) {
    return Status::invalid_input("ethos-u input 0 '" + payload_tensor.name +
                                 "' must be a constant uint8 COP1 payload");
  }
  auto payload = isa::parse_cop1_payload(payload_tensor.data.data(), payload_tensor.data.size());
  if (!payload) return payload.status().with_context("'" + payload_tensor.name + "'");
  Status matches = isa::check_payload_config(*payload, config);
  if (!matches) return matches;
  std::vector<int32_t> region_tensors(op.inputs.begin() + 1, op.inputs.end());
  region_tensors.insert(region_tensors.end(), op.outputs.begin(), op.outputs.end());
  if (region_tensors.size() > kBasePointers) region_tensors.resize(kBasePointers);
  return std::unique_ptr<cpu::CpuOp>(std::make_unique<FunctionalEthosUOp>(
      config, std::move(payload->command_stream), std::move(region_tensors), graph));
}

}  // namespace

cpu::NpuPrepare functional_npu_prepare(const isa::AcceleratorConfig& config) {
  return [config](const ir::Graph& graph, const ir::Operator& op) {
    return prepare(config, graph, op);
  };
}

}  // namespace vnpu::driver::npu
