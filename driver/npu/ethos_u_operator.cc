#include "driver/npu/ethos_u_operator.h"

#include <string>
#include <utility>

#include "core/input_limits.h"
#include "isa/cop1_payload.h"

namespace vnpu::driver::npu {

Expected<EthosUOperator> read_ethos_u_operator(const ir::Graph& graph, const ir::Operator& op,
                                               const isa::AcceleratorConfig& npu) {
  if (op.inputs.empty() || op.inputs[0] == ir::kNoTensor) {
    return Status::invalid_input("the ethos-u operator has no command-stream input");
  }
  for (size_t i = 0; i < op.outputs.size(); ++i) {
    const ir::Tensor& output = graph.tensor(op.outputs[i]);
    if (output.size_bytes() > kMaxNpuOutputBytes) {
      return Status::invalid_input(
          "ethos-u output " + std::to_string(i) + " '" + output.name + "' " +
          ir::shape_to_string(output.shape) + " " + ir::data_type_name(output.type) + " needs " +
          std::to_string(output.size_bytes()) + " bytes, more than the " +
          std::to_string(kMaxNpuOutputBytes) + "-byte limit on an NPU output");
    }
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
