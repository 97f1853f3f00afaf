#include "driver/npu/functional_backend.h"

#include <memory>

#include "driver/npu/ethos_u_op.h"
#include "driver/npu/functional_device.h"

namespace vnpu::driver::npu {

cpu::NpuPrepare functional_npu_prepare(const isa::AcceleratorConfig& config) {
  return [config](const ir::Graph& graph, const ir::Operator& op) {
    // One device per operator: each runs on its own NPU with its own SHRAM.
    return prepare_ethos_u_op(graph, op, {config, std::make_shared<FunctionalDevice>(config), 0, {}});
  };
}

}  // namespace vnpu::driver::npu
