// Options of the stateful and control-flow operators. A missing options table
// reads as the schema's defaults, as in read_options.cc. Subgraph indices are
// checked against the model's subgraph count here; that a subgraph's inputs and
// outputs fit the operator is the runtime's check.
#include "tflite/read_options_state.h"

#include <cmath>

namespace vnpu::tflite::detail {
namespace {


Status check_subgraph_index(const ReadContext& context, int32_t index, const char* field,
                            const std::string& where) {
  const auto* subgraphs = context.model().subgraphs();
  const int64_t count = subgraphs == nullptr ? 0 : subgraphs->size();
  if (index >= 0 && index < count) return Status::ok();
  return Status::invalid_input(where + ": " + field + " " + std::to_string(index) +
                               " is not a subgraph (the model has " + std::to_string(count) +
                               ")");
}

Status check_clip(float value, const char* field, const std::string& where) {
  if (std::isfinite(value) && value >= 0.0f) return Status::ok();
  return Status::invalid_input(where + ": " + field + " must be a finite number >= 0");
}

}  // namespace

Status read_svdf_options(ReadContext&, const schema::Operator& source, ir::Operator& op,
                         const std::string& where) {
  auto table = options_table<schema::SVDFOptions>(source, where);
  if (!table) return table.status();
  ir::SvdfOptions out;
  schema::ActivationFunctionType activation = schema::ActivationFunctionType_NONE;
  if (*table != nullptr) {
    out.rank = (*table)->rank();
    activation = (*table)->fused_activation_function();
  }
  switch (activation) {
    case schema::ActivationFunctionType_NONE: out.activation = ir::FusedActivation::kNone; break;
    case schema::ActivationFunctionType_RELU: out.activation = ir::FusedActivation::kRelu; break;
    case schema::ActivationFunctionType_RELU_N1_TO_1:
      out.activation = ir::FusedActivation::kReluN1To1;
      break;
    case schema::ActivationFunctionType_RELU6: out.activation = ir::FusedActivation::kRelu6; break;
    default:
      return Status::unsupported(where + ": fused activation " +
                                 std::to_string(static_cast<int>(activation)) +
                                 " is not supported");
  }
  if (out.rank < 1) {
    return Status::invalid_input(where + ": rank " + std::to_string(out.rank) +
                                 " must be at least 1");
  }
  op.options = out;
  return Status::ok();
}

Status read_sequence_lstm_options(ReadContext&, const schema::Operator& source, ir::Operator& op,
                                  const std::string& where) {
  auto table = options_table<schema::UnidirectionalSequenceLSTMOptions>(source, where);
  if (!table) return table.status();
  ir::SequenceLstmOptions out;
  // The schema default (NONE) is no cell nonlinearity: TFLM's kernel asserts on it.
  schema::ActivationFunctionType activation = schema::ActivationFunctionType_NONE;
  if (*table != nullptr) {
    activation = (*table)->fused_activation_function();
    out.cell_clip = (*table)->cell_clip();
    out.proj_clip = (*table)->proj_clip();
    out.time_major = (*table)->time_major();
  }
  if (activation != schema::ActivationFunctionType_TANH) {
    return Status::unsupported(where + ": cell activation " +
                               std::to_string(static_cast<int>(activation)) +
                               " is not supported (TFLM's integer LSTM runs TANH only)");
  }
  if (Status s = check_clip(out.cell_clip, "cell_clip", where); !s) return s;
  if (Status s = check_clip(out.proj_clip, "proj_clip", where); !s) return s;
  op.options = out;
  return Status::ok();
}

Status read_if_options(ReadContext& context, const schema::Operator& source, ir::Operator& op,
                       const std::string& where) {
  auto table = options_table<schema::IfOptions>(source, where);
  if (!table) return table.status();
  ir::IfOptions out;
  if (*table != nullptr) {
    out.then_subgraph = (*table)->then_subgraph_index();
    out.else_subgraph = (*table)->else_subgraph_index();
  }
  if (Status s = check_subgraph_index(context, out.then_subgraph, "then_subgraph_index", where);
      !s) {
    return s;
  }
  if (Status s = check_subgraph_index(context, out.else_subgraph, "else_subgraph_index", where);
      !s) {
    return s;
  }
  op.options = out;
  return Status::ok();
}

Status read_while_options(ReadContext& context, const schema::Operator& source, ir::Operator& op,
                          const std::string& where) {
  auto table = options_table<schema::WhileOptions>(source, where);
  if (!table) return table.status();
  ir::WhileOptions out;
  if (*table != nullptr) {
    out.cond_subgraph = (*table)->cond_subgraph_index();
    out.body_subgraph = (*table)->body_subgraph_index();
  }
  if (Status s = check_subgraph_index(context, out.cond_subgraph, "cond_subgraph_index", where);
      !s) {
    return s;
  }
  if (Status s = check_subgraph_index(context, out.body_subgraph, "body_subgraph_index", where);
      !s) {
    return s;
  }
  op.options = out;
  return Status::ok();
}

Status read_call_once_options(ReadContext& context, const schema::Operator& source,
                              ir::Operator& op, const std::string& where) {
  auto table = options_table<schema::CallOnceOptions>(source, where);
  if (!table) return table.status();
  ir::CallOnceOptions out;
  if (*table != nullptr) out.init_subgraph = (*table)->init_subgraph_index();
  if (Status s = check_subgraph_index(context, out.init_subgraph, "init_subgraph_index", where);
      !s) {
    return s;
  }
  op.options = out;
  return Status::ok();
}

Status read_var_handle_options(ReadContext& context, const schema::Operator& source,
                               ir::Operator& op, const std::string& where) {
  auto table = options_table<schema::VarHandleOptions>(source, where);
  if (!table) return table.status();
  ir::VarHandleOptions out;
  if (*table != nullptr) {
    out.container = to_text((*table)->container());
    out.shared_name = to_text((*table)->shared_name());
  }
  if (Status s = context.charge(out.container.size() + out.shared_name.size(), where); !s) {
    return s;
  }
  op.options = std::move(out);
  return Status::ok();
}

Status read_variable_access_options(ReadContext&, const schema::Operator&, ir::Operator& op,
                                    const std::string&) {
  op.options = std::monostate{};
  return Status::ok();
}

}  // namespace vnpu::tflite::detail
