#include "tflite/writer.h"

#include <algorithm>
#include <string>

#include "tflite/builtin_codes.h"
#include "tflite/schema/tflite_subset_generated.h"
#include "tflite/write_options.h"

namespace vnpu::tflite {
namespace {

namespace schema = vnpu::tflite::schema;
using flatbuffers::Offset;

constexpr uint32_t kSchemaVersion = 3;
constexpr size_t kBufferAlignment = 16;  // Buffer.data is force_align 16
// Generous per-object overhead (tables, vtables, offsets, padding) for the size bound.
constexpr uint64_t kObjectOverheadBytes = 128;
constexpr uint64_t kMaxModelBytes = FLATBUFFERS_MAX_BUFFER_SIZE - (uint64_t{1} << 20);

// An upper bound on the flatbuffer size, so an oversized model is refused before
// the builder would abort.
uint64_t size_bound(const ir::Model& model) {
  uint64_t bytes = kObjectOverheadBytes + model.description.size();
  for (const ir::Model::Metadata& metadata : model.metadata) {
    bytes += 2 * kObjectOverheadBytes + metadata.name.size() + metadata.data.size();
  }
  for (const ir::Graph& graph : model.graphs) {
    bytes +=
        kObjectOverheadBytes + graph.name.size() + 4 * (graph.inputs.size() + graph.outputs.size());
    for (const ir::Tensor& tensor : graph.tensors) {
      bytes += 3 * kObjectOverheadBytes + tensor.name.size() + 4 * tensor.shape.size() +
               12 * tensor.quantization.scales.size() + tensor.data.size();
    }
    for (const ir::Operator& op : graph.operators) {
      bytes += 3 * kObjectOverheadBytes + 4 * (op.inputs.size() + op.outputs.size());
      if (const auto* custom = std::get_if<ir::CustomOptions>(&op.options)) {
        bytes += custom->custom_code.size() + custom->data.size();
      } else if (const auto* reshape = std::get_if<ir::ReshapeOptions>(&op.options)) {
        bytes += 4 * reshape->new_shape.size();
      } else if (const auto* squeeze = std::get_if<ir::SqueezeOptions>(&op.options)) {
        bytes += 4 * squeeze->squeeze_dims.size();
      }
    }
  }
  return bytes;
}

struct OperatorCodeKey {
  int32_t builtin_code = 0;
  std::string custom_code;  // empty for builtin operators

  bool operator==(const OperatorCodeKey& other) const {
    return builtin_code == other.builtin_code && custom_code == other.custom_code;
  }
};

OperatorCodeKey operator_code_key(const ir::Operator& op) {
  OperatorCodeKey key{builtin_code_for_op_type(op.type), ""};
  if (ir::is_custom_op_type(op.type)) {
    const auto* custom = std::get_if<ir::CustomOptions>(&op.options);
    const char* default_code =
        op.type == ir::OpType::kEthosU ? kEthosUCustomCode : ir::op_type_name(op.type);
    key.custom_code =
        custom != nullptr && !custom->custom_code.empty() ? custom->custom_code : default_code;
  }
  return key;
}

// Tensors the ethos-u operator uses as scratch: the reader marks them is_variable.
std::vector<bool> ethos_u_scratch(const ir::Graph& graph) {
  std::vector<bool> scratch(graph.tensors.size(), false);
  for (const ir::Operator& op : graph.operators) {
    if (op.type != ir::OpType::kEthosU) continue;
    for (size_t slot : {kEthosUScratchInput, kEthosUFastScratchInput}) {
      if (slot >= op.inputs.size()) continue;
      const int32_t index = op.inputs[slot];
      if (index >= 0 && static_cast<size_t>(index) < scratch.size()) {
        scratch[static_cast<size_t>(index)] = true;
      }
    }
  }
  return scratch;
}

class ModelWriter {
 public:
  explicit ModelWriter(const ir::Model& model) : model_(model) {}

  std::vector<uint8_t> write() {
    buffers_.push_back(schema::CreateBuffer(fbb_));  // buffer 0: the empty sentinel
    std::vector<Offset<schema::SubGraph>> graphs;
    for (const ir::Graph& graph : model_.graphs) graphs.push_back(write_graph(graph));
    std::vector<Offset<schema::Metadata>> metadata;
    for (const ir::Model::Metadata& entry : model_.metadata) {
      const uint32_t buffer = add_buffer(entry.data);
      metadata.push_back(schema::CreateMetadata(fbb_, fbb_.CreateString(entry.name), buffer));
    }
    const auto codes = write_operator_codes();
    const auto subgraphs = fbb_.CreateVector(graphs);
    const auto description = model_.description.empty() ? 0 : fbb_.CreateString(model_.description);
    const auto buffers = fbb_.CreateVector(buffers_);
    const auto metadata_vector = metadata.empty() ? 0 : fbb_.CreateVector(metadata);
    const auto root = schema::CreateModel(fbb_, kSchemaVersion, codes, subgraphs, description,
                                          buffers, 0, metadata_vector);
    schema::FinishModelBuffer(fbb_, root);
    return std::vector<uint8_t>(fbb_.GetBufferPointer(), fbb_.GetBufferPointer() + fbb_.GetSize());
  }

 private:
  uint32_t add_buffer(const std::vector<uint8_t>& data) {
    fbb_.ForceVectorAlignment(data.size(), sizeof(uint8_t), kBufferAlignment);
    buffers_.push_back(schema::CreateBuffer(fbb_, fbb_.CreateVector(data)));
    return static_cast<uint32_t>(buffers_.size() - 1);
  }

  uint32_t operator_code_index(const ir::Operator& op) {
    const OperatorCodeKey key = operator_code_key(op);
    auto found = std::find(codes_.begin(), codes_.end(), key);
    if (found != codes_.end()) return static_cast<uint32_t>(found - codes_.begin());
    codes_.push_back(key);
    return static_cast<uint32_t>(codes_.size() - 1);
  }

  Offset<flatbuffers::Vector<Offset<schema::OperatorCode>>> write_operator_codes() {
    std::vector<Offset<schema::OperatorCode>> codes;
    for (const OperatorCodeKey& key : codes_) {
      const auto deprecated =
          static_cast<int8_t>(std::min(key.builtin_code, kBuiltinPlaceholderForGreaterOpCodes));
      const auto custom_code = key.custom_code.empty() ? 0 : fbb_.CreateString(key.custom_code);
      codes.push_back(
          schema::CreateOperatorCode(fbb_, deprecated, custom_code, 1,
                                     static_cast<schema::BuiltinOperator>(key.builtin_code)));
    }
    return fbb_.CreateVector(codes);
  }

  Offset<schema::QuantizationParameters> write_quantization(const ir::Quantization& q) {
    if (q.scales.empty() && q.zero_points.empty() && q.axis == 0) return 0;
    const auto scales = fbb_.CreateVector(q.scales);
    const auto zero_points = fbb_.CreateVector(q.zero_points);
    return schema::CreateQuantizationParameters(fbb_, 0, 0, scales, zero_points,
                                                schema::QuantizationDetails_NONE, 0, q.axis);
  }

  Offset<schema::Tensor> write_tensor(const ir::Tensor& tensor, bool scratch) {
    const uint32_t buffer = tensor.data.empty() ? 0 : add_buffer(tensor.data);
    const auto shape = fbb_.CreateVector(tensor.shape);
    const auto name = fbb_.CreateString(tensor.name);
    const auto quantization = write_quantization(tensor.quantization);
    const bool is_variable = tensor.is_variable && !(scratch && !tensor.is_constant());
    return schema::CreateTensor(fbb_, shape, to_schema_type(tensor.type), buffer, name,
                                quantization, is_variable);
  }

  static schema::TensorType to_schema_type(ir::DataType type) {
    switch (type) {
      case ir::DataType::kInt8:
        return schema::TensorType_INT8;
      case ir::DataType::kUInt8:
        return schema::TensorType_UINT8;
      case ir::DataType::kInt16:
        return schema::TensorType_INT16;
      case ir::DataType::kInt32:
        return schema::TensorType_INT32;
      case ir::DataType::kInt64:
        return schema::TensorType_INT64;
      case ir::DataType::kUInt32:
        return schema::TensorType_UINT32;
      case ir::DataType::kUInt64:
        return schema::TensorType_UINT64;
      case ir::DataType::kFloat32:
        return schema::TensorType_FLOAT32;
      case ir::DataType::kBool:
        return schema::TensorType_BOOL;
      case ir::DataType::kResource:
        return schema::TensorType_RESOURCE;
    }
    return schema::TensorType_INT8;
  }

  Offset<schema::Operator> write_operator(const ir::Operator& op) {
    const uint32_t opcode_index = operator_code_index(op);
    const auto inputs = fbb_.CreateVector(op.inputs);
    const auto outputs = fbb_.CreateVector(op.outputs);
    const detail::WrittenOptions options = detail::write_builtin_options(fbb_, op);
    Offset<flatbuffers::Vector<uint8_t>> custom_options = 0;
    if (const auto* custom = std::get_if<ir::CustomOptions>(&op.options)) {
      custom_options = fbb_.CreateVector(custom->data);
    }
    return schema::CreateOperator(fbb_, opcode_index, inputs, outputs, options.type, options.table,
                                  custom_options);
  }

  Offset<schema::SubGraph> write_graph(const ir::Graph& graph) {
    const std::vector<bool> scratch = ethos_u_scratch(graph);
    std::vector<Offset<schema::Tensor>> tensors;
    for (size_t i = 0; i < graph.tensors.size(); ++i) {
      tensors.push_back(write_tensor(graph.tensors[i], scratch[i]));
    }
    std::vector<Offset<schema::Operator>> operators;
    for (const ir::Operator& op : graph.operators) operators.push_back(write_operator(op));
    const auto tensor_vector = fbb_.CreateVector(tensors);
    const auto inputs = fbb_.CreateVector(graph.inputs);
    const auto outputs = fbb_.CreateVector(graph.outputs);
    const auto operator_vector = fbb_.CreateVector(operators);
    const auto name = graph.name.empty() ? 0 : fbb_.CreateString(graph.name);
    return schema::CreateSubGraph(fbb_, tensor_vector, inputs, outputs, operator_vector, name);
  }

  const ir::Model& model_;
  flatbuffers::FlatBufferBuilder fbb_;
  std::vector<Offset<schema::Buffer>> buffers_;
  std::vector<OperatorCodeKey> codes_;
};

}  // namespace

Expected<std::vector<uint8_t>> write_tflite(const ir::Model& model) {
  const uint64_t bound = size_bound(model);
  if (bound > kMaxModelBytes) {
    return Status::unsupported("model needs up to " + std::to_string(bound) +
                               " bytes, more than a TensorFlow Lite flatbuffer can hold (" +
                               std::to_string(kMaxModelBytes) + ")");
  }
  ModelWriter writer(model);
  return writer.write();
}

}  // namespace vnpu::tflite
