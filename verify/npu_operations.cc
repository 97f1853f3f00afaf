#include "verify/npu_operations.h"

#include <utility>

#include "driver/cpu/cpu_runtime.h"
#include "isa/accelerator_config.h"
#include "isa/command_decoder.h"
#include "isa/command_fields.h"
#include "isa/cop1_payload.h"
#include "isa/operation_summary.h"
#include "tflite/offline_memory_plan.h"

namespace vnpu::verify {
namespace {

// NPU_OP_STOP with every mask bit, as the compiler ends a stream.
constexpr uint32_t kStopWord = 0xFFFF0000u;

std::string operator_label(size_t index) {
  return "operator " + std::to_string(index) + " (ethos-u)";
}

Expected<isa::Cop1Payload> read_payload(const ir::Graph& graph, size_t index) {
  const ir::Operator& op = graph.operators[index];
  if (op.inputs.empty() || op.inputs[0] < 0 ||
      static_cast<size_t>(op.inputs[0]) >= graph.tensors.size()) {
    return Status::invalid_input(operator_label(index) + ": no payload tensor");
  }
  const ir::Tensor& payload = graph.tensor(op.inputs[0]);
  Expected<isa::Cop1Payload> parsed =
      isa::parse_cop1_payload(payload.data.data(), payload.data.size());
  if (!parsed) return parsed.status().with_context(operator_label(index));
  return parsed;
}

// The tensors behind BASEP 0..7: the operator's inputs after the payload, then its outputs.
std::vector<int32_t> region_tensors(const ir::Operator& op) {
  std::vector<int32_t> tensors(op.inputs.begin() + 1, op.inputs.end());
  tensors.insert(tensors.end(), op.outputs.begin(), op.outputs.end());
  if (tensors.size() > 8) tensors.resize(8);
  return tensors;
}

std::vector<uint8_t> tensor_bytes(const driver::cpu::CpuRuntime& runtime, int32_t index) {
  if (index < 0) return {};
  const uint8_t* data = runtime.tensor_data(index);
  if (data == nullptr) return {};
  const int64_t size = runtime.graph().tensor(index).size_bytes();
  return std::vector<uint8_t>(data, data + size);
}

// A copy of the model that stops at `operation`: its payload's first
// `kept_words` words then NPU_OP_STOP, the later operators dropped, the
// operator's outputs the graph's.
Expected<ir::Model> cut_model(const ir::Model& compiled, const NpuOperationRef& operation,
                              size_t kept_words) {
  ir::Model cut = compiled;
  ir::Graph& graph = cut.main_graph();
  Expected<isa::Cop1Payload> payload = read_payload(graph, operation.operator_index);
  if (!payload) return payload.status();
  std::vector<uint32_t> words = payload->command_stream;
  words.resize(kept_words);
  words.push_back(kStopWord);
  ir::Operator& op = graph.operators[operation.operator_index];
  ir::Tensor& tensor = graph.tensor(op.inputs[0]);
  tensor.data = isa::build_cop1_payload(payload->config_register, payload->id_register, words,
                                        payload->optimizer_config_data);
  tensor.shape = {static_cast<int32_t>(tensor.data.size())};
  graph.outputs = op.outputs;
  graph.operators.resize(operation.operator_index + 1);
  return cut;
}

}  // namespace

std::string npu_operation_name(const isa::Operation& operation) {
  std::string name = isa::operation_kind_name(operation.kind);
  if (operation.kind == isa::OperationKind::kPool) {
    name += std::string(" ") +
            isa::code_name(isa::field::kPoolingMode, isa::field::kPoolingMode.get(operation.param));
  } else if (operation.kind == isa::OperationKind::kElementwise) {
    name += std::string(" ") + isa::code_name(isa::field::kElementwiseMode,
                                              isa::field::kElementwiseMode.get(operation.param));
  }
  return name;
}

Expected<std::vector<NpuOperationRef>> list_npu_operations(const ir::Model& compiled) {
  if (compiled.graphs.empty()) return Status::invalid_input("the model has no subgraph");
  const ir::Graph& graph = compiled.main_graph();
  std::vector<NpuOperationRef> operations;
  size_t segment = 0;
  for (size_t i = 0; i < graph.operators.size(); ++i) {
    if (graph.operators[i].type != ir::OpType::kEthosU) continue;
    Expected<isa::Cop1Payload> payload = read_payload(graph, i);
    if (!payload) return payload.status();
    const isa::DecodedStream decoded =
        isa::decode_stream(payload->command_stream.data(), payload->command_stream.size());
    if (!decoded.status) return decoded.status.with_context(operator_label(i));
    size_t index = 0;
    for (const isa::Operation& operation : decoded.operations) {
      if (!isa::is_block_operation(operation.kind)) continue;
      operations.push_back({i, segment, index++, false, operation});
    }
    if (index > 0) operations.back().last_in_segment = true;
    ++segment;
  }
  if (segment == 0) {
    return Status::invalid_input(
        "the model has no ethos-u operators: vnpu verify takes a compiled model (vnpu compile's "
        "or Vela's output)");
  }
  if (operations.empty()) {
    return Status::invalid_input("the model's ethos-u operators run no NPU operation");
  }
  return operations;
}

std::string payload_accelerator(const ir::Model& compiled) {
  if (compiled.graphs.empty()) return "";
  const ir::Graph& graph = compiled.main_graph();
  for (size_t i = 0; i < graph.operators.size(); ++i) {
    if (graph.operators[i].type != ir::OpType::kEthosU) continue;
    Expected<isa::Cop1Payload> payload = read_payload(graph, i);
    if (!payload || !payload->has_optimizer_config) return "";
    for (const isa::AcceleratorConfig& config : isa::accelerator_configs()) {
      if (config.config_register() == payload->config_register) return config.name;
    }
    return "";
  }
  return "";
}

namespace {

Expected<NpuMemorySnapshot> run_stream_prefix(const ir::Model& compiled,
                                              const NpuOperationRef& operation, size_t kept_words,
                                              const driver::cpu::NpuPrepare& npu_prepare,
                                              const std::vector<std::vector<uint8_t>>& inputs) {
  Expected<ir::Model> cut = cut_model(compiled, operation, kept_words);
  if (!cut) return cut.status();
  driver::cpu::CpuOptions options;
  options.kernels = driver::cpu::KernelChoice::kReference;
  options.npu_prepare = npu_prepare;
  Expected<std::vector<int64_t>> offsets = tflite::read_offline_memory_plan(*cut);
  if (!offsets) return offsets.status();
  options.fixed_offsets = std::move(*offsets);
  auto runtime = driver::cpu::CpuRuntime::create(*cut, options);
  if (!runtime) return runtime.status();
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (Status status = (*runtime)->set_input(i, inputs[i]); !status) return status;
  }
  NpuMemorySnapshot snapshot;
  const ir::Operator& op = cut->main_graph().operators[operation.operator_index];
  Status status = (*runtime)->invoke([&](size_t index) {
    if (index != operation.operator_index) return;
    for (int32_t tensor : region_tensors(op))
      snapshot.regions.push_back(tensor_bytes(**runtime, tensor));
    for (int32_t tensor : op.outputs) snapshot.outputs.push_back(tensor_bytes(**runtime, tensor));
  });
  if (!status) return status;
  return snapshot;
}

}  // namespace

Expected<NpuMemorySnapshot> run_through_operation(const ir::Model& compiled,
                                                  const NpuOperationRef& operation,
                                                  const driver::cpu::NpuPrepare& npu_prepare,
                                                  const std::vector<std::vector<uint8_t>>& inputs) {
  return run_stream_prefix(compiled, operation, operation.operation.word_offset + size_t{1},
                           npu_prepare, inputs);
}

Expected<NpuMemorySnapshot> run_before_operation(const ir::Model& compiled,
                                                 const NpuOperationRef& operation,
                                                 const driver::cpu::NpuPrepare& npu_prepare,
                                                 const std::vector<std::vector<uint8_t>>& inputs) {
  return run_stream_prefix(compiled, operation, operation.operation.word_offset, npu_prepare,
                           inputs);
}

}  // namespace vnpu::verify
