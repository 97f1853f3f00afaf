#include "driver/npu/ethos_u_op.h"

#include <utility>
#include <vector>

#include "driver/npu/ethos_u_operator.h"

namespace vnpu::driver::npu {
namespace {

class EthosUOp final : public cpu::CpuOp {
 public:
  EthosUOp(EthosUOpSetup setup, EthosUOperator parsed, const ir::Graph& graph)
      : setup_(std::move(setup)),
        stream_(std::move(parsed.command_stream)),
        region_tensors_(std::move(parsed.region_tensors)) {
    for (int32_t tensor : region_tensors_) {
      region_sizes_.push_back(tensor == ir::kNoTensor
                                  ? 0
                                  : static_cast<uint64_t>(graph.tensor(tensor).size_bytes()));
    }
  }

  Status eval(const cpu::TensorMemory& memory) const override {
    NpuInvocation invocation;
    invocation.command_stream = stream_.data();
    invocation.command_words = stream_.size();
    invocation.command_port = setup_.command_port;
    for (size_t i = 0; i < region_tensors_.size(); ++i) {
      const int32_t tensor = region_tensors_[i];
      NpuRegion region;
      if (tensor != ir::kNoTensor) region = {memory.bytes(tensor), region_sizes_[i]};
      invocation.regions.push_back(region);
    }
    Expected<NpuInvokeResult> result = invoke_npu(*setup_.device, invocation);
    if (!result) return result.status();
    if (setup_.after_invoke) setup_.after_invoke(*result);
    return decode_npu_status(*result);
  }

  const char* backend_name() const override { return setup_.device->name(); }

 private:
  EthosUOpSetup setup_;
  mutable std::vector<uint32_t> stream_;  // mapped for the NPU's command fetch (read only)
  std::vector<int32_t> region_tensors_;   // tensor behind BASEP[i]
  std::vector<uint64_t> region_sizes_;
};

}  // namespace

cpu::PrepareResult prepare_ethos_u_op(const ir::Graph& graph, const ir::Operator& op,
                                      EthosUOpSetup setup) {
  Expected<EthosUOperator> parsed = read_ethos_u_operator(graph, op, setup.accelerator);
  if (!parsed) return parsed.status();
  return std::unique_ptr<cpu::CpuOp>(
      std::make_unique<EthosUOp>(std::move(setup), std::move(*parsed), graph));
}

}  // namespace vnpu::driver::npu
