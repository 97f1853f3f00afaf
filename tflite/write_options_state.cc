#include "tflite/write_options_state.h"

namespace vnpu::tflite::detail {
namespace {

template <typename T>
WrittenOptions state_written(flatbuffers::Offset<T> table) {
  return WrittenOptions{schema::BuiltinOptionsTraits<T>::enum_value, table.Union()};
}

schema::ActivationFunctionType svdf_activation(ir::FusedActivation activation) {
  switch (activation) {
    case ir::FusedActivation::kRelu: return schema::ActivationFunctionType_RELU;
    case ir::FusedActivation::kReluN1To1: return schema::ActivationFunctionType_RELU_N1_TO_1;
    case ir::FusedActivation::kRelu6: return schema::ActivationFunctionType_RELU6;
    case ir::FusedActivation::kNone: break;
  }
  return schema::ActivationFunctionType_NONE;
}

}  // namespace

std::optional<WrittenOptions> write_state_options(flatbuffers::FlatBufferBuilder& fbb,
                                                  const ir::Operator& op) {
  const ir::OpOptions& options = op.options;
  if (const auto* o = std::get_if<ir::SvdfOptions>(&options)) {
    return state_written(schema::CreateSVDFOptions(fbb, o->rank, svdf_activation(o->activation)));
  }
  if (const auto* o = std::get_if<ir::SequenceLstmOptions>(&options)) {
    return state_written(schema::CreateUnidirectionalSequenceLSTMOptions(
        fbb, schema::ActivationFunctionType_TANH, o->cell_clip, o->proj_clip, o->time_major));
  }
  if (const auto* o = std::get_if<ir::IfOptions>(&options)) {
    return state_written(schema::CreateIfOptions(fbb, o->then_subgraph, o->else_subgraph));
  }
  if (const auto* o = std::get_if<ir::WhileOptions>(&options)) {
    return state_written(schema::CreateWhileOptions(fbb, o->cond_subgraph, o->body_subgraph));
  }
  if (const auto* o = std::get_if<ir::CallOnceOptions>(&options)) {
    return state_written(schema::CreateCallOnceOptions(fbb, o->init_subgraph));
  }
  if (const auto* o = std::get_if<ir::VarHandleOptions>(&options)) {
    const auto container = fbb.CreateString(o->container);
    const auto shared_name = fbb.CreateString(o->shared_name);
    return state_written(schema::CreateVarHandleOptions(fbb, container, shared_name));
  }
  if (op.type == ir::OpType::kReadVariable) {
    return state_written(schema::CreateReadVariableOptions(fbb));
  }
  if (op.type == ir::OpType::kAssignVariable) {
    return state_written(schema::CreateAssignVariableOptions(fbb));
  }
  return std::nullopt;
}

}  // namespace vnpu::tflite::detail
