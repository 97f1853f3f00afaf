// Reads one TFLite operator: its operator code, operands and options.
#include <algorithm>

#include "tflite/builtin_codes.h"
#include "tflite/read_flexbuffer_map.h"
#include "tflite/reader_context.h"

namespace vnpu::tflite::detail {
namespace {

Expected<ir::OpType> resolve_operator_code(const schema::OperatorCode& code,
                                           const std::string& where) {
  const int32_t builtin = std::max(static_cast<int32_t>(code.deprecated_builtin_code()),
                                   static_cast<int32_t>(code.builtin_code()));
  if (builtin == kBuiltinCustom) {
    const flatbuffers::String* custom_code = code.custom_code();
    if (custom_code == nullptr) {
      return Status::invalid_input(where + ": CUSTOM operator without a custom code");
    }
    std::optional<ir::OpType> custom = op_type_for_custom_code(custom_code->str());
    if (custom) return *custom;
    return Status::unsupported(where + ": unsupported custom operator " + quoted(custom_code));
  }
  std::optional<ir::OpType> type = op_type_for_builtin_code(builtin);
  if (type && builtin_options_reader(*type) != nullptr) return *type;
  const char* name = builtin_code_name(builtin);
  if (name == nullptr) {
    return Status::unsupported(where + ": unsupported operator with unknown builtin code " +
                               std::to_string(builtin));
  }
  return Status::unsupported(where + ": unsupported operator " + name + " (builtin code " +
                             std::to_string(builtin) + ")");
}

Status read_operands(ReadContext& context, const flatbuffers::Vector<int32_t>* source,
                     size_t tensor_count, bool inputs, std::vector<int32_t>& operands,
                     const std::string& where) {
  auto indices = copy_vector(context, source, where);
  if (!indices) return indices.status();
  operands = std::move(*indices);
  const char* role = inputs ? "input " : "output ";
  for (size_t i = 0; i < operands.size(); ++i) {
    const int32_t index = operands[i];
    if (index == -1 && inputs) {
      operands[i] = ir::kNoTensor;
      continue;
    }
    if (index < 0 || static_cast<size_t>(index) >= tensor_count) {
      return Status::invalid_input(where + ": " + role + std::to_string(i) + " refers to tensor " +
                                   std::to_string(index) + ", subgraph has " +
                                   std::to_string(tensor_count) + " tensors");
    }
  }
  return Status::ok();
}

Status read_custom_options(ReadContext& context, const schema::Operator& source,
                           const schema::OperatorCode& code, ir::Operator& op,
                           const std::string& where) {
  if (source.custom_options_format() != schema::CustomOptionsFormat_FLEXBUFFERS) {
    return Status::unsupported(where + ": custom options format " +
                               std::to_string(static_cast<int>(source.custom_options_format())) +
                               " is not supported (only FLEXBUFFERS)");
  }
  ByteSpan span;
  // As in TFLite, an offset above 1 locates the options outside the flatbuffer.
  if (source.large_custom_options_offset() > 1) {
    auto range = file_range(context, source.large_custom_options_offset(),
                            source.large_custom_options_size(), where + ": custom options");
    if (!range) return range.status();
    span = *range;
  } else if (source.custom_options() != nullptr) {
    span = ByteSpan{source.custom_options()->data(), source.custom_options()->size()};
  }
  Status charged = context.charge(span.size, where);
  if (!charged) return charged;
  ir::CustomOptions options;
  options.custom_code = code.custom_code()->str();
  options.data.assign(span.data, span.data + span.size);
  // The signal-library operators' parameters: a flexbuffer map (ethos-u keeps
  // its options opaque, for the NPU backend).
  if (op.type != ir::OpType::kEthosU) {
    auto params = read_flexbuffer_int_map(span.data, span.size, where);
    if (!params) return params.status();
    options.params = std::move(*params);
  }
  op.options = std::move(options);
  return Status::ok();
}

}  // namespace

Expected<ir::Operator> read_operator(ReadContext& context, const schema::Operator& source,
                                     size_t tensor_count, const std::string& where) {
  const auto* codes = context.model().operator_codes();
  const size_t code_count = codes == nullptr ? 0 : codes->size();
  if (source.opcode_index() >= code_count) {
    return Status::invalid_input(where + ": opcode index " + std::to_string(source.opcode_index()) +
                                 " out of range (model has " + std::to_string(code_count) +
                                 " operator codes)");
  }
  const schema::OperatorCode* code = codes->Get(source.opcode_index());
  if (code == nullptr) return Status::invalid_input(where + ": null operator code");
  auto type = resolve_operator_code(*code, where);
  if (!type) return type.status();
  ir::Operator op;
  op.type = *type;
  const std::string label = where + " (" + ir::op_type_name(op.type) + ")";
  Status status = read_operands(context, source.inputs(), tensor_count, true, op.inputs, label);
  if (status) {
    status = read_operands(context, source.outputs(), tensor_count, false, op.outputs, label);
  }
  if (status) {
    status = ir::is_custom_op_type(op.type)
                 ? read_custom_options(context, source, *code, op, label)
                 : builtin_options_reader(op.type)(context, source, op, label);
  }
  if (!status) return status;
  return op;
}

}  // namespace vnpu::tflite::detail
