#include "driver/npu/ethos_u_operator.h"

#include <string>
#include <utility>

#include "isa/cop1_payload.h"

namespace vnpu::driver::npu {

Expected<EthosUOperator> read_ethos_u_operator(const ir::Graph& graph, const ir::Operator& op,
                                               const isa::AcceleratorConfig& npu) {
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
  Status matches = isa::check_payload_config(*payload, npu);
  if (!matches) return matches;
  EthosUOperator result;
  result.command_stream = std::move(payload->command_stream);
  result.region_tensors.assign(op.inputs.begin() + 1, op.inputs.end());
  result.region_tensors.insert(result.region_tensors.end(), op.outputs.begin(), op.outputs.end());
  if (result.region_tensors.size() > kBasePointers) result.region_tensors.resize(kBasePointers);
  return result;
}

}  // namespace vnpu::driver::npu
