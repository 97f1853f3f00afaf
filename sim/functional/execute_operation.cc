#include "sim/functional/execute_operation.h"

#include "sim/functional/convolution.h"
#include "sim/functional/dma.h"
#include "sim/functional/elementwise.h"
#include "sim/functional/pooling.h"

namespace vnpu::sim {

ExecResult execute_operation(const isa::Operation& op, const NpuMemory& memory,
                             const isa::AcceleratorConfig& config) {
  switch (op.kind) {
    case isa::OperationKind::kConv:
    case isa::OperationKind::kDepthwise: {
      ConvWeights weights;
      ExecResult result = load_conv_weights(op, memory, config, &weights);
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
      return ExecResult::success();  // waits, IRQ and PMU mask: nothing to compute
  }
}

}  // namespace vnpu::sim
