#include "sim/systemc/datapath.h"

#include "sim/functional/convolution.h"
#include "sim/functional/dma.h"
#include "sim/functional/elementwise.h"
#include "sim/functional/pooling.h"

namespace vnpu::sim::systemc {

Datapath::Datapath(const isa::AcceleratorConfig& config) { configure(config); }

void Datapath::configure(const isa::AcceleratorConfig& config) {
  config_ = config;
  shram_.assign(static_cast<size_t>(config.shram_kb) * 1024, 0);
}

ExecResult Datapath::execute(const isa::Operation& op) {
  NpuMemory memory;
  memory.regions = &regions_;
  memory.shram = &shram_;
  memory.work_limit = FunctionalNpu::kDefaultWorkLimit;
  switch (op.kind) {
    case isa::OperationKind::kConv:
    case isa::OperationKind::kDepthwise: {
      ConvWeights weights;
      ExecResult result = load_conv_weights(op, memory, config_, &weights);
      if (!result.ok()) return result;
      return execute_convolution(op, memory, weights);
    }
    case isa::OperationKind::kPool:
      return execute_pooling(op, memory);
    case isa::OperationKind::kElementwise:
      return execute_elementwise(op, memory);
    case isa::OperationKind::kDmaStart:
      return execute_dma(op, memory);
    default:
      return ExecResult::success();
  }
}

}  // namespace vnpu::sim::systemc
