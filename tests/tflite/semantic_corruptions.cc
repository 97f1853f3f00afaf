// Semantically inconsistent variants of a model: well-formed flatbuffers whose
// content the reader must reject. See model_corruptions.h.
#include <cmath>
#include <functional>
#include <limits>

#include "tests/tflite/model_corruptions.h"
#include "tflite/reader.h"
#include "tflite/schema/tflite_subset_generated.h"
#include "tflite/writer.h"

namespace vnpu::tflite::testing {
namespace {

namespace schema = vnpu::tflite::schema;

using IrMutation = std::function<void(ir::Model&)>;
using FlatbufferMutation = std::function<void(schema::ModelT&)>;

// Index of the first tensor of graph 0 matching `predicate`, or -1.
int32_t find_tensor(const ir::Graph& graph,
                    const std::function<bool(const ir::Tensor&)>& predicate) {
  for (size_t i = 0; i < graph.tensors.size(); ++i) {
    if (predicate(graph.tensors[i])) return static_cast<int32_t>(i);
  }
  return -1;
}

// The tensor with the smallest positive first dimension (-1 when none): per-channel
// corruptions stay small.
int32_t smallest_first_dimension(const ir::Graph& graph) {
  int32_t best = -1;
  for (size_t i = 0; i < graph.tensors.size(); ++i) {
    const ir::Shape& shape = graph.tensors[i].shape;
    if (shape.empty() || shape[0] <= 0) continue;
    if (best < 0 || shape[0] < graph.tensors[static_cast<size_t>(best)].shape[0]) {
      best = static_cast<int32_t>(i);
    }
  }
  return best;
}

int32_t largest_constant(const ir::Graph& graph) {
  int32_t best = -1;
  for (size_t i = 0; i < graph.tensors.size(); ++i) {
    const size_t size = graph.tensors[i].data.size();
    if (size >= 2 && (best < 0 || size > graph.tensors[static_cast<size_t>(best)].data.size())) {
      best = static_cast<int32_t>(i);
    }
  }
  return best;
}

class SemanticCorruptor {
 public:
  explicit SemanticCorruptor(ir::Model model) : model_(std::move(model)) {
    auto bytes = write_tflite(model_);
    if (bytes) base_ = std::move(*bytes);
  }

  std::vector<NamedCorruption> run() {
    if (base_.empty()) return {};
    add_index_corruptions();
    add_tensor_corruptions();
    add_quantization_corruptions();
    add_dataflow_corruptions();
    add_operator_code_corruptions();
    add_options_corruptions();
    add_model_corruptions();
    return std::move(variants_);
  }

 private:
  const ir::Graph& graph() const { return model_.graphs[0]; }
  bool has_operator() const { return !graph().operators.empty(); }

  void ir_variant(const std::string& name, const IrMutation& mutate) {
    ir::Model model = model_;
    mutate(model);
    auto bytes = write_tflite(model);
    if (bytes) variants_.push_back({name, std::move(*bytes)});
  }

  void flatbuffer_variant(const std::string& name, const FlatbufferMutation& mutate) {
    std::unique_ptr<schema::ModelT> model = schema::UnPackModel(base_.data());
    mutate(*model);
    flatbuffers::FlatBufferBuilder fbb;
    schema::FinishModelBuffer(fbb, schema::Model::Pack(fbb, model.get()));
    variants_.push_back({name, std::vector<uint8_t>(fbb.GetBufferPointer(),
                                                    fbb.GetBufferPointer() + fbb.GetSize())});
  }

  void add_index_corruptions() {
    const auto count = static_cast<int32_t>(graph().tensors.size());
    if (has_operator()) {
      ir_variant("op0_input_out_of_range", [count](ir::Model& m) {
        auto& inputs = m.graphs[0].operators[0].inputs;
        if (inputs.empty()) inputs.push_back(0);
        inputs[0] = count;
      });
      ir_variant("op0_input_negative", [](ir::Model& m) {
        auto& inputs = m.graphs[0].operators[0].inputs;
        if (inputs.empty()) inputs.push_back(0);
        inputs[0] = -7;
      });
      ir_variant("op0_output_out_of_range",
                 [count](ir::Model& m) { m.graphs[0].operators[0].outputs[0] = count + 5; });
      ir_variant("op0_output_absent",
                 [](ir::Model& m) { m.graphs[0].operators[0].outputs[0] = ir::kNoTensor; });
      flatbuffer_variant("opcode_index_out_of_range", [](schema::ModelT& m) {
        m.subgraphs[0]->operators[0]->opcode_index =
            static_cast<uint32_t>(m.operator_codes.size() + 3);
      });
    }
    ir_variant("graph_input_out_of_range",
               [count](ir::Model& m) { m.graphs[0].inputs.push_back(count + 1); });
    ir_variant("graph_input_negative", [](ir::Model& m) { m.graphs[0].inputs.push_back(-1); });
    ir_variant("graph_output_out_of_range",
               [count](ir::Model& m) { m.graphs[0].outputs.push_back(count); });
    if (count > 0) {
      flatbuffer_variant("tensor_buffer_out_of_range", [](schema::ModelT& m) {
        m.subgraphs[0]->tensors[0]->buffer = static_cast<uint32_t>(m.buffers.size() + 2);
      });
    }
  }

  void add_tensor_corruptions() {
    const int32_t constant = largest_constant(graph());
    if (constant >= 0) {
      ir_variant("constant_data_one_byte_short",
                 [constant](ir::Model& m) { m.graphs[0].tensor(constant).data.pop_back(); });
      ir_variant("constant_data_one_byte_long",
                 [constant](ir::Model& m) { m.graphs[0].tensor(constant).data.push_back(0); });
    }
    const int32_t activation = find_tensor(
        graph(), [](const ir::Tensor& t) { return !t.is_constant() && !t.shape.empty(); });
    if (activation >= 0) {
      ir_variant("negative_dimension",
                 [activation](ir::Model& m) { m.graphs[0].tensor(activation).shape[0] = -1; });
      ir_variant("rank_7", [activation](ir::Model& m) {
        m.graphs[0].tensor(activation).shape = {1, 1, 1, 1, 1, 1, 1};
      });
      ir_variant("element_count_overflow", [activation](ir::Model& m) {
        m.graphs[0].tensor(activation).shape = {65536, 65536, 65536, 65536};
      });
    }
    if (!graph().tensors.empty()) {
      flatbuffer_variant("tensor_type_float16", [](schema::ModelT& m) {
        m.subgraphs[0]->tensors[0]->type = schema::TensorType_FLOAT16;
      });
      flatbuffer_variant("tensor_type_string", [](schema::ModelT& m) {
        m.subgraphs[0]->tensors[0]->type = schema::TensorType_STRING;
      });
      flatbuffer_variant("tensor_type_unknown", [](schema::ModelT& m) {
        m.subgraphs[0]->tensors[0]->type = static_cast<schema::TensorType>(100);
      });
      flatbuffer_variant("tensor_sparse", [](schema::ModelT& m) {
        m.subgraphs[0]->tensors[0]->sparsity = std::make_unique<schema::SparsityParametersT>();
      });
    }
  }

  void quantization_variant(const std::string& name, int32_t tensor, std::vector<float> scales,
                            std::vector<int64_t> zero_points, int32_t axis) {
    if (tensor < 0) return;
    ir_variant(name, [=](ir::Model& m) {
      ir::Quantization& q = m.graphs[0].tensor(tensor).quantization;
      q.scales = scales;
      q.zero_points = zero_points;
      q.axis = axis;
    });
  }

  void add_quantization_corruptions() {
    const int32_t first = smallest_first_dimension(graph());
    if (first >= 0) {
      const auto channels = static_cast<size_t>(graph().tensor(first).shape[0]) + 1;
      quantization_variant("per_channel_scale_count_mismatch", first,
                           std::vector<float>(channels, 0.5f), std::vector<int64_t>(channels, 0),
                           0);
      quantization_variant("quantized_dimension_negative", first, {0.5f, 0.5f}, {0, 0}, -1);
    }
    // Rank >= 2: a rank-1 tensor's out-of-range axis is read as 0 (see the reader).
    const int32_t matrix =
        find_tensor(graph(), [](const ir::Tensor& t) { return t.shape.size() >= 2; });
    if (matrix >= 0) {
      const auto rank = static_cast<int32_t>(graph().tensor(matrix).shape.size());
      quantization_variant("quantized_dimension_out_of_range", matrix, {0.5f, 0.5f}, {0, 0}, rank);
    }
    if (graph().tensors.empty()) return;
    quantization_variant("zero_point_count_mismatch", 0, {0.5f}, {0, 0}, 0);
    quantization_variant("zero_points_without_scales", 0, {}, {0}, 0);
    quantization_variant("scale_zero", 0, {0.0f}, {0}, 0);
    quantization_variant("scale_negative", 0, {-0.25f}, {0}, 0);
    quantization_variant("scale_nan", 0, {std::numeric_limits<float>::quiet_NaN()}, {0}, 0);
    const int32_t small_int = find_tensor(graph(), [](const ir::Tensor& t) {
      return t.type == ir::DataType::kInt8 || t.type == ir::DataType::kUInt8;
    });
    quantization_variant("zero_point_outside_type_range", small_int, {0.5f}, {1000}, 0);
    flatbuffer_variant("custom_quantization", [](schema::ModelT& m) {
      auto& tensor = *m.subgraphs[0]->tensors[0];
      if (!tensor.quantization) {
        tensor.quantization = std::make_unique<schema::QuantizationParametersT>();
      }
      tensor.quantization->details.Set(schema::CustomQuantizationT());
    });
  }

  void add_dataflow_corruptions() {
    if (!has_operator()) return;
    ir_variant("reads_tensor_never_produced", [](ir::Model& m) {
      ir::Graph& g = m.graphs[0];
      ir::Tensor orphan;
      orphan.name = "never_produced";
      orphan.shape = {1};
      g.tensors.push_back(orphan);
      const auto index = static_cast<int32_t>(g.tensors.size() - 1);
      auto& inputs = g.operators[0].inputs;
      auto slot =
          std::find_if(inputs.begin(), inputs.end(), [](int32_t i) { return i != ir::kNoTensor; });
      if (slot == inputs.end()) {
        inputs.push_back(index);
      } else {
        *slot = index;
      }
    });
    ir_variant("output_listed_twice", [](ir::Model& m) {
      auto& outputs = m.graphs[0].operators[0].outputs;
      outputs.push_back(outputs[0]);
    });
    ir_variant("operator_without_outputs",
               [](ir::Model& m) { m.graphs[0].operators[0].outputs.clear(); });
    const int32_t constant =
        find_tensor(graph(), [](const ir::Tensor& t) { return t.is_constant(); });
    if (constant >= 0) {
      ir_variant("operator_writes_constant",
                 [constant](ir::Model& m) { m.graphs[0].operators[0].outputs[0] = constant; });
    }
  }

  void opcode_variant(const std::string& name, int32_t code, const std::string& custom_code) {
    flatbuffer_variant(name, [=](schema::ModelT& m) {
      auto& opcode = *m.operator_codes[m.subgraphs[0]->operators[0]->opcode_index];
      opcode.builtin_code = static_cast<schema::BuiltinOperator>(code);
      opcode.deprecated_builtin_code = static_cast<int8_t>(std::min(code, 127));
      opcode.custom_code = custom_code;
    });
  }

  void add_operator_code_corruptions() {
    if (!has_operator()) return;
    opcode_variant("unsupported_builtin_SPLIT", 49, "");
    opcode_variant("unknown_builtin_code_250", 250, "");
    opcode_variant("unknown_custom_code", 32, "vnpu-test-unknown-op");
    opcode_variant("custom_without_custom_code", 32, "");
  }

  // An operator with one of the option tables the reader interprets, or null.
  static schema::OperatorT* op_with_options(schema::ModelT& m) {
    for (auto& op : m.subgraphs[0]->operators) {
      switch (op->builtin_options.type) {
        case schema::BuiltinOptions_Conv2DOptions:
        case schema::BuiltinOptions_DepthwiseConv2DOptions:
        case schema::BuiltinOptions_Pool2DOptions:
        case schema::BuiltinOptions_FullyConnectedOptions:
        case schema::BuiltinOptions_AddOptions:
          return op.get();
        default:
          break;
      }
    }
    return nullptr;
  }

  static void set_activation(schema::OperatorT& op, schema::ActivationFunctionType activation) {
    auto& options = op.builtin_options;
    if (auto* o = options.AsConv2DOptions()) o->fused_activation_function = activation;
    if (auto* o = options.AsDepthwiseConv2DOptions()) o->fused_activation_function = activation;
    if (auto* o = options.AsPool2DOptions()) o->fused_activation_function = activation;
    if (auto* o = options.AsFullyConnectedOptions()) o->fused_activation_function = activation;
    if (auto* o = options.AsAddOptions()) o->fused_activation_function = activation;
  }

  void add_options_corruptions() {
    bool found = false;
    {
      std::unique_ptr<schema::ModelT> probe = schema::UnPackModel(base_.data());
      found = op_with_options(*probe) != nullptr;
    }
    if (!found) return;
    flatbuffer_variant("fused_activation_TANH", [](schema::ModelT& m) {
      set_activation(*op_with_options(m), schema::ActivationFunctionType_TANH);
    });
    flatbuffer_variant("fused_activation_SIGN_BIT", [](schema::ModelT& m) {
      set_activation(*op_with_options(m), schema::ActivationFunctionType_SIGN_BIT);
    });
    flatbuffer_variant("fused_activation_unknown", [](schema::ModelT& m) {
      set_activation(*op_with_options(m), static_cast<schema::ActivationFunctionType>(42));
    });
    flatbuffer_variant("builtin_options_of_wrong_type", [](schema::ModelT& m) {
      schema::SoftmaxOptionsT softmax;
      softmax.beta = 1.0f;
      op_with_options(m)->builtin_options.Set(softmax);
    });
  }

  void add_model_corruptions() {
    flatbuffer_variant("model_schema_version_2", [](schema::ModelT& m) { m.version = 2; });
    flatbuffer_variant("model_without_subgraphs", [](schema::ModelT& m) { m.subgraphs.clear(); });
    flatbuffer_variant("buffer0_not_empty", [](schema::ModelT& m) {
      m.buffers[0]->data = {1, 2, 3};
    });
    flatbuffer_variant("buffer_offset_outside_file", [](schema::ModelT& m) {
      auto buffer = std::make_unique<schema::BufferT>();
      buffer->offset = uint64_t{1} << 40;
      buffer->size = 16;
      m.buffers.push_back(std::move(buffer));
    });
    flatbuffer_variant("buffer_size_outside_file", [](schema::ModelT& m) {
      auto buffer = std::make_unique<schema::BufferT>();
      buffer->offset = 8;
      buffer->size = std::numeric_limits<uint64_t>::max() - 4;
      m.buffers.push_back(std::move(buffer));
    });
    flatbuffer_variant("metadata_buffer_out_of_range", [](schema::ModelT& m) {
      auto metadata = std::make_unique<schema::MetadataT>();
      metadata->name = "broken";
      metadata->buffer = static_cast<uint32_t>(m.buffers.size() + 1);
      m.metadata.push_back(std::move(metadata));
    });
    flatbuffer_variant("deprecated_metadata_buffer_out_of_range", [](schema::ModelT& m) {
      m.metadata_buffer = {static_cast<int32_t>(m.buffers.size())};
    });
    if (has_operator() && graph().operators[0].type == ir::OpType::kEthosU) {
      flatbuffer_variant("custom_options_outside_file", [](schema::ModelT& m) {
        auto& op = *m.subgraphs[0]->operators[0];
        op.large_custom_options_offset = uint64_t{1} << 33;
        op.large_custom_options_size = 4;
      });
    }
  }

  ir::Model model_;
  std::vector<uint8_t> base_;
  std::vector<NamedCorruption> variants_;
};

}  // namespace

std::vector<NamedCorruption> make_semantic_corruptions(const std::vector<uint8_t>& model_bytes) {
  auto model = read_tflite(model_bytes.data(), model_bytes.size(), "corruption base");
  if (!model) return {};
  return SemanticCorruptor(std::move(*model)).run();
}

}  // namespace vnpu::tflite::testing
